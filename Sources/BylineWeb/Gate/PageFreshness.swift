import Foundation

/// The earliest moment any part of a page stops holding by the clock alone (``GatedPost/changesAt``):
/// a cached copy is not served after it.
struct PageFreshness {
    private(set) var validUntil: Date?

    mutating func note(_ date: Date?) {
        guard let date else { return }
        validUntil = validUntil.map { min($0, date) } ?? date
    }
}
