import BylineCore
import Foundation

/// A post row as a newsroom write finds it at the start of its transaction, locked until the
/// transaction ends on PostgreSQL (`FOR UPDATE`; SQLite has one writer at a time anyway), so
/// the conflict check and the write see the same row.
struct LockedPost: Sendable {
    let id: Int64
    let slug: String
    let status: PostStatus
    let publishedAt: Date?
    let updatedAt: Date
    /// Where it appears, whether or not readers see it.
    let placement: TouchedKeys.Placement

    /// The columns ``SiteStore/lockPost(_:id:expectedUpdatedAt:)`` reads.
    static let columns: SQL = "id, slug, status, published_at, updated_at, author_id, title_key"

    var isPublic: Bool { status == .published }

    /// The listings readers see it in; nil while they cannot see it.
    var publicPlacement: TouchedKeys.Placement? { isPublic ? placement : nil }

    /// Whether readers may hold links to its slug: it is live, or it was and was taken back
    /// (unpublishing keeps the date). A scheduled post's date is only a plan, and a draft that
    /// was never published has none.
    var hasBeenPublic: Bool { status == .published || (status == .draft && publishedAt != nil) }

    /// Refuses to write over a save the editor has not seen: `expected` is the `updatedAt` they
    /// loaded (nil: no check). Dates match to the millisecond, what SQLite stores and what a
    /// form round-trips; two saves of one post within a millisecond are not two editors.
    func check(expectedUpdatedAt expected: Date?) throws {
        guard let expected else { return }
        if abs(updatedAt.timeIntervalSince(expected)) >= 0.001 {
            throw StoreError.conflict(currentUpdatedAt: updatedAt)
        }
    }
}
