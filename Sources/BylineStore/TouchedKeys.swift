import BylineCore

/// Which pages a write touches, as ``ChangeKey``s. One rule for every engine, so a page cache
/// drops the same pages whichever store it sits on.
enum TouchedKeys {
    /// Where a post appears, as far as pages are concerned.
    struct Placement: Sendable, Equatable {
        var postID: Int64
        var authorID: Int64
        var titleKey: String
        var tagIDs: [Int64]
    }

    /// Every key a post's URL appears under: its page, its listings, READ ALSO links to it.
    static func listing(_ placement: Placement) -> Set<ChangeKey> {
        var keys: Set<ChangeKey> = [
            .post(placement.postID), .home, .archive, .author(placement.authorID), .title(placement.titleKey),
        ]
        keys.formUnion(placement.tagIDs.map(ChangeKey.tag))
        return keys
    }

    /// A saved post: the listings it joins, and those it leaves when it existed before (another
    /// author or other tags no longer show it).
    static func upsert(before: Placement?, after: Placement) -> Set<ChangeKey> {
        var keys = listing(after)
        if let before { keys.formUnion(listing(before)) }
        return keys
    }

    /// Settings appear on every page.
    static let settings: Set<ChangeKey> = [.site]
}
