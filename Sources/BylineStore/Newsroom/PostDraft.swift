import BylineCore
import Foundation

/// A post as the newsroom edits it: everything the editor form and the Admin API can set. The
/// status and date change only through ``NewsroomPosts/setPublication(postID:_:expectedUpdatedAt:savedBy:)``.
public struct PostDraft: Sendable, Equatable {
    public var title: String
    /// The body's Markdown source.
    public var markdown: String
    /// nil: derived from the body.
    public var customExcerpt: String?
    public var tagNames: [String]
    /// The author row the post is credited to.
    public var authorID: Int64
    /// nil: derived from the title for a new post, unchanged for an existing one. A new slug on a
    /// published post keeps the old URL redirecting.
    public var slug: String?
    public var visibility: Visibility
    public var featureImage: String
    public var featureImageAlt: String
    /// A line under the lead image; "" for none.
    public var featureImageCaption: String
    /// Whether the site may add a READ ALSO link to a related article when the body has none.
    public var autoReadAlso: Bool

    public init(
        title: String, markdown: String, customExcerpt: String? = nil, tagNames: [String] = [], authorID: Int64,
        slug: String? = nil, visibility: Visibility = .public, featureImage: String = "", featureImageAlt: String = "",
        autoReadAlso: Bool = true, featureImageCaption: String = ""
    ) {
        self.title = title
        self.markdown = markdown
        self.customExcerpt = customExcerpt
        self.tagNames = tagNames
        self.authorID = authorID
        self.slug = slug
        self.visibility = visibility
        self.featureImage = featureImage
        self.featureImageAlt = featureImageAlt
        self.featureImageCaption = featureImageCaption
        self.autoReadAlso = autoReadAlso
    }
}

/// A change of whether and when readers see a post.
public enum Publication: Sendable, Equatable {
    /// Live now, or at `at` when given and in the past (a backdated post keeps its date).
    case publish(at: Date?)
    /// Live at a future time; the scheduler publishes it then.
    case schedule(at: Date)
    /// Back to a draft: readers no longer see it.
    case unpublish
}

/// Why a revision was kept.
public enum RevisionReason: String, Sendable, Codable, CaseIterable {
    case created
    case saved
    /// Kept by the editor on its own while the writer types; replaces the previous autosave.
    case autosaved
    case published
    case restored
    case imported
}
