import BylineTestSupport

extension TestSite {
    /// Serves a fresh site of `kind` with one staff member of each role, and runs `body` with an
    /// Admin API client that sends no token yet (`api.with(token:)` picks who acts).
    static func withAdminAPI(
        _ kind: StoreKind, _ body: @Sendable (AdminAPIClient, NewsroomStaff, TestSite) async throws -> Void
    ) async throws {
        let site = try await TestSite.open(kind)
        try await site.serve { client in
            let staff = try await NewsroomStaff.make(on: site)
            try await body(AdminAPIClient(client: client, token: nil), staff, site)
        }
    }
}
