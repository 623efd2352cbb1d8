import BylineCore
import BylineWeb

/// One staff member of each role that the Admin API tests act as, each with an API token.
struct NewsroomStaff {
    struct Member {
        let user: StaffUser
        let token: String
    }

    let owner: Member
    let editor: Member
    let author: Member
    let contributor: Member

    /// Creates the accounts and their tokens on the site's store.
    static func make(on site: TestSite) async throws -> NewsroomStaff {
        func member(_ role: StaffRole, _ name: String) async throws -> Member {
            let (user, _) = try await site.accounts.addUser(
                email: "\(role.rawValue)@news.example", name: name, role: role)
            let (_, token) = try await site.accounts.createAPIToken(name: "tests", for: user)
            return Member(user: user, token: token)
        }
        return NewsroomStaff(
            owner: try await member(.owner, "Olive Owner"), editor: try await member(.editor, "Ed Editor"),
            author: try await member(.author, "Ann Author"),
            contributor: try await member(.contributor, "Cory Contributor"))
    }
}
