import BylineCore
import Foundation

/// Each published post's list of its most related posts (``RelatedRanking``), kept by the
/// store: a write marks the posts whose list it may change, and ``refreshRelatedLists(limit:)``
/// (every node's ``RelatedRefresher``, or a demo install that wants every list at once)
/// recomputes them.
public protocol RelatedLists: Sendable {
    /// Recomputes the lists of up to `limit` marked posts in one transaction; returns how many
    /// marks it took (0: none were left). Records a change for each post whose list changed.
    func refreshRelatedLists(limit: Int) async throws -> Int

    /// Marked posts still waiting.
    func staleRelatedListCount() async throws -> Int

    /// Post `id`'s related posts as stored, best first, with their scores: for tests and tools.
    func relatedList(of id: Int64) async throws -> [RelatedRanking.Match]
}

extension RelatedLists {
    /// Refreshes until no mark is left: a demo install, a test. Unbounded work: not for requests.
    public func refreshAllRelatedLists(batch: Int = 100) async throws {
        while try await refreshRelatedLists(limit: batch) > 0 {}
    }
}
