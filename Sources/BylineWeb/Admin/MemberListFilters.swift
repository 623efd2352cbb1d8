import BylineCore
import BylineStore
import Foundation

/// The members list's filters as the query string carries them (`q`, `status`, `newsletter`,
/// `mail`, `page`): read once, turned into the store's ``MemberFilter``, and written back into
/// the list's links and its export link, so paging and exporting keep what was chosen.
struct MemberListFilters: Sendable {
    var search: String?
    var status: MemberStatus?
    /// A newsletter's slug; one the site does not have filters nothing.
    var newsletterSlug: String?
    /// "stopped": members whose mail stopped after hard bounces; "active": the others.
    var mail: String?
    var page: Int

    init(_ query: [String: String]) {
        func value(_ name: String) -> String? {
            guard let text = query[name]?.trimmingWhitespace(), !text.isEmpty else { return nil }
            return text
        }
        search = value("q")
        status = value("status").flatMap(MemberStatus.init(rawValue:))
        newsletterSlug = value("newsletter")
        mail = value("mail").flatMap { ["stopped", "active"].contains($0) ? $0 : nil }
        page = max(1, value("page").flatMap { Int($0) } ?? 1)
    }

    func storeFilter(newsletters: [Newsletter]) -> MemberFilter {
        MemberFilter(
            search: search, status: status,
            newsletterID: newsletterSlug.flatMap { slug in newsletters.first { $0.slug == slug }?.id },
            emailDisabled: mail.map { $0 == "stopped" })
    }

    var isFiltered: Bool { search != nil || status != nil || newsletterSlug != nil || mail != nil }

    /// The query string of these filters (without `?`), on page `number` (nil: no page).
    func query(page number: Int?) -> String {
        var items: [(String, String)] = []
        if let search { items.append(("q", search)) }
        if let status { items.append(("status", status.rawValue)) }
        if let newsletterSlug { items.append(("newsletter", newsletterSlug)) }
        if let mail { items.append(("mail", mail)) }
        if let number, number > 1 { items.append(("page", String(number))) }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return items.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&")
    }

    /// `base` with these filters' query, if any.
    func url(_ base: String, page number: Int? = nil) -> String {
        let query = query(page: number)
        return query.isEmpty ? base : base + "?" + query
    }
}
