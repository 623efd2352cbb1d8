import Foundation

/// Newsletter sends and their deliveries: one durable row per (post, member), claimed under a
/// lease by the store's clock (on PostgreSQL the database server's), so any number of nodes
/// share a send and a node that dies mid-send loses nothing: once its lease has passed another
/// node sends what it held.
///
/// Deliveries are claimed and recorded in batches, each batch one transaction, and a result is
/// recorded only by the worker that still holds the delivery's lease (fencing). A message may
/// therefore be sent twice only when a worker died (or lost its lease) after the SMTP server
/// accepted it and before its result was recorded.
public protocol NewsletterDeliveryQueue: Sendable {
    /// The send of `postID` to `newsletterID`, made with this content when there is none yet
    /// (a second call returns the first send unchanged: a post's email is rendered once).
    func createNewsletterSend(
        postID: Int64, newsletterID: Int64, subject: String, html: String, text: String, siteURL: String
    ) async throws -> NewsletterSend
    func newsletterSend(id: Int64) async throws -> NewsletterSend?
    /// The sends of a post, oldest first.
    func newsletterSends(postID: Int64) async throws -> [NewsletterSend]
    /// The latest sends with their progress, newest first.
    func recentNewsletterSends(limit: Int) async throws -> [NewsletterSendSummary]

    /// Queues a delivery of the send for every confirmed member with a deliverable address who
    /// subscribes to its newsletter and has not had this post yet (by any send): one statement,
    /// idempotent per (post, member). Returns how many it added; run again later it adds only
    /// members who came since.
    func enqueueDeliveries(sendID: Int64) async throws -> Int

    /// Takes up to `limit` due deliveries (queued whose time has come, or sending whose lease
    /// has passed), oldest first, leased to `worker` until now + `lease`, attempts counted up.
    /// Deliveries whose member unsubscribed or whose address was disabled meanwhile are marked
    /// skipped instead; those out of attempts, failed.
    func claimDeliveries(worker: String, limit: Int, lease: Duration) async throws -> [ClaimedDelivery]
    /// Records outcomes in one transaction; only those of deliveries `worker` still holds count.
    /// Returns how many were recorded.
    @discardableResult
    func recordDeliveries(_ outcomes: [DeliveryOutcome], worker: String) async throws -> Int
    /// Moves the lease of the deliveries `worker` holds among `ids` to now + `lease`; returns the
    /// ids it still holds.
    func extendDeliveryLeases(ids: [Int64], worker: String, lease: Duration) async throws -> Set<Int64>

    func deliveryProgress(sendID: Int64) async throws -> DeliveryProgress

    /// The editor's "send by email" choice for a post (nil: none).
    func emailNewsletterID(postID: Int64) async throws -> Int64?
}
