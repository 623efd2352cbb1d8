import BylineCore
import BylineStore
import BylineWeb

/// The demo site's newsroom account: created with a fresh one-time password when the site has
/// no staff yet, so a new user can sign in straight away.
struct DemoOwner {
    static let email = "owner@scoophub.example"

    /// nil password: the account existed already and its password is not known here.
    let email: String
    let password: String?

    static func ensure(store: some StaffStore) async throws -> DemoOwner {
        let staff = try await store.staffUsers()
        if !staff.isEmpty {
            return DemoOwner(email: email, password: nil)
        }
        let accounts = StaffAccounts(store: store, clock: SystemClock())
        let (_, password) = try await accounts.addUser(email: email, name: "Scoop Hub Desk", role: .owner)
        return DemoOwner(email: email, password: password)
    }

    func instructions(adminURL: String) -> String {
        guard let password else {
            return "Newsroom: \(adminURL) (forgot the password? byline user reset-password --email \(email))"
        }
        return "Newsroom: sign in at \(adminURL) as \(email) with the password \(password)"
    }
}
