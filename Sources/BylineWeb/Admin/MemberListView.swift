import BylineCore
import BylineStore
import Foundation

/// The members list page's context: the filters as chosen, one row per member, the total and
/// the pager.
struct MemberListView {
    struct Row {
        let id: Int64
        let email: String
        let name: String
        let status: String
        let statusLabel: String
        let newsletters: [String]
        let signedUp: String
        let signedUpISO: String
        let hardBounces: Int
        let emailDisabled: Bool
    }

    /// A choice of a filter's menu, as the posts list has them.
    typealias Option = PostEditorView.Option

    let rows: [Row]
    let hasRows: Bool
    let query: String
    let statuses: [Option]
    let newsletters: [Option]
    let mail: [Option]
    let isFiltered: Bool
    let totalText: String
    let exportURL: String
    let previousURL: String?
    let nextURL: String?
    let pageText: String
    let hasPages: Bool

    static func label(_ status: MemberStatus) -> String {
        switch status {
        case .pending: "Pending"
        case .confirmed: "Confirmed"
        }
    }

    init(page: Page<Member>, filters: MemberListFilters, newsletters: [Newsletter], time: NewsroomTime) {
        let names = Dictionary(newsletters.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        rows = page.items.map { member in
            Row(
                id: member.id, email: member.email, name: member.name, status: member.status.rawValue,
                statusLabel: Self.label(member.status), newsletters: member.newsletterIDs.compactMap { names[$0] },
                signedUp: time.display(member.createdAt), signedUpISO: DateText.iso(member.createdAt),
                hardBounces: member.hardBounces, emailDisabled: member.emailDisabled)
        }
        hasRows = !rows.isEmpty
        query = filters.search ?? ""
        statuses =
            [Option(value: "", label: "All statuses", selected: filters.status == nil)]
            + MemberStatus.allCases.map {
                Option(value: $0.rawValue, label: Self.label($0), selected: filters.status == $0)
            }
        let chosen = newsletters.first { $0.slug == filters.newsletterSlug }
        self.newsletters =
            [Option(value: "", label: "All newsletters", selected: chosen == nil)]
            + newsletters.map {
                Option(
                    value: $0.slug, label: $0.active ? $0.name : "\($0.name) (inactive)",
                    selected: chosen?.id == $0.id)
            }
        mail = [
            Option(value: "", label: "Any mail state", selected: filters.mail == nil),
            Option(value: "active", label: "Mail delivered", selected: filters.mail == "active"),
            Option(value: "stopped", label: "Mail stopped (bounces)", selected: filters.mail == "stopped"),
        ]
        isFiltered = filters.isFiltered
        totalText = page.totalItems == 1 ? "1 member" : "\(page.totalItems) members"
        exportURL = filters.url("/admin/members/export.csv")
        previousURL = page.hasPrevious ? filters.url("/admin/members/", page: page.number - 1) : nil
        nextURL = page.hasNext ? filters.url("/admin/members/", page: page.number + 1) : nil
        pageText = "Page \(page.number) of \(page.totalPages)"
        hasPages = page.totalPages > 1
    }
}
