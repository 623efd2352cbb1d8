import BylineCore

/// The "Comments" fieldset of `/admin/settings/`: on/off, holding a member's first comment,
/// links per comment. Read as the gate's fieldset is: a checkbox comes with a hidden "off"
/// before it, so a form without the fieldset keeps what is stored; a number out of range is a
/// 422 naming the field.
extension AdminCommentPages {
    static func settings(_ form: FormFields, over current: CommentSettings) throws -> CommentSettings {
        var comments = current
        comments.enabled = AdminSitePages.checkbox(form, "comments_enabled") ?? current.enabled
        comments.holdFirstComment = AdminSitePages.checkbox(form, "comments_hold_first") ?? current.holdFirstComment
        if form["comments_max_links"] != nil {
            comments.maxLinks = try AdminSitePages.number(form, "comments_max_links", CommentSettings.maxLinksRange)
        }
        return comments
    }

    /// The fieldset's values: what was typed when a save was refused, else what is stored.
    static func settingsValues(_ comments: CommentSettings, typed: FormFields?) -> [String: Any] {
        [
            "enabled": typed.flatMap { AdminSitePages.checkbox($0, "comments_enabled") } ?? comments.enabled,
            "holdFirst": typed.flatMap { AdminSitePages.checkbox($0, "comments_hold_first") }
                ?? comments.holdFirstComment,
            "maxLinks": typed?["comments_max_links"] ?? String(comments.maxLinks),
            "maxLinksMax": CommentSettings.maxLinksRange.upperBound,
        ]
    }
}
