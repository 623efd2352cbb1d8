import BylineCore

/// The `gate` partial's context: what a reader who is not entitled sees after the preview.
struct GateView {
    /// The article, where signing up or signing in brings the reader back.
    let returnPath: String
    /// "Continue reading": sign in, then back to the article.
    let signInUrl: String
    let isPaid: Bool

    init(articlePath: String, visibility: Visibility) {
        self.returnPath = articlePath
        self.signInUrl = "/members/signin?return_to=" + ShareView.encode(articlePath)
        self.isPaid = visibility == .paid
    }
}

/// The `subscribe-overlay` partial's context (``GateSettings`` for the script, as data attributes).
struct OverlayView {
    let scrollPercent: Int
    let dismissDays: Int
    let returnPath: String
}

/// Who the page was rendered for, as the layout reads it (the masthead's account link).
/// Never a person: pages are shared by everyone of an audience.
struct ReaderView {
    let isMember: Bool
    let isStaff: Bool
}
