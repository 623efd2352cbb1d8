/// The demo's "these articles are fiction" notice, and the posts it belongs to: the ones the demo
/// installed. An article imported or written later is real news and never shows it, also on a
/// site that began as the demo; a demo article the newsroom deletes takes its place with it.
public struct DemoNote: Sendable, Equatable {
    /// Shown on each of `postIDs`' article pages; empty: no notice.
    public var text: String
    public var postIDs: Set<Int64>

    public init(text: String = "", postIDs: Set<Int64> = []) {
        self.text = text
        self.postIDs = postIDs
    }

    /// The notice for post `id`, or nil when it has none.
    public func text(forPost id: Int64) -> String? {
        text.isEmpty || !postIDs.contains(id) ? nil : text
    }
}
