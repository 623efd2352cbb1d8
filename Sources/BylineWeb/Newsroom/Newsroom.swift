import BylineCore
import BylineStore
import Foundation

/// What staff can do with posts, tags, authors and settings, whoever asks: the admin pages and
/// the Admin API both call this. It checks ``NewsroomPermissions``, calls the store, and drops
/// the pages a write touched from this node's cache before answering (other nodes follow the
/// change log).
public struct Newsroom: Sendable {
    public let store: any NewsroomStore
    let cache: PageCache?
    /// This node's settings and navigation in memory; reloaded after a settings save so the next
    /// page shows them (the change watcher would, but only on its next poll).
    let chrome: SiteChrome?
    let clock: any WallClock

    public init(store: any NewsroomStore, cache: PageCache?, clock: any WallClock) {
        self.init(store: store, cache: cache, chrome: nil, clock: clock)
    }

    init(store: any NewsroomStore, cache: PageCache?, chrome: SiteChrome?, clock: any WallClock) {
        self.store = store
        self.cache = cache
        self.chrome = chrome
        self.clock = clock
    }

    func require(_ user: StaffUser, _ action: NewsroomAction, _ what: String) throws {
        guard NewsroomPermissions.allows(user.role, action) else {
            throw NewsroomError.forbidden("A \(user.role.rawValue) cannot \(what).")
        }
    }

    func applied(_ edited: EditedPost) -> EditedPost {
        cache?.invalidate(edited.touched)
        return edited
    }

    func applied(_ keys: Set<ChangeKey>) {
        cache?.invalidate(keys)
    }

    static func isOwn(_ post: Post, by user: StaffUser) -> Bool { post.author.id == user.authorID }

    // MARK: Posts

    /// The posts list: editors and above see every post, others only their own.
    public func postListings(for user: StaffUser, _ filter: PostFilter, _ page: PageRequest) async throws -> Page<
        PostListing
    > {
        var filter = filter
        if !NewsroomPermissions.allows(user.role, .listAllPosts) { filter.authorID = user.authorID }
        return try await store.postListings(filter, page)
    }

    /// A post the user may open.
    public func post(id: Int64, for user: StaffUser) async throws -> Post {
        guard let post = try await store.post(id: id) else { throw NewsroomError.notFound("post \(id)") }
        if !Self.isOwn(post, by: user) { try require(user, .editOthersPost, "open other people's posts") }
        return post
    }

    /// A new draft credited to the user, or to `draft.authorID` when they may choose authors.
    public func createPost(_ draft: PostDraft, by user: StaffUser) async throws -> EditedPost {
        try Self.checkFeatureImage(draft)
        var draft = draft
        if draft.authorID != user.authorID {
            if NewsroomPermissions.allows(user.role, .chooseAuthor) {
                guard try await store.author(id: draft.authorID) != nil else {
                    throw NewsroomError.invalidField(field: "author", reason: "no such author")
                }
            } else {
                draft.authorID = user.authorID
            }
        }
        try await checkNewTags(draft.tagNames, by: user)
        return applied(try await store.createPost(draft, savedBy: user.id))
    }

    /// Saves the editor's fields over a post. `autosave` keeps drafts safe while typing and is
    /// refused for a live post: its readers see only deliberate saves.
    public func updatePost(
        id: Int64, _ draft: PostDraft, expectedUpdatedAt: Date?, autosave: Bool = false, by user: StaffUser
    ) async throws -> EditedPost {
        let current = try await post(id: id, for: user)
        let own = Self.isOwn(current, by: user)
        let live = current.status != .draft
        try require(
            user, NewsroomPermissions.editAction(own: own, published: live),
            live ? "change a published or scheduled post" : "edit this post")
        if autosave, live {
            throw NewsroomError.unprocessable("A published or scheduled post is saved only when you press Update.")
        }
        try Self.checkFeatureImage(draft)
        var draft = draft
        if draft.authorID != current.author.id {
            try require(user, .chooseAuthor, "credit a post to someone else")
            guard try await store.author(id: draft.authorID) != nil else {
                throw NewsroomError.invalidField(field: "author", reason: "no such author")
            }
        }
        if draft.slug == current.slug { draft.slug = nil }
        try await checkNewTags(draft.tagNames, by: user)
        return applied(
            try await store.updatePost(
                id: id, draft, expectedUpdatedAt: expectedUpdatedAt, savedBy: user.id,
                reason: autosave ? .autosaved : .saved))
    }

    /// Publishes, schedules or unpublishes. Times in the past publish at once with that date.
    /// `email` is the "send by email" choice (editors and above make one).
    public func setPublication(
        postID: Int64, _ publication: Publication, email: PostEmailChoice = .keep, expectedUpdatedAt: Date?,
        by user: StaffUser
    ) async throws -> EditedPost {
        let current = try await post(id: postID, for: user)
        try require(
            user, NewsroomPermissions.publishAction(own: Self.isOwn(current, by: user)),
            Self.isOwn(current, by: user) ? "publish posts; an editor publishes them" : "publish other people's posts")
        if email != .keep {
            // Choosing or dropping: whether every reader's inbox gets a post is an editor's call.
            try require(user, .sendNewsletter, "choose whether posts are sent by email; an editor does")
        }
        var publication = publication
        if case .schedule(let at) = publication, at <= clock.now() { publication = .publish(at: at) }
        if case .publish(let at?) = publication, at > clock.now() { publication = .schedule(at: at) }
        return applied(
            try await store.setPublication(
                postID: postID, publication, email: email, expectedUpdatedAt: expectedUpdatedAt, savedBy: user.id))
    }

    /// The "send by email" choice a newsletter's slug names, as the editor and the Admin API
    /// state it: none for no slug, else the active newsletter (422 on `newsletter` otherwise).
    public func emailChoice(newsletterSlug: String?) async throws -> PostEmailChoice {
        guard let slug = newsletterSlug?.trimmingCharacters(in: .whitespaces), !slug.isEmpty else { return .none }
        guard let newsletter = try await store.newsletter(slug: slug), newsletter.active else {
            throw NewsroomError.invalidField(field: "newsletter", reason: "names no active newsletter: \(slug)")
        }
        return .newsletter(id: newsletter.id)
    }

    public func deletePost(id: Int64, by user: StaffUser) async throws {
        let current = try await post(id: id, for: user)
        try require(
            user,
            NewsroomPermissions.deleteAction(own: Self.isOwn(current, by: user), published: current.status != .draft),
            "delete this post")
        applied(try await store.deletePost(id: id))
    }

    public func revisions(postID: Int64, for user: StaffUser) async throws -> [PostRevision] {
        _ = try await post(id: postID, for: user)
        return try await store.revisions(postID: postID)
    }

    /// Puts a revision's title, body, excerpt and tags back, as a new save (itself a revision).
    public func restore(revisionID: Int64, by user: StaffUser) async throws -> EditedPost {
        guard let revision = try await store.revision(id: revisionID) else {
            throw NewsroomError.notFound("revision \(revisionID)")
        }
        let current = try await post(id: revision.postID, for: user)
        try require(
            user,
            NewsroomPermissions.editAction(own: Self.isOwn(current, by: user), published: current.status != .draft),
            "edit this post")
        // A tag deleted since the revision was kept would be made again: the same rule as a save.
        try await checkNewTags(revision.tagNames, by: user)
        let draft = PostDraft(
            title: revision.title, markdown: revision.markdown, customExcerpt: revision.customExcerpt,
            tagNames: revision.tagNames, authorID: current.author.id, slug: nil, visibility: current.visibility,
            featureImage: current.featureImage, featureImageAlt: current.featureImageAlt,
            featureImageCaption: current.featureImageCaption)
        return applied(
            try await store.updatePost(
                id: current.id, draft, expectedUpdatedAt: nil, savedBy: user.id, reason: .restored))
    }

    static func checkFeatureImage(_ draft: PostDraft) throws {
        if let problem = ImageAddress.problem(with: draft.featureImage) {
            throw NewsroomError.invalidField(field: "feature_image", reason: problem)
        }
        if draft.featureImageAlt.count > 500 {
            throw NewsroomError.invalidField(field: "feature_image_alt", reason: "is longer than 500 characters")
        }
        // Readers who cannot see the picture get these words instead: no image without them.
        if !draft.featureImage.isEmpty, draft.featureImageAlt.trimmingWhitespace().isEmpty {
            throw NewsroomError.invalidField(
                field: "feature_image_alt", reason: "is required with a feature image: describe what it shows")
        }
        if draft.featureImageCaption.count > 500 {
            throw NewsroomError.invalidField(field: "feature_image_caption", reason: "is longer than 500 characters")
        }
    }

    /// Contributors may only use tags that exist already (WordPress's and Ghost's rule).
    func checkNewTags(_ names: [String], by user: StaffUser) async throws {
        guard !NewsroomPermissions.allows(user.role, .createTag), !names.isEmpty else { return }
        let known = Set(try await store.allTags().map { TitleKey.make($0.tag.name) })
        if let unknown = names.first(where: { !known.contains(TitleKey.make($0)) }) {
            throw NewsroomError.invalidField(
                field: "tags", reason: "\"\(unknown)\" is not a tag yet; a contributor can only use existing tags")
        }
    }

    // MARK: Tags, authors, settings

    public func updateTag(id: Int64, name: String, slug: String, description: String, by user: StaffUser)
        async throws
    {
        try require(user, .manageTags, "edit tags")
        applied(try await store.updateTag(id: id, name: name, slug: slug, description: description))
    }

    /// An author's picture from an uploaded image's address ("" removes it); editors and above
    /// for anyone, everyone for their own profile.
    public func setAuthorPicture(authorID: Int64, address: String, by user: StaffUser) async throws {
        if authorID != user.authorID { try require(user, .manageAuthors, "edit other people's profiles") }
        guard let images = store as? any ImageStoring else { return }
        var imageID: Int64?
        if !address.isEmpty {
            guard let fingerprint = ImagePath.fingerprint(inURL: address),
                let image = try await images.image(fingerprint: fingerprint)
            else {
                throw NewsroomError.invalidField(
                    field: "picture", reason: "must be the address of an uploaded image (see Images), or empty")
            }
            imageID = image.id
        }
        applied(try await images.setAuthorImage(authorID: authorID, imageID: imageID))
    }

    public func deleteTag(id: Int64, by user: StaffUser) async throws {
        try require(user, .manageTags, "delete tags")
        applied(try await store.deleteTag(id: id))
    }

    public func updateAuthor(id: Int64, name: String, slug: String, bio: String, by user: StaffUser) async throws {
        if id != user.authorID { try require(user, .manageAuthors, "edit other people's author profiles") }
        applied(try await store.updateAuthor(id: id, name: name, slug: slug, bio: bio))
    }

    public func saveSettings(_ settings: SiteSettings, by user: StaffUser) async throws {
        try require(user, .manageSettings, "change site settings")
        try await store.saveSettings(settings)
        if let chrome { _ = chrome.replace(with: try await chrome.load()) }
        applied([.site])
    }
}
