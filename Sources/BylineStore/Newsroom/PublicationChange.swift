import BylineCore
import Foundation

/// Where a post's status and date go when the newsroom publishes, schedules or unpublishes it:
/// one rule for both engines. A scheduled post is `scheduled` with its time in `published_at`;
/// nothing else means scheduled.
struct PublicationChange: Sendable, Equatable {
    let status: PostStatus
    let publishedAt: Date?

    /// The change from a post now in `status` dated `publishedAt`; refuses a publication dated
    /// in the future (that is scheduling), a schedule in the past, and scheduling a live post
    /// (readers would lose it until then: unpublish it first, as Ghost asks).
    init(_ publication: Publication, from status: PostStatus, publishedAt: Date?, now: Date) throws {
        switch publication {
        case .publish(let at):
            if let at, at > now {
                throw StoreError.invalidInput("a publication date in the future schedules the post: schedule it")
            }
            self.status = .published
            // A given date backdates. Without one a live post keeps its date, a post taken back
            // and published again keeps its first date (its place in the archive, as in Ghost),
            // and a scheduled post published early goes live now.
            self.publishedAt = at ?? (status == .scheduled ? now : publishedAt ?? now)
        case .schedule(let at):
            guard at > now else { throw StoreError.invalidInput("a scheduled time must be in the future") }
            guard status != .published else {
                throw StoreError.invalidInput("the post is live: unpublish it before scheduling it")
            }
            self.status = .scheduled
            self.publishedAt = at
        case .unpublish:
            self.status = .draft
            // A post readers saw keeps its date: publishing it again puts it back in its place,
            // and its old slugs keep redirecting (``LockedPost/hasBeenPublic``). A scheduled
            // time was only a plan.
            self.publishedAt = status == .scheduled ? nil : publishedAt
        }
    }
}
