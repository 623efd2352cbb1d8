import BylineCore

/// The admin's work on members in bulk: importing a list, exporting it. Permissions are the
/// caller's job (``NewsroomPermissions``). The list itself is ``MemberStore/memberListing(_:_:)``.
public protocol MemberAdministration: Sendable {
    /// Adds the rows' addresses that are not members yet, in transactions of about a thousand
    /// rows (a failure keeps the batches before it). With `confirmed` (the site has the people's
    /// consent) new members are confirmed, except rows whose `status` says pending; without it
    /// every new member is pending and receives nothing until they confirm. A new member gets
    /// the row's active newsletters (nil: every active one). An existing member keeps their
    /// status and newsletters; only a missing name is filled in. Sends no email.
    func importMembers(_ rows: [MemberImportRow], confirmed: Bool) async throws -> MemberImportResult

    /// The stored name of each of these addresses that is a member (keys:
    /// ``SignupRules/emailKey(_:)``): what a preview needs to say what an import would do.
    func memberNames(emailKeys: [String]) async throws -> [String: String]

    /// The next `limit` members matching `filter`, newest first, after (older than) member id
    /// `beforeID` (nil: from the newest): an export walks any number of members in batches that
    /// each cost the same.
    func membersForExport(_ filter: MemberFilter, beforeID: Int64?, limit: Int) async throws -> [Member]
}
