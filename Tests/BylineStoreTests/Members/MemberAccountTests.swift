import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

/// What a member changes on their account page: name, address, newsletters, and deleting it all.
@Suite struct MemberAccountTests {
    @Test(arguments: StoreKind.allCases) func nameAndAddressChangeAndATakenAddressIsRefused(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let ada = try await MemberFixtures.confirmed(store, "ada@news.example")
            let bo = try await MemberFixtures.confirmed(store, "bo@news.example")
            temp.clock.advance(by: 10)
            let named = try await store.updateMember(id: ada.id, name: "  Ada \n Obi ")
            #expect(named.name == "Ada Obi")
            #expect(named.updatedAt == temp.clock.now())

            await #expect(throws: StoreError.emailTaken("Bo@news.example")) {
                _ = try await store.changeEmail(memberID: ada.id, to: " Bo@NEWS.example")
            }
            await #expect(throws: StoreError.invalidInput(EmailAddressError.domainWithoutDot.description)) {
                _ = try await store.changeEmail(memberID: ada.id, to: "ada@localhost")
            }
            // Another spelling of one's own address is fine.
            #expect(try await store.changeEmail(memberID: bo.id, to: "Bo@news.example").email == "Bo@news.example")

            // Bounces on the old address do not follow the member to the new one.
            for _ in 0..<Member.hardBounceLimit { _ = try await store.recordHardBounce(memberID: ada.id) }
            let moved = try await store.changeEmail(memberID: ada.id, to: "ada@elsewhere.example")
            #expect(moved.email == "ada@elsewhere.example")
            #expect(moved.hardBounces == 0)
            #expect(!moved.emailDisabled)
            #expect(try await store.member(email: "ada@news.example") == nil)
            #expect(try await store.member(email: "ADA@elsewhere.example")?.id == ada.id)
            // The old address is free for a new signup.
            #expect(try await store.requestSignup(email: "ada@news.example").memberID != ada.id)
        }
    }

    @Test(arguments: StoreKind.allCases) func newslettersAreChosenAndLeftOneOrAllAtOnce(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let (daily, breaking) = try await MemberFixtures.newsletters(store)
            let member = try await MemberFixtures.confirmed(store, "cy@news.example")
            #expect(member.newsletterIDs == [daily.id, breaking.id])

            try await store.unsubscribe(memberID: member.id, newsletterID: daily.id)
            #expect(try await store.member(id: member.id)?.newsletterIDs == [breaking.id])
            #expect(try await store.setNewsletters(memberID: member.id, ids: [daily.id]).newsletterIDs == [daily.id])
            #expect(
                try await store.setNewsletters(memberID: member.id, ids: [breaking.id, daily.id, 999]).newsletterIDs
                    == [daily.id, breaking.id])
            try await store.unsubscribe(memberID: member.id, newsletterID: nil)
            let none = try #require(try await store.member(id: member.id))
            #expect(none.newsletterIDs.isEmpty)
            // Still a member (they may sign in and subscribe again), just on no list.
            #expect(none.status == .confirmed)
            #expect(
                try await store.setNewsletters(memberID: member.id, ids: [breaking.id]).newsletterIDs == [breaking.id])
            #expect(try await store.setNewsletters(memberID: member.id, ids: []).newsletterIDs == [])
            await #expect(throws: StoreError.notFound("member 999")) {
                _ = try await store.setNewsletters(memberID: 999, ids: [daily.id])
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func deletingAMemberLeavesNoTraceOfTheAddress(_ kind: StoreKind)
        async throws
    {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            _ = try await MemberFixtures.newsletters(store)
            let email = "Dee.Gone@News.example"
            let member = try await MemberFixtures.confirmed(store, email)
            let other = try await MemberFixtures.confirmed(store, "stays@news.example")
            _ = try await store.updateMember(id: member.id, name: "Dee Gone")
            try await store.recordSignupAttempt(scopes: [.email(email), .client("198.51.100.7")])
            try await store.createMemberToken(
                memberID: member.id, purpose: .changeEmail, tokenHash: "change", expiresAt: temp.clock.now() + 60,
                newEmail: "dee.next@news.example")
            try await store.createMemberToken(
                memberID: member.id, purpose: .signIn, tokenHash: "sign-in", expiresAt: temp.clock.now() + 60,
                newEmail: nil)
            try await store.createMemberSession(
                tokenHash: "session", memberID: member.id, csrfToken: "csrf", expiresAt: temp.clock.now() + 60)
            #expect(try await MemberFixtures.rowsMentioning("dee.gone@news.example", in: store)["members"] == 1)

            try await store.deleteMember(id: member.id)
            #expect(try await MemberFixtures.rowsMentioning("dee.gone@news.example", in: store) == [:])
            #expect(try await MemberFixtures.rowsMentioning("dee gone", in: store) == [:])
            #expect(try await MemberFixtures.rowsMentioning("dee.next", in: store) == [:])
            #expect(try await store.member(id: member.id) == nil)
            #expect(try await store.memberSession(tokenHash: "session") == nil)
            #expect(try await store.consumeMemberToken(tokenHash: "sign-in", purpose: .signIn) == nil)
            let leftovers: Int = try await store.engine.read { db in
                try db.value(
                    """
                    SELECT (SELECT COUNT(*) FROM member_newsletters WHERE member_id = \(member.id))
                        + (SELECT COUNT(*) FROM member_tokens WHERE member_id = \(member.id))
                        + (SELECT COUNT(*) FROM member_sessions WHERE member_id = \(member.id))
                    """) ?? -1
            }
            #expect(leftovers == 0)
            // Others are untouched, and so is the client's throttle note (it names no person).
            #expect(try await store.member(id: other.id)?.newsletterIDs.count == 2)
            #expect(try await store.signupAttempts(scope: .client("198.51.100.7"), since: .distantPast) == 1)
            // Deleting again, or someone unknown, is no error.
            try await store.deleteMember(id: member.id)
        }
    }
}
