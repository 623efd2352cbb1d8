import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import Testing

/// Member sessions: found until they expire, ended one by one or all at once.
@Suite struct MemberSessionTests {
    @Test(arguments: StoreKind.allCases) func sessionsExpireAndEnd(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let member = try await MemberFixtures.confirmed(store, "ada@news.example")
            let expiry = temp.clock.now() + 3600
            try await store.createMemberSession(
                tokenHash: "a", memberID: member.id, csrfToken: "csrf-a", expiresAt: expiry)
            try await store.createMemberSession(
                tokenHash: "b", memberID: member.id, csrfToken: "csrf-b", expiresAt: expiry)
            try await store.createMemberSession(
                tokenHash: "c", memberID: member.id, csrfToken: "csrf-c", expiresAt: expiry + 3600)
            let session = try #require(try await store.memberSession(tokenHash: "a"))
            #expect(session.member == member)
            #expect(session.csrfToken == "csrf-a")
            #expect(session.expiresAt == expiry)
            #expect(try await store.memberSession(tokenHash: "unknown") == nil)

            try await store.deleteMemberSession(tokenHash: "a")
            #expect(try await store.memberSession(tokenHash: "a") == nil)
            #expect(try await store.memberSession(tokenHash: "b") != nil)

            // Past the expiry the session no longer counts, and pruning removes it.
            temp.clock.advance(by: 3600)
            #expect(try await store.memberSession(tokenHash: "b") == nil)
            #expect(try await store.memberSession(tokenHash: "c") != nil)
            try await store.pruneMemberRecords()
            let left: [String] = try await store.engine.read { db in
                try db.fetchAll("SELECT token_hash FROM member_sessions").map { try $0.value(at: 0) }
            }
            #expect(left == ["c"])

            // Signed out everywhere.
            try await store.createMemberSession(
                tokenHash: "d", memberID: member.id, csrfToken: "csrf-d", expiresAt: temp.clock.now() + 60)
            try await store.deleteMemberSessions(memberID: member.id)
            #expect(try await store.memberSession(tokenHash: "c") == nil)
            #expect(try await store.memberSession(tokenHash: "d") == nil)
        }
    }
}
