import Crypto
import Foundation

/// The time a signup or sign-in form was rendered, signed (HMAC-SHA256 with a key made at
/// process start), sent back in the form's hidden `started` field: a bot that posts at once, or
/// makes up a stamp, mails nobody. Forms on cached anonymous pages (the subscribe box) cannot
/// carry one — a stamp rendered into a cached page would be as old as the cache entry — so a
/// missing stamp is accepted there, and the honeypot, ``SameSiteOrigin`` and the throttles
/// defend them; the forms Byline renders per request carry one.
struct SignupFormStamp: Sendable {
    /// A person takes longer than this to type an address; a form posted sooner is a bot's.
    static let minimumAge: TimeInterval = 2
    static let fieldName = "started"

    private let key = SymmetricKey(size: .bits256)

    /// The field's value for a form rendered at `date`: `seconds.signature`.
    func stamp(_ date: Date) -> String {
        let seconds = String(Int64(date.timeIntervalSince1970.rounded(.down)))
        return seconds + "." + signature(seconds)
    }

    /// Whether a form carrying `value` may mail at `now`: no stamp passes (cached forms), a
    /// stamp passes when it is genuine and at least ``minimumAge`` old.
    func allows(_ value: String?, now: Date) -> Bool {
        guard let value, !value.isEmpty else { return true }
        let parts = value.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, let seconds = Int64(parts[0]),
            SecretToken.equal(String(parts[1]), signature(String(parts[0])))
        else { return false }
        return now.timeIntervalSince1970 - TimeInterval(seconds) >= Self.minimumAge
    }

    private func signature(_ text: String) -> String { SecretToken.signature(text, key: key) }
}
