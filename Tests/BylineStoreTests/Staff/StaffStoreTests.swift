import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

/// Staff accounts, sessions, API tokens and the sign-in throttle's memory, on both engines.
@Suite struct StaffStoreTests {
    @Test(arguments: StoreKind.allCases) func accountsGetAnAuthorProfileAndUniqueEmails(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            // An imported byline of the same name becomes the new account's profile.
            let imported = try await store.upsertPost(
                matchingTitle: PostInput(title: "Old Story", authorName: "Ada Obi", markdown: "Text."))
            let ada = try await store.createStaffUser(
                email: "Ada@News.example", name: "Ada Obi", role: .author, passwordHash: "h1")
            let post = try #require(try await store.post(id: imported.id))
            #expect(ada.authorID == post.author.id)
            let bo = try await store.createStaffUser(
                email: "bo@news.example", name: "Bo", role: .editor, passwordHash: "h2")
            #expect(bo.authorID != ada.authorID)
            await #expect(throws: StoreError.emailTaken("ADA@news.example")) {
                _ = try await store.createStaffUser(
                    email: "ADA@news.example", name: "Other", role: .author, passwordHash: "h3")
            }
            let found = try #require(try await store.staffCredentials(email: "ada@NEWS.example"))
            #expect(found.user == ada)
            #expect(found.passwordHash == "h1")
            #expect(try await store.staffUsers().map(\.email) == ["Ada@News.example", "bo@news.example"])
            #expect(try await store.staffCredentials(email: "nobody@news.example") == nil)
        }
    }

    @Test(arguments: StoreKind.allCases) func sessionsExpireAndEndWithSuspensionOrNewPassword(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let user = try await store.createStaffUser(
                email: "e@news.example", name: "Ed", role: .editor, passwordHash: "h")
            let expiry = temp.clock.now().addingTimeInterval(3600)
            try await store.createSession(tokenHash: "a", userID: user.id, csrfToken: "csrf-a", expiresAt: expiry)
            try await store.createSession(tokenHash: "b", userID: user.id, csrfToken: "csrf-b", expiresAt: expiry)
            let session = try #require(try await store.session(tokenHash: "a"))
            #expect(session.user == user)
            #expect(session.csrfToken == "csrf-a")
            #expect(try await store.session(tokenHash: "unknown") == nil)

            // A new password ends every other session.
            try await store.setPasswordHash(userID: user.id, "h2", keepingSession: "a")
            #expect(try await store.session(tokenHash: "a") != nil)
            #expect(try await store.session(tokenHash: "b") == nil)
            #expect(try await store.staffCredentials(email: user.email)?.passwordHash == "h2")

            // Time passes beyond the expiry: the session no longer counts, and pruning removes it.
            temp.clock.advance(by: 3601)
            #expect(try await store.session(tokenHash: "a") == nil)
            try await store.pruneSessions()

            try await store.createSession(
                tokenHash: "c", userID: user.id, csrfToken: "csrf-c", expiresAt: temp.clock.now() + 3600)
            let suspended = try await store.updateStaffUser(id: user.id, name: "Ed", role: .editor, suspended: true)
            #expect(suspended.suspended)
            #expect(try await store.session(tokenHash: "c") == nil)
        }
    }

    @Test(arguments: StoreKind.allCases) func apiTokensActForTheirUserUntilRevoked(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let user = try await store.createStaffUser(
                email: "t@news.example", name: "Tess", role: .author, passwordHash: "h")
            let other = try await store.createStaffUser(
                email: "u@news.example", name: "Uma", role: .author, passwordHash: "h")
            let token = try await store.createAPIToken(userID: user.id, name: "CI", tokenHash: "hash-1")
            #expect(try await store.apiTokenUser(tokenHash: "hash-1") == user)
            #expect(try await store.apiTokenUser(tokenHash: "hash-2") == nil)
            let listed = try await store.apiTokens(userID: user.id)
            #expect(listed.map(\.name) == ["CI"])
            #expect(listed.first?.lastUsedAt != nil)
            // Another user cannot revoke it.
            try await store.deleteAPIToken(id: token.id, userID: other.id)
            #expect(try await store.apiTokenUser(tokenHash: "hash-1") == user)
            try await store.deleteAPIToken(id: token.id, userID: user.id)
            #expect(try await store.apiTokenUser(tokenHash: "hash-1") == nil)
        }
    }

    @Test(arguments: StoreKind.allCases) func signInFailuresCountPerScopeWithinTheWindow(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let start = temp.clock.now()
            try await store.recordSignInFailure(scopes: ["account:a", "address:1"])
            temp.clock.advance(by: 60)
            try await store.recordSignInFailure(scopes: ["account:a", "address:2"])
            #expect(try await store.signInFailures(scope: "account:a", since: start - 1) == 2)
            #expect(try await store.signInFailures(scope: "account:a", since: start + 30) == 1)
            #expect(try await store.signInFailures(scope: "address:1", since: start - 1) == 1)
            try await store.clearSignInFailures(scope: "account:a")
            #expect(try await store.signInFailures(scope: "account:a", since: start - 1) == 0)
            #expect(try await store.signInFailures(scope: "address:2", since: start - 1) == 1)
        }
    }

    @Test(arguments: StoreKind.allCases) func removingAnAccountKeepsItsPosts(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let user = try await store.createStaffUser(
                email: "r@news.example", name: "Ray", role: .author, passwordHash: "h")
            let saved = try await store.upsertPost(
                matchingTitle: PostInput(title: "Ray's Story", authorName: "Ray", markdown: "Text."))
            try await store.deleteStaffUser(id: user.id)
            #expect(try await store.staffUser(id: user.id) == nil)
            let post = try #require(try await store.post(id: saved.id))
            #expect(post.author.id == user.authorID)
            #expect(post.author.userID == nil)
        }
    }
}
