import Foundation

/// The one rule for who reads what: a post's effective visibility (its own, or members-only
/// once the archive rule has caught it) against the reader's ``Audience``. Every channel that
/// hands out post text (pages, feeds, newsletters, APIs) asks through ``GatedPost``.
public enum GatePolicy {
    /// The visibility that applies to a post at `now`: what the editor set, except that a public
    /// post published more than ``GateSettings/archiveAfterDays`` ago is for members.
    public static func effectiveVisibility(
        _ visibility: Visibility, publishedAt: Date?, settings: GateSettings, now: Date
    ) -> Visibility {
        guard visibility == .public, let threshold = archiveThreshold(publishedAt, settings: settings) else {
            return visibility
        }
        return now >= threshold ? .members : .public
    }

    /// When a public post falls under the archive rule; nil when the rule is off or the post is
    /// not dated. A cached copy of anything showing the post in full is good until then.
    public static func archiveThreshold(_ publishedAt: Date?, settings: GateSettings) -> Date? {
        guard let days = settings.archiveAfterDays, days > 0, let publishedAt else { return nil }
        return publishedAt.addingTimeInterval(TimeInterval(days) * 86_400)
    }

    /// When the effective visibility of a post next changes after `now`; nil: never by itself.
    public static func changesAt(
        _ visibility: Visibility, publishedAt: Date?, settings: GateSettings, now: Date
    ) -> Date? {
        guard visibility == .public, let threshold = archiveThreshold(publishedAt, settings: settings),
            threshold > now
        else { return nil }
        return threshold
    }

    /// Whether `audience` reads a post of `visibility` in full. Paid is treated as members
    /// until paid tiers exist.
    public static func canRead(_ visibility: Visibility, _ audience: Audience) -> Bool {
        switch (visibility, audience) {
        case (.public, _), (_, .staff): true
        case (.members, .member), (.paid, .member): true
        case (.members, .anonymous), (.paid, .anonymous): false
        }
    }
}
