import BylineCore
import BylineStore
import Foundation

/// The posts list page's context: the filters as chosen (to keep them in the form and in the
/// page links), one row per post, and pagination.
struct PostListView {
    struct Row {
        let id: Int64
        let title: String
        let editURL: String
        /// The article's address when readers can see it.
        let publicURL: String?
        let status: String
        let statusLabel: String
        /// Members-only or paid: behind the gate, so the row shows the Members badge (paid is
        /// read as members until paid tiers exist).
        let isMembersOnly: Bool
        let authorName: String
        let tags: [String]
        let updated: String
        let updatedISO: String
        /// "Published 27 Nov 2026, 14:05" or "Scheduled for ...", else nil.
        let when: String?
    }

    let rows: [Row]
    let hasRows: Bool
    let query: String
    let statuses: [PostEditorView.Option]
    /// nil when the user sees only their own posts.
    let authors: [PostEditorView.Option]?
    let showsAuthors: Bool
    let tags: [PostEditorView.Option]
    let isFiltered: Bool
    let totalText: String
    let previousURL: String?
    let nextURL: String?
    let pageText: String
    /// More than one page: the pager shows.
    let hasPages: Bool

    /// The filters read from the list's query string.
    struct Filters {
        var status: PostStatus?
        var authorID: Int64?
        var tagSlug: String?
        var search: String?
        var page: Int

        init(_ query: [String: String]) {
            func value(_ name: String) -> String? {
                guard let text = query[name]?.trimmingWhitespace(), !text.isEmpty else { return nil }
                return text
            }
            status = value("status").flatMap(PostStatus.init(rawValue:))
            authorID = value("author").flatMap { Int64($0) }
            tagSlug = value("tag")
            search = value("q")
            page = max(1, value("page").flatMap { Int($0) } ?? 1)
        }

        var storeFilter: PostFilter {
            PostFilter(status: status, authorID: authorID, tagSlug: tagSlug, search: search)
        }

        /// `/admin/posts/?...` with these filters on page `number`.
        func url(page number: Int) -> String {
            var items: [(String, String)] = []
            if let status { items.append(("status", status.rawValue)) }
            if let authorID { items.append(("author", String(authorID))) }
            if let tagSlug { items.append(("tag", tagSlug)) }
            if let search { items.append(("q", search)) }
            if number > 1 { items.append(("page", String(number))) }
            guard !items.isEmpty else { return "/admin/posts/" }
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            return "/admin/posts/?"
                + items.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
                .joined(separator: "&")
        }
    }

    init(page: Page<PostListing>, filters: Filters, authors: [Author]?, tags: [TagCount], time: NewsroomTime) {
        rows = page.items.map { listing in
            let when: String? =
                switch listing.status {
                case .draft: nil
                case .scheduled: listing.publishedAt.map { "Scheduled for " + time.display($0) }
                case .published: listing.publishedAt.map { "Published " + time.display($0) }
                }
            return Row(
                id: listing.id, title: listing.title, editURL: "/admin/posts/\(listing.id)/edit",
                publicURL: listing.status == .published ? "/\(listing.slug)/" : nil, status: listing.status.rawValue,
                statusLabel: PostEditorView.label(listing.status), isMembersOnly: listing.visibility != .public,
                authorName: listing.author.name, tags: listing.tags.map(\.name),
                updated: time.display(listing.updatedAt),
                updatedISO: DateText.iso(listing.updatedAt), when: when)
        }
        hasRows = !rows.isEmpty
        query = filters.search ?? ""
        statuses =
            [PostEditorView.Option(value: "", label: "All statuses", selected: filters.status == nil)]
            + PostStatus.allCases.map {
                PostEditorView.Option(
                    value: $0.rawValue, label: PostEditorView.label($0), selected: filters.status == $0)
            }
        self.authors = authors.map { list in
            [PostEditorView.Option(value: "", label: "All authors", selected: filters.authorID == nil)]
                + list.map {
                    PostEditorView.Option(value: String($0.id), label: $0.name, selected: filters.authorID == $0.id)
                }
        }
        showsAuthors = authors != nil
        self.tags =
            [PostEditorView.Option(value: "", label: "All tags", selected: filters.tagSlug == nil)]
            + tags.map {
                PostEditorView.Option(value: $0.tag.slug, label: $0.tag.name, selected: filters.tagSlug == $0.tag.slug)
            }
        isFiltered =
            filters.status != nil || filters.authorID != nil || filters.tagSlug != nil || filters.search != nil
        totalText = page.totalItems == 1 ? "1 post" : "\(page.totalItems) posts"
        previousURL = page.hasPrevious ? filters.url(page: page.number - 1) : nil
        nextURL = page.hasNext ? filters.url(page: page.number + 1) : nil
        pageText = "Page \(page.number) of \(page.totalPages)"
        hasPages = page.totalPages > 1
    }
}
