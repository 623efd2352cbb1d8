/// Who may do what in the newsroom: one table, read by the admin pages and the Admin API alike.
/// Ghost's and WordPress's roles: a contributor writes drafts, an author publishes their own
/// work, an editor manages everyone's posts and tags, an administrator also staff and settings.
/// Members: an editor looks readers up (answering their mail, a correction request); importing
/// and exporting the list, personal data in bulk, is for administrators.
public enum NewsroomPermissions {
    public static func allows(_ role: StaffRole, _ action: NewsroomAction) -> Bool {
        switch action {
        case .createPost, .editOwnUnpublishedPost, .deleteOwnUnpublishedPost:
            true
        case .editOwnPublishedPost, .publishOwnPost, .deleteOwnPublishedPost, .createTag:
            role >= .author
        case .listAllPosts, .editOthersPost, .publishOthersPost, .deleteOthersPost, .chooseAuthor, .manageTags,
            .manageAuthors, .viewMembers, .sendNewsletter:
            role >= .editor
        case .manageStaff, .manageSettings, .manageMembers:
            role >= .administrator
        case .transferOwnership:
            role == .owner
        }
    }

    /// Whether `actor` may change `target`'s account (role, suspension, removal) or set it to
    /// `newRole`: administrators manage everyone but the owner, and nobody hands out a role above
    /// their own.
    public static func mayManage(_ actor: StaffRole, target: StaffRole, newRole: StaffRole? = nil) -> Bool {
        guard allows(actor, .manageStaff), target != .owner else { return false }
        if let newRole { return newRole != .owner && newRole <= actor }
        return true
    }

    /// The action editing a post asks for, from whose post it is and whether readers see it.
    public static func editAction(own: Bool, published: Bool) -> NewsroomAction {
        own ? (published ? .editOwnPublishedPost : .editOwnUnpublishedPost) : .editOthersPost
    }

    public static func deleteAction(own: Bool, published: Bool) -> NewsroomAction {
        own ? (published ? .deleteOwnPublishedPost : .deleteOwnUnpublishedPost) : .deleteOthersPost
    }

    public static func publishAction(own: Bool) -> NewsroomAction {
        own ? .publishOwnPost : .publishOthersPost
    }
}
