import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

/// Signup with double opt-in: one member per address, one signup email per window, and what a
/// signup subscribes to, on both engines.
@Suite struct MemberSignupTests {
    @Test(arguments: StoreKind.allCases) func oneMemberPerAddressHoweverOftenAndInWhateverCase(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            _ = try await store.ensureDefaultNewsletter(name: "Scoop Hub")
            let first = try await store.requestSignup(email: "  Ada.Obi@News.Example ")
            #expect(first.email == .confirmation)
            for spelling in ["ada.obi@news.example", "ADA.OBI@NEWS.EXAMPLE", "\tAda.Obi@news.example\n"] {
                temp.clock.advance(by: 3600)
                let again = try await store.requestSignup(email: spelling)
                #expect(again.memberID == first.memberID)
                #expect(again.email == .confirmation)
            }
            let listing = try await store.memberListing(MemberFilter(), PageRequest(number: 1, perPage: 10))
            #expect(listing.totalItems == 1)
            let member = try #require(try await store.member(email: "ada.obi@NEWS.example"))
            #expect(member.email == "Ada.Obi@news.example")
            #expect(member.status == .pending)
            #expect(member.confirmedAt == nil)
            #expect(try await store.member(email: "someone@news.example") == nil)
        }
    }

    @Test(arguments: StoreKind.allCases) func noSecondSignupEmailWithinTheWindow(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let window = SignupRules.signupEmailWindow
            #expect(try await store.requestSignup(email: "bo@news.example").email == .confirmation)
            temp.clock.advance(by: 1)
            #expect(try await store.requestSignup(email: "BO@news.example").email == .none)
            temp.clock.advance(by: window - 2)
            #expect(try await store.requestSignup(email: "bo@news.example").email == .none)
            // Refused requests do not move the window: it counts from the email that was sent.
            temp.clock.advance(by: 1)
            let resent = try await store.requestSignup(email: "bo@news.example")
            #expect(resent.email == .confirmation)
            #expect(resent.sendsConfirmation)
            #expect(try await store.member(id: resent.memberID)?.lastSignupEmailAt == temp.clock.now())
            // A shorter window the caller asks for.
            temp.clock.advance(by: 60)
            #expect(
                try await store.requestSignup(email: "bo@news.example", newsletterIDs: [], emailWindow: 30).email
                    == .confirmation)
        }
    }

    @Test(arguments: StoreKind.allCases) func aConfirmedMemberGetsNoConfirmationAndKeepsTheirChoice(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let (daily, breaking) = try await MemberFixtures.newsletters(store)
            let signup = try await store.requestSignup(email: "cy@news.example", newsletterIDs: [daily.id])
            temp.clock.advance(by: 5)
            let confirmed = try await store.confirmMember(id: signup.memberID)
            #expect(confirmed.status == .confirmed)
            #expect(confirmed.confirmedAt == temp.clock.now())
            #expect(confirmed.newsletterIDs == [daily.id])
            // Confirming twice keeps the first time.
            temp.clock.advance(by: 5)
            #expect(try await store.confirmMember(id: signup.memberID).confirmedAt == confirmed.confirmedAt)

            // Signing up again: no confirmation, and a form anyone can post changes nothing.
            temp.clock.advance(by: SignupRules.signupEmailWindow)
            let again = try await store.requestSignup(email: "cy@news.example", newsletterIDs: [breaking.id])
            #expect(again == SignupOutcome(memberID: signup.memberID, email: .alreadyConfirmed))
            #expect(!again.sendsConfirmation)
            #expect(try await store.member(id: signup.memberID)?.newsletterIDs == [daily.id])
            // The window covers this email too.
            #expect(try await store.requestSignup(email: "cy@news.example").email == .none)
        }
    }

    @Test(arguments: StoreKind.allCases) func aSignupSubscribesToTheChosenActiveNewsletters(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let (daily, breaking) = try await MemberFixtures.newsletters(store)
            let retired = try await store.createNewsletter(NewsletterInput(name: "Weekend", active: false))
            // None chosen: every active newsletter, in the site's order.
            let all = try await store.requestSignup(email: "all@news.example")
            #expect(try await store.member(id: all.memberID)?.newsletterIDs == [daily.id, breaking.id])
            // Chosen: those, without inactive or unknown ones.
            let some = try await store.requestSignup(
                email: "some@news.example", newsletterIDs: [breaking.id, retired.id, 999])
            #expect(try await store.member(id: some.memberID)?.newsletterIDs == [breaking.id])
            // A pending member signing up again for another adds it.
            _ = try await store.requestSignup(email: "some@news.example", newsletterIDs: [daily.id])
            #expect(try await store.member(id: some.memberID)?.newsletterIDs == [daily.id, breaking.id])
        }
    }

    @Test(arguments: StoreKind.allCases) func whatIsNoAddressIsRefusedWithTheReason(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            await #expect(throws: StoreError.invalidInput(EmailAddressError.missingAt.description)) {
                _ = try await temp.store.requestSignup(email: "reader.news.example")
            }
            await #expect(throws: StoreError.invalidInput(EmailAddressError.empty.description)) {
                _ = try await temp.store.requestSignup(email: "  ")
            }
            let listing = try await temp.store.memberListing(MemberFilter(), PageRequest(number: 1, perPage: 5))
            #expect(listing.totalItems == 0)
        }
    }

    /// Two nodes (or two requests) signing up one address at once: one row, one email.
    @Test(arguments: StoreKind.allCases) func racingSignupsMakeOneMemberAndOneEmail(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let stores = [temp.store, try await temp.openAnother(), try await temp.openAnother()]
            for round in 0..<5 {
                let email = "race\(round)@news.example"
                let outcomes = try await withThrowingTaskGroup(of: SignupOutcome.self) { group in
                    for (index, store) in stores.enumerated() {
                        group.addTask {
                            try await store.requestSignup(email: index == 0 ? email : email.uppercased())
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(Set(outcomes.map(\.memberID)).count == 1)
                #expect(outcomes.filter(\.sendsConfirmation).count == 1)
            }
            #expect(
                try await temp.store.memberListing(MemberFilter(), PageRequest(number: 1, perPage: 10)).totalItems == 5)
        }
    }

    @Test(arguments: StoreKind.allCases) func signupAttemptsCountPerScopeWithinTheWindow(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let start = temp.clock.now()
            try await store.recordSignupAttempt(scopes: [.email("Ada@news.example"), .client("203.0.113.9")])
            temp.clock.advance(by: 60)
            try await store.recordSignupAttempt(scopes: [.email("ada@NEWS.example"), .client("203.0.113.10")])
            #expect(try await store.signupAttempts(scope: .email("ada@news.example"), since: start - 1) == 2)
            #expect(try await store.signupAttempts(scope: .email("ada@news.example"), since: start + 30) == 1)
            #expect(try await store.signupAttempts(scope: .client("203.0.113.9"), since: start - 1) == 1)
            // After a day the notes are pruned.
            temp.clock.advance(by: 24 * 3600 + 1)
            try await store.pruneMemberRecords()
            #expect(try await store.signupAttempts(scope: .email("ada@news.example"), since: .distantPast) == 0)
        }
    }
}
