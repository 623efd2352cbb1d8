import Hummingbird

extension AdminSitePages {
    /// What a change that worked says on the page it redirects to (`?done=tag-saved`). Only these
    /// codes are shown, in these words: a link cannot make the newsroom display text of its choosing.
    enum Notice: String, CaseIterable {
        case tagSaved = "tag-saved"
        case tagDeleted = "tag-deleted"
        case authorSaved = "author-saved"
        case staffSaved = "staff-saved"
        case staffRemoved = "staff-removed"
        case settingsSaved = "settings-saved"
        case nameSaved = "name-saved"
        case passwordChanged = "password-changed"
        case tokenRevoked = "token-revoked"

        var sentence: String {
            switch self {
            case .tagSaved: "Tag saved."
            case .tagDeleted: "Tag deleted; its posts keep their other tags."
            case .authorSaved: "Author profile saved."
            case .staffSaved: "Account saved."
            case .staffRemoved: "Account removed."
            case .settingsSaved: "Settings saved. The site shows them now."
            case .nameSaved: "Name saved."
            case .passwordChanged: "Password changed. Other browsers signed in as you were signed out."
            case .tokenRevoked: "Token revoked. Programs using it can no longer sign in."
            }
        }

        /// The sentence for the request's `?done=` code, if it is one of ours.
        static func sentence(for request: Request) -> String? {
            guard let code = request.uri.queryParameters["done"] else { return nil }
            return Self(rawValue: String(code))?.sentence
        }
    }
}
