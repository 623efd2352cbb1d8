import BylineCore

/// The `comments` object of `GET`/`PUT /api/admin/settings`: `enabled`, `hold_first_comment`
/// and `max_links`, any of them; a wrong type or a number out of range is a 422 naming the
/// field (`comments.max_links`).
extension AdminAPI {
    static func commentSettings(_ fields: JSONFields, over current: CommentSettings) throws -> CommentSettings {
        guard fields.has("comments") else { return current }
        guard let object = try fields.object("comments") else {
            throw NewsroomError.invalidField(field: "comments", reason: "must be an object, not null")
        }
        let named = JSONFields(
            values: Dictionary(uniqueKeysWithValues: object.values.map { ("comments.\($0.key)", $0.value) }))
        var comments = current
        for (key, path) in [
            ("comments.enabled", \CommentSettings.enabled), ("comments.hold_first_comment", \.holdFirstComment),
        ]
        where named.has(key) {
            guard case .bool(let value)? = named.values[key] else {
                throw NewsroomError.invalidField(field: key, reason: "must be true or false")
            }
            comments[keyPath: path] = value
        }
        if named.has("comments.max_links") {
            comments.maxLinks = try wholeNumber(named, "comments.max_links", in: CommentSettings.maxLinksRange)
        }
        return comments
    }
}

/// `comments` as the settings show it.
struct APICommentSettings: Encodable {
    let settings: CommentSettings

    enum CodingKeys: String, CodingKey {
        case enabled
        case holdFirstComment = "hold_first_comment"
        case maxLinks = "max_links"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(settings.enabled, forKey: .enabled)
        try container.encode(settings.holdFirstComment, forKey: .holdFirstComment)
        try container.encode(settings.maxLinks, forKey: .maxLinks)
    }
}
