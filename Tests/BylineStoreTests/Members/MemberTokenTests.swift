import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

/// Emailed links: good once, for their purpose, until they expire; also when two requests race
/// with one link.
@Suite struct MemberTokenTests {
    @Test(arguments: StoreKind.allCases) func aLinkWorksOnceAndOnlyForItsPurpose(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let signup = try await store.requestSignup(email: "ada@news.example")
            let expiry = temp.clock.now() + MemberTokenPurpose.confirmSignup.lifetime
            try await store.createMemberToken(
                memberID: signup.memberID, purpose: .confirmSignup, tokenHash: "hash-confirm", expiresAt: expiry,
                newEmail: nil)
            // Another purpose's page refuses it, and does not use it up.
            #expect(try await store.consumeMemberToken(tokenHash: "hash-confirm", purpose: .signIn) == nil)
            #expect(try await store.consumeMemberToken(tokenHash: "unknown", purpose: .confirmSignup) == nil)
            let used = try #require(
                try await store.consumeMemberToken(tokenHash: "hash-confirm", purpose: .confirmSignup))
            #expect(used.member.id == signup.memberID)
            #expect(used.member.email == "ada@news.example")
            #expect(used.newEmail == nil)
            #expect(try await store.consumeMemberToken(tokenHash: "hash-confirm", purpose: .confirmSignup) == nil)

            // An email change carries its new address.
            try await store.createMemberToken(
                memberID: signup.memberID, purpose: .changeEmail, tokenHash: "hash-change",
                expiresAt: temp.clock.now() + 60, newEmail: "ada@elsewhere.example")
            let change = try #require(
                try await store.consumeMemberToken(tokenHash: "hash-change", purpose: .changeEmail))
            #expect(change.newEmail == "ada@elsewhere.example")

            // A link for a member that does not exist is refused when it is made.
            await #expect(throws: StoreError.notFound("member 999")) {
                try await store.createMemberToken(
                    memberID: 999, purpose: .signIn, tokenHash: "h", expiresAt: temp.clock.now() + 60, newEmail: nil)
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func aLinkExpires(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let member = try await MemberFixtures.confirmed(store, "bo@news.example")
            let lifetime = MemberTokenPurpose.signIn.lifetime
            for hash in ["early", "late"] {
                try await store.createMemberToken(
                    memberID: member.id, purpose: .signIn, tokenHash: hash, expiresAt: temp.clock.now() + lifetime,
                    newEmail: nil)
            }
            temp.clock.advance(by: lifetime - 1)
            #expect(try await store.consumeMemberToken(tokenHash: "early", purpose: .signIn)?.member.id == member.id)
            temp.clock.advance(by: 1)
            #expect(try await store.consumeMemberToken(tokenHash: "late", purpose: .signIn) == nil)
            // Pruning removes expired links, used or not; a fresh one stays.
            try await store.createMemberToken(
                memberID: member.id, purpose: .signIn, tokenHash: "fresh", expiresAt: temp.clock.now() + lifetime,
                newEmail: nil)
            try await store.pruneMemberRecords()
            let left: Int = try await store.engine.read { db in
                try db.value("SELECT COUNT(*) FROM member_tokens") ?? -1
            }
            #expect(left == 1)
            #expect(try await store.consumeMemberToken(tokenHash: "fresh", purpose: .signIn) != nil)
        }
    }

    /// Two nodes handed the same link at the same moment (a double click, a mail scanner and the
    /// reader): exactly one of them gets the member.
    @Test(arguments: StoreKind.allCases) func racingConsumersOfOneLinkHaveOneWinner(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let member = try await MemberFixtures.confirmed(temp.store, "cy@news.example")
            let stores = [try await temp.openAnother(), try await temp.openAnother(), try await temp.openAnother()]
            let rounds = 10
            for round in 0..<rounds {
                try await temp.store.createMemberToken(
                    memberID: member.id, purpose: .signIn, tokenHash: "race-\(round)",
                    expiresAt: temp.clock.now() + 600, newEmail: nil)
            }
            for round in 0..<rounds {
                let winners = try await withThrowingTaskGroup(of: ConsumedMemberToken?.self) { group in
                    for store in stores {
                        group.addTask {
                            try await store.consumeMemberToken(tokenHash: "race-\(round)", purpose: .signIn)
                        }
                    }
                    return try await group.reduce(into: [ConsumedMemberToken]()) { winners, result in
                        if let result { winners.append(result) }
                    }
                }
                #expect(winners.count == 1, "round \(round)")
                #expect(winners.first?.member.id == member.id)
            }
        }
    }
}
