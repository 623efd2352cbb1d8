import BylineCore
import BylineStore

/// The revisions page's context: every kept version of a post, newest first, and one of them
/// compared line by line with the post's current text.
struct RevisionsView {
    struct Entry {
        let id: Int64
        let time: String
        let timeISO: String
        let who: String
        let reason: String
        let title: String
        let compareURL: String
        let restoreURL: String
        let isCompared: Bool
    }

    /// One line of the comparison, or a fold of unchanged lines.
    struct DiffLine {
        let kind: String
        let marker: String
        let text: String
        let isFold: Bool
    }

    let postID: Int64
    let postTitle: String
    let editURL: String
    let entries: [Entry]
    let compared: Entry?
    let diff: [DiffLine]
    let titleChange: String?
    let hasChanges: Bool
    let canRestore: Bool

    /// Unchanged lines kept around each change; longer unchanged runs fold into one line.
    static let context = 3

    init(post: Post, revisions: [PostRevision], compare: Int64?, canRestore: Bool, time: NewsroomTime) {
        postID = post.id
        postTitle = post.title
        editURL = "/admin/posts/\(post.id)/edit"
        // By default the newest version that differs from now: the newest revision is usually
        // the current text itself (every save keeps one).
        let chosen =
            compare.flatMap { id in revisions.first { $0.id == id } }
            ?? revisions.first { $0.markdown != post.body.markdown || $0.title != post.title } ?? revisions.first
        entries = revisions.map { revision in
            Entry(
                id: revision.id, time: time.display(revision.createdAt), timeISO: DateText.iso(revision.createdAt),
                who: revision.savedByName ?? (revision.reason == .imported ? "Import" : "Someone no longer on staff"),
                reason: Self.reasonLabel(revision.reason), title: revision.title,
                compareURL: "/admin/posts/\(post.id)/revisions?compare=\(revision.id)#compare",
                restoreURL: "/admin/posts/\(post.id)/revisions/\(revision.id)/restore",
                isCompared: revision.id == chosen?.id)
        }
        compared = entries.first { $0.isCompared }
        if let chosen {
            let lines = LineDiff.compare(chosen.markdown, post.body.markdown)
            diff = Self.folded(lines)
            hasChanges = lines.contains { if case .same = $0 { false } else { true } }
            titleChange = chosen.title == post.title ? nil : "Title then: “\(chosen.title)”"
        } else {
            diff = []
            hasChanges = false
            titleChange = nil
        }
        self.canRestore = canRestore
    }

    static func reasonLabel(_ reason: RevisionReason) -> String {
        switch reason {
        case .created: "Created"
        case .saved: "Saved"
        case .autosaved: "Autosaved"
        case .published: "Published"
        case .restored: "Restored"
        case .imported: "Imported"
        }
    }

    /// The comparison with long unchanged runs folded, so a one-word change in a long article
    /// shows as a few lines.
    static func folded(_ lines: [LineDiff.Line]) -> [DiffLine] {
        let changed = lines.indices.filter { if case .same = lines[$0] { false } else { true } }
        var keep = Set<Int>()
        for index in changed {
            keep.formUnion(max(0, index - context)...min(lines.count - 1, index + context))
        }
        var result: [DiffLine] = []
        var folded = 0
        for (index, line) in lines.enumerated() {
            guard keep.contains(index) || changed.isEmpty else {
                folded += 1
                continue
            }
            if folded > 0 {
                result.append(fold(folded))
                folded = 0
            }
            switch line {
            case .same(let text): result.append(DiffLine(kind: "same", marker: " ", text: text, isFold: false))
            case .removed(let text): result.append(DiffLine(kind: "removed", marker: "−", text: text, isFold: false))
            case .added(let text): result.append(DiffLine(kind: "added", marker: "+", text: text, isFold: false))
            }
        }
        if folded > 0 { result.append(fold(folded)) }
        return result
    }

    static func fold(_ count: Int) -> DiffLine {
        DiffLine(
            kind: "fold", marker: "", text: count == 1 ? "1 unchanged line" : "\(count) unchanged lines", isFold: true)
    }
}
