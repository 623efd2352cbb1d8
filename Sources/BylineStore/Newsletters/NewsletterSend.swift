import Foundation

/// One post's email to one newsletter, rendered once when the send starts: every delivery of it
/// shares this subject and these bodies, which hold ``unsubscribePlaceholder`` where each
/// member's own one-click link goes.
public struct NewsletterSend: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var postID: Int64
    public var newsletterID: Int64
    public var subject: String
    public var html: String
    public var text: String
    /// The site's public origin when it was rendered: its members' unsubscribe links point
    /// there, whichever node or command sends a copy.
    public var siteURL: String
    public var createdAt: Date

    public init(
        id: Int64, postID: Int64, newsletterID: Int64, subject: String, html: String, text: String, siteURL: String,
        createdAt: Date
    ) {
        self.id = id
        self.postID = postID
        self.newsletterID = newsletterID
        self.subject = subject
        self.html = html
        self.text = text
        self.siteURL = siteURL
        self.createdAt = createdAt
    }

    /// Stands where a member's unsubscribe link goes, always alone on its line (so a body can
    /// be encoded once with only that line encoded again per member).
    public static let unsubscribePlaceholder = "%%byline-unsubscribe-url%%"
}
