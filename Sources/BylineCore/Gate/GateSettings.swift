/// The subscriber gate's site settings: the archive rule, the preview's length, and the
/// subscribe overlay.
public struct GateSettings: Sendable, Equatable {
    /// Public posts published more than this many days ago are for members only; nil: off.
    public var archiveAfterDays: Int?
    /// How many top-level blocks (paragraphs, headings, lists) a gated post shows before the
    /// gate when its editor placed no cut.
    public var previewBlocks: Int
    /// Whether public articles show the subscribe overlay once the reader has scrolled.
    public var overlayEnabled: Bool
    /// How far down the article, in percent, the overlay appears.
    public var overlayScrollPercent: Int
    /// How many days "Continue reading" keeps the overlay away (kept in the browser's local storage).
    public var overlayDismissDays: Int

    public static let previewBlocksRange = 1...20
    public static let overlayScrollPercentRange = 10...90
    public static let overlayDismissDaysRange = 1...365
    public static let archiveAfterDaysRange = 1...36_500

    public init(
        archiveAfterDays: Int? = nil, previewBlocks: Int = 3, overlayEnabled: Bool = true,
        overlayScrollPercent: Int = 50, overlayDismissDays: Int = 30
    ) {
        self.archiveAfterDays = archiveAfterDays
        self.previewBlocks = previewBlocks
        self.overlayEnabled = overlayEnabled
        self.overlayScrollPercent = overlayScrollPercent
        self.overlayDismissDays = overlayDismissDays
    }
}
