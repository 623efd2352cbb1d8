import BylineStore
import Foundation
import HTTPTypes

/// Why the newsroom refused a request, in words shown to the staff member (admin pages) or put
/// in the JSON error (Admin API).
public enum NewsroomError: Error, Equatable, CustomStringConvertible {
    /// Signed in, but the role does not allow it.
    case forbidden(String)
    case notFound(String)
    /// A field is missing or invalid: the field's name and what is wrong.
    case invalidField(field: String, reason: String)
    /// Someone saved the post since the editor loaded it.
    case conflict(currentUpdatedAt: Date)
    case unprocessable(String)

    public var description: String {
        switch self {
        case .forbidden(let why): why
        case .notFound(let what): "\(what) not found"
        case .invalidField(let field, let reason): "\(field): \(reason)"
        case .conflict: "someone else saved this post since you opened it; reload to see their changes"
        case .unprocessable(let why): why
        }
    }

    public var status: HTTPResponse.Status {
        switch self {
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .invalidField, .unprocessable: .unprocessableContent
        case .conflict: .conflict
        }
    }

    /// The newsroom's words for a store error, or nil when it is not one the user caused.
    public static func from(_ error: any Error) -> NewsroomError? {
        if let error = error as? NewsroomError { return error }
        guard let error = error as? StoreError else { return nil }
        switch error {
        case .invalidInput(let reason): return .unprocessable(reason)
        case .notFound(let what): return .notFound(what)
        case .slugTaken(let slug): return .invalidField(field: "slug", reason: "\"\(slug)\" is already in use")
        case .notEmpty(let what): return .unprocessable("\(what) already has content")
        case .conflict(let date): return .conflict(currentUpdatedAt: date)
        case .emailTaken(let email): return .invalidField(field: "email", reason: "\(email) already has an account")
        }
    }
}
