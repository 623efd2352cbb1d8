import BylineCore
import BylineStore
import Foundation

/// What the newsroom's route collections (admin pages, Admin API) are built from.
public struct NewsroomEnvironment: Sendable {
    public let newsroom: Newsroom
    public let accounts: StaffAccounts
    public let adminTheme: AdminTheme
    /// The public site's page builder: previews render drafts exactly as readers will see them.
    let pages: SitePages
    public let clock: any WallClock
    /// The site's public origin (`https://...` makes cookies `Secure`).
    public let publicURL: String
    /// Reader signup and sign-in; nil when the server runs without members (some tests).
    public var members: MemberSignup? = nil
    /// Comments per client address on this node (``CommentRoutes``).
    let commentLimiter = CommentClientLimiter()
    /// Image uploads (editor, Admin API); nil when the store keeps no images (some tests).
    public var images: ImageUploads? = nil

    public var store: any NewsroomStore { newsroom.store }
    /// The members' list, export and import (`/admin/members/`): the newsroom's store when it
    /// keeps members (every ``SiteStore`` does), else nil and those pages answer 404.
    public var memberAdministration: (any MemberStore & MemberAdministration)? {
        newsroom.store as? any MemberStore & MemberAdministration
    }
    public var secureCookies: Bool { publicURL.lowercased().hasPrefix("https://") }
}
