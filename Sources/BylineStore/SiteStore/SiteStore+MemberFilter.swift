import BylineCore

/// A ``MemberFilter`` as SQL, shared by the admin's list, its total and the export, so the
/// three always select the same members.
extension SiteStore {
    /// The tables and conditions a filter selects members from.
    struct MemberSelection {
        /// `members m`, or a newsletter's subscriptions joined to their members.
        let tables: SQL
        let conditions: [SQL]
        /// The member id to order and page by: `mn.member_id` when reading a newsletter's range
        /// of `member_newsletters_newsletter`, which is then already in member order.
        let order: SQL

        /// ` WHERE ...` for the conditions and `extra`; empty when there are none.
        func matching(_ extra: [SQL] = []) -> SQL {
            let all = conditions + extra
            return all.isEmpty ? "" : " WHERE " + SQL.joined(all, separator: " AND ")
        }
    }

    /// Without a search every filter is one index range walked from its end: the primary key,
    /// `members_status (status, id)`, or a newsletter's range of `member_newsletters_newsletter`.
    /// "Mail stopped" is checked on the rows walked (there is no index on `email_disabled`: such
    /// members are few, so that list scans more rows than it shows). A search matches each word
    /// with `LIKE '%word%'` against the stored lowercase keys, a scan of the members.
    static func memberSelection(_ filter: MemberFilter) -> MemberSelection {
        var tables: SQL = "members m"
        var conditions: [SQL] = []
        var order: SQL = "m.id"
        if let newsletterID = filter.newsletterID {
            tables = "member_newsletters mn JOIN members m ON m.id = mn.member_id"
            conditions.append("mn.newsletter_id = \(newsletterID)")
            order = "mn.member_id"
        }
        if let status = filter.status { conditions.append("m.status = \(status.rawValue)") }
        if let disabled = filter.emailDisabled { conditions.append("m.email_disabled = \(disabled ? 1 : 0)") }
        let words = (filter.search ?? "").lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        for word in words {
            let pattern = "%" + likeEscaped(word) + "%"
            conditions.append("(m.email_key LIKE \(pattern) ESCAPE '\\' OR m.name_key LIKE \(pattern) ESCAPE '\\')")
        }
        return MemberSelection(tables: tables, conditions: conditions, order: order)
    }
}
