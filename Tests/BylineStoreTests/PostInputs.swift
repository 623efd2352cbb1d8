import BylineCore
import BylineStore
import Foundation

/// A post as tests write it: only what a test cares about differs from the defaults.
func input(
    _ title: String, author: String = "Mara Ellison", tags: [String] = [], body: String = "Some text here.",
    publishedAt: Date? = nil, status: PostStatus = .published
) -> PostInput {
    PostInput(
        title: title, authorName: author, markdown: body, tagNames: tags, publishedAt: publishedAt,
        status: status)
}
