/// Something a staff member asks to do in the newsroom; ``NewsroomPermissions`` says who may.
public enum NewsroomAction: Sendable, Hashable, CaseIterable {
    /// See the posts list and open posts (a contributor and an author see only their own).
    case listAllPosts
    case createPost
    /// Change a post credited to oneself that readers cannot see (draft or scheduled).
    case editOwnUnpublishedPost
    /// Change one's own post that is live.
    case editOwnPublishedPost
    /// Change anyone else's post.
    case editOthersPost
    /// Publish, schedule or unpublish one's own post.
    case publishOwnPost
    case publishOthersPost
    case deleteOwnUnpublishedPost
    case deleteOwnPublishedPost
    case deleteOthersPost
    /// Credit a post to another author.
    case chooseAuthor
    /// Put a tag that does not exist yet on a post (creating it).
    case createTag
    /// Rename, describe or delete tags.
    case manageTags
    /// Edit any author profile (one's own is always allowed).
    case manageAuthors
    /// Add, change the role of, suspend or remove staff (the owner excepted).
    case manageStaff
    /// Title, description, time zone, navigation.
    case manageSettings
    /// Make another staff member the owner.
    case transferOwnership
    /// See the members (readers on file): the list, search and filters.
    case viewMembers
    /// Import members and export them (every address at once: personal data in bulk).
    case manageMembers
    /// Send a post to a newsletter's subscribers when it goes live (every reader's inbox: an
    /// editor's call, as a front page is).
    case sendNewsletter
}
