import Foundation

/// Whether an article gets an automatic READ ALSO, and to which post: the rule every channel
/// that places one follows (today the article page; feeds, newsletters and the APIs carry only
/// the editor's links).
public enum AutoReadAlso {
    /// The post to link from `post` as `audience` reads it at `now`, or nil for none.
    ///
    /// None when the editor placed a READ ALSO of their own (anywhere in the body, also past a
    /// gate's cut) or turned the automatic one off, or when the reader gets only the free
    /// preview (`isLocked`: the link would sit in a teaser). Otherwise the best of `ranked`
    /// (best first) the reader can open: never the article itself, never a post not yet
    /// published, never one the gate (with the archive rule) keeps from this audience.
    public static func target(
        for post: Post, isLocked: Bool, among ranked: [PostSummary], audience: Audience, gate: GateSettings, now: Date
    ) -> PostSummary? {
        guard post.autoReadAlso, post.body.readAlsoTitles.isEmpty, !isLocked else { return nil }
        return ranked.first { candidate in
            guard candidate.id != post.id, candidate.publishedAt <= now else { return false }
            let visibility = GatePolicy.effectiveVisibility(
                candidate.visibility, publishedAt: candidate.publishedAt, settings: gate, now: now)
            return GatePolicy.canRead(visibility, audience)
        }
    }
}
