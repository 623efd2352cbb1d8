import BylineStore

/// One saved version of a post (`GET /api/admin/posts/:id/revisions`), newest first: enough to
/// compare versions and restore one.
struct APIRevision: Encodable {
    let revision: PostRevision

    enum CodingKeys: String, CodingKey {
        case id, title, markdown, tags, reason
        case postID = "post_id"
        case customExcerpt = "custom_excerpt"
        case savedBy = "saved_by"
        case savedByName = "saved_by_name"
        case createdAt = "created_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(revision.id, forKey: .id)
        try container.encode(revision.postID, forKey: .postID)
        try container.encode(revision.title, forKey: .title)
        try container.encode(revision.markdown, forKey: .markdown)
        try container.encode(revision.customExcerpt, forKey: .customExcerpt)
        try container.encode(revision.tagNames, forKey: .tags)
        try container.encode(revision.savedBy, forKey: .savedBy)
        try container.encode(revision.savedByName, forKey: .savedByName)
        try container.encode(revision.reason, forKey: .reason)
        try container.encode(revision.createdAt, forKey: .createdAt)
    }
}
