import BylineCore
import BylineStore
import BylineTestSupport
import BylineWeb
import Foundation
import Testing

/// Sign-in with bcrypt passwords, the throttle per account and per client address, password
/// changes and resets, on both stores.
@Suite struct StaffSignInTests {
    @Test(arguments: StoreKind.allCases) func rightPasswordSignsInWrongOneDoesNot(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let accounts = StaffAccounts(store: temp.store, hasher: TestSite.hasher, clock: temp.clock)
            let (user, password) = try await accounts.addUser(email: "ann@news.example", name: "Ann", role: .author)
            #expect(password.count >= 20)
            let stored = try #require(try await temp.store.staffCredentials(email: "ann@news.example"))
            #expect(stored.passwordHash.hasPrefix("$2"))
            #expect(!stored.passwordHash.contains(password))

            let signedIn = try await accounts.signIn(email: "ANN@news.example", password: password, clientAddress: "a")
            #expect(signedIn.session.user == user)
            #expect(try await accounts.session(token: signedIn.token)?.user == user)
            // The store keeps a hash of the cookie's token, not the token.
            #expect(try await temp.store.session(tokenHash: signedIn.token) == nil)

            await #expect(throws: StaffAccounts.SignInRefusal.wrongCredentials) {
                _ = try await accounts.signIn(email: "ann@news.example", password: "wrong", clientAddress: "a")
            }
            await #expect(throws: StaffAccounts.SignInRefusal.wrongCredentials) {
                _ = try await accounts.signIn(email: "nobody@news.example", password: password, clientAddress: "a")
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func failuresLockTheAccountForTheWindow(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let accounts = StaffAccounts(
                store: temp.store, hasher: TestSite.hasher, throttle: SignInThrottle(perAccount: 3, perAddress: 100),
                clock: temp.clock)
            let (_, password) = try await accounts.addUser(email: "bo@news.example", name: "Bo", role: .editor)
            for _ in 0..<3 {
                await #expect(throws: StaffAccounts.SignInRefusal.wrongCredentials) {
                    _ = try await accounts.signIn(email: "bo@news.example", password: "guess", clientAddress: "x")
                }
            }
            // Locked: even the right password is refused, from any address.
            await #expect(throws: StaffAccounts.SignInRefusal.throttled(retryAfter: 900)) {
                _ = try await accounts.signIn(email: "bo@news.example", password: password, clientAddress: "y")
            }
            temp.clock.advance(by: 901)
            _ = try await accounts.signIn(email: "bo@news.example", password: password, clientAddress: "y")
        }
    }

    @Test(arguments: StoreKind.allCases) func failuresFromOneAddressLockThatAddress(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let accounts = StaffAccounts(
                store: temp.store, hasher: TestSite.hasher, throttle: SignInThrottle(perAccount: 100, perAddress: 4),
                clock: temp.clock)
            let (_, password) = try await accounts.addUser(email: "cy@news.example", name: "Cy", role: .editor)
            for index in 0..<4 {
                await #expect(throws: StaffAccounts.SignInRefusal.wrongCredentials) {
                    _ = try await accounts.signIn(
                        email: "user\(index)@news.example", password: "guess", clientAddress: "203.0.113.5")
                }
            }
            await #expect(throws: StaffAccounts.SignInRefusal.throttled(retryAfter: 900)) {
                _ = try await accounts.signIn(
                    email: "cy@news.example", password: password, clientAddress: "203.0.113.5")
            }
            // Another address is not affected.
            _ = try await accounts.signIn(email: "cy@news.example", password: password, clientAddress: "198.51.100.7")
        }
    }

    @Test(arguments: StoreKind.allCases) func passwordChangeAndResetEndOtherSessions(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let accounts = StaffAccounts(store: temp.store, hasher: TestSite.hasher, clock: temp.clock)
            let (_, password) = try await accounts.addUser(email: "di@news.example", name: "Di", role: .author)
            let laptop = try await accounts.signIn(email: "di@news.example", password: password, clientAddress: "a")
            let phone = try await accounts.signIn(email: "di@news.example", password: password, clientAddress: "b")

            await #expect(
                throws: NewsroomError.invalidField(field: "current_password", reason: "is not your current password")
            ) {
                try await accounts.changePassword(laptop.session, current: "wrong", new: "a much longer password")
            }
            await #expect(
                throws: NewsroomError.invalidField(field: "new_password", reason: "must be at least 10 characters")
            ) {
                try await accounts.changePassword(laptop.session, current: password, new: "short")
            }
            try await accounts.changePassword(laptop.session, current: password, new: "a much longer password")
            #expect(try await accounts.session(token: laptop.token) != nil)
            #expect(try await accounts.session(token: phone.token) == nil)
            _ = try await accounts.signIn(
                email: "di@news.example", password: "a much longer password", clientAddress: "a")

            let user = try #require(try await temp.store.staffCredentials(email: "di@news.example")).user
            let (_, secret) = try await accounts.createAPIToken(name: "script", for: user)
            #expect(try await accounts.apiTokenUser(token: secret) == user)
            let reset = try await accounts.resetPassword(email: "di@news.example")
            #expect(try await accounts.session(token: laptop.token) == nil)
            // A reset answers a stolen password: the account's API tokens stop working too.
            #expect(try await accounts.apiTokenUser(token: secret) == nil)
            _ = try await accounts.signIn(email: "di@news.example", password: reset, clientAddress: "a")
        }
    }
}
