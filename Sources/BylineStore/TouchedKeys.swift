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

    /// A newsroom write on post `postID`: the listings readers saw it in before (nil: it was not
    /// public) and those they see it in now. A post hidden before and after touches only its own
    /// page, which answers 404 either way: dropping it costs nothing.
    static func edit(postID: Int64, before: Placement?, after: Placement?) -> Set<ChangeKey> {
        var keys: Set<ChangeKey> = [.post(postID)]
        if let before { keys.formUnion(listing(before)) }
        if let after { keys.formUnion(listing(after)) }
        return keys
    }

    /// A tag or an author profile edited (`own` is its key). Its name and slug show on every
    /// card and article that carries it, on most pages: a rename, rare, drops them all. A
    /// description or bio shows only on its own page and, for an author, on their articles,
    /// which depend on the author's key.
    static func profileEdit(_ own: ChangeKey, renamed: Bool) -> Set<ChangeKey> {
        renamed ? [.site] : [own]
    }

    /// A comment written, edited, moderated or removed on a post: the article shows its
    /// comments; when the published count moved, every listing whose cards show the count too.
    static func comment(_ placement: Placement, countChanged: Bool) -> Set<ChangeKey> {
        countChanged ? listing(placement) : [.post(placement.postID)]
    }

    /// Settings appear on every page.
    static let settings: Set<ChangeKey> = [.site]
}
