import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import BylineWeb

@Suite struct ReviewProbeTests {
    /// Failed sign-ins arriving together must not get past the per-account limit of 5.
    @Test(arguments: StoreKind.allCases) func concurrentWrongPasswordsStopAtTheLimit(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let editor = try await site.signedIn(.editor)
        let accounts = site.accounts
        let outcomes = await withTaskGroup(of: String.self) { group in
            for index in 0..<30 {
                group.addTask {
                    do {
                        _ = try await accounts.signIn(
                            email: editor.user.email, password: "wrong guess \(index)",
                            clientAddress: "10.0.0.\(index)")
                        return "signed in"
                    } catch StaffAccounts.SignInRefusal.wrongCredentials {
                        return "checked"
                    } catch {
                        return "throttled"
                    }
                }
            }
            var all: [String] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        // Each "checked" is a password that was actually tried.
        #expect(outcomes.filter { $0 == "checked" }.count <= 5)
        await site.temp.close()
    }

    /// Another writer's autosave must not overwrite the first writer's autosaved revision.
    @Test(arguments: StoreKind.allCases) func anotherWritersAutosaveKeepsTheFirstOnesRevision(_ kind: StoreKind)
        async throws
    {
        let site = try await TestSite.open(kind)
        let author = try await site.signedIn(.author)
        let editor = try await site.signedIn(.editor)
        let newsroom = Newsroom(store: site.store, cache: nil, clock: site.clock)
        let created = try await newsroom.createPost(
            PostDraft(title: "Draft", markdown: "Start.", authorID: author.user.authorID), by: author.user)
        site.clock.advance(by: 5)
        let first = try await newsroom.updatePost(
            id: created.post.id, PostDraft(title: "Draft", markdown: "Author's words.", authorID: author.user.authorID),
            expectedUpdatedAt: created.post.updatedAt, autosave: true, by: author.user)
        site.clock.advance(by: 5)
        _ = try await newsroom.updatePost(
            id: created.post.id, PostDraft(title: "Draft", markdown: "Editor's words.", authorID: author.user.authorID),
            expectedUpdatedAt: first.post.updatedAt, autosave: true, by: editor.user)
        let revisions = try await site.store.revisions(postID: created.post.id)
        #expect(revisions.contains { $0.markdown == "Author's words." })
        await site.temp.close()
    }
}

@Suite struct ReviewAuthorizationTests {
    /// A site behind a proxy's Basic sign-in: the browser sends `Authorization: Basic ...` with
    /// every request, and its staff session must still work.
    @Test(arguments: StoreKind.allCases) func aBasicAuthorizationHeaderDoesNotHideTheSession(_ kind: StoreKind)
        async throws
    {
        let site = try await TestSite.open(kind)
        let editor = try await site.signedIn(.editor)
        try await site.serve { client in
            var headers = editor.headers()
            headers[.authorization] = "Basic dXNlcjpwYXNz"
            let list = try await client.get("/admin/posts/", headers: headers)
            #expect(list.status == .ok)
            let api = try await client.get("/api/admin/me", headers: headers)
            #expect(api.status == .ok)
            // A bearer token that does not work is still refused on the API, cookie or not; the
            // newsroom's pages take no tokens at all, so there the session counts.
            headers[.authorization] = "Bearer byline_nope"
            #expect(try await client.get("/api/admin/me", headers: headers).status == .unauthorized)
            #expect(try await client.get("/admin/posts/", headers: headers).status == .ok)
        }
    }
}

@Suite struct ReviewSchedulingTests {
    /// An editor opened while the post was scheduled; the post goes live at its time (which keeps
    /// `updatedAt`); the editor's Unschedule button must not take the live post down.
    @Test(arguments: StoreKind.allCases) func unscheduleFromAnEditorOpenedBeforeTheTimeKeepsALivePostLive(
        _ kind: StoreKind
    ) async throws {
        let site = try await TestSite.open(kind)
        let editor = try await site.signedIn(.editor)
        let newsroom = Newsroom(store: site.store, cache: nil, clock: site.clock)
        let created = try await newsroom.createPost(
            PostDraft(title: "Due Soon", markdown: "Words.", authorID: editor.user.authorID), by: editor.user)
        let id = created.post.id
        _ = try await newsroom.setPublication(
            postID: id, .schedule(at: site.clock.now() + 600), expectedUpdatedAt: nil, by: editor.user)
        try await site.serve { client in
            let page = try await client.get("/admin/posts/\(id)/edit", headers: editor.headers())
            #expect(page.text.contains("Unschedule"))
            let token = try #require(hiddenValue(page.text, "updated_at"))
            site.clock.advance(by: 601)
            #expect(try await site.store.publishDuePosts() == [id])

            let unschedule = try await client.postForm(
                "/admin/posts/\(id)/unpublish",
                editorFields(editor, title: "Due Soon", markdown: "Words.", updatedAt: token)
                    + [("from", "scheduled")],
                headers: editor.headers())
            #expect(unschedule.status != .seeOther)
            #expect(try await site.store.post(id: id)?.status == .published)

            // The Unpublish button of a live post still unpublishes it.
            let unpublish = try await client.postForm(
                "/admin/posts/\(id)/unpublish",
                editorFields(editor, title: "Due Soon", markdown: "Words.", updatedAt: token),
                headers: editor.headers())
            #expect(unpublish.status == .seeOther)
            #expect(try await site.store.post(id: id)?.status == .draft)
        }
    }
}

@Suite struct ReviewPagingTests {
    /// A page number far past any listing is an empty page, not an arithmetic overflow that
    /// traps and ends the server for everyone.
    @Test(arguments: StoreKind.allCases) func aHugePageNumberIsAnEmptyPage(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let contributor = try await site.signedIn(.contributor)
        let token = try await site.apiToken(for: contributor.user)
        try await site.serve { client in
            let huge = String(Int.max)
            let list = try await client.get("/admin/posts/?page=\(huge)", headers: contributor.headers())
            #expect(list.status == .ok)
            let api = try await client.get(
                "/api/admin/posts?page=\(huge)&limit=100", headers: [.authorization: "Bearer \(token)"])
            #expect(api.status == .ok)
            #expect(try await client.get("/healthz").status == .ok)
        }
    }
}

@Suite struct ReviewRestoreTests {
    /// A contributor uses only existing tags: restoring a revision whose tag was deleted since
    /// must not make it again.
    @Test(arguments: StoreKind.allCases) func aContributorsRestoreDoesNotRecreateADeletedTag(_ kind: StoreKind)
        async throws
    {
        let site = try await TestSite.open(kind)
        let contributor = try await site.signedIn(.contributor)
        let editor = try await site.signedIn(.editor)
        let newsroom = Newsroom(store: site.store, cache: nil, clock: site.clock)
        let seeded = try await newsroom.createPost(
            PostDraft(title: "Seed", markdown: "x", tagNames: ["Europe"], authorID: editor.user.authorID),
            by: editor.user)
        let created = try await newsroom.createPost(
            PostDraft(title: "Mine", markdown: "x", tagNames: ["Europe"], authorID: contributor.user.authorID),
            by: contributor.user)
        let tag = try #require(seeded.post.tags.first)
        try await newsroom.deleteTag(id: tag.id, by: editor.user)
        let revision = try #require(try await site.store.revisions(postID: created.post.id).last)
        await #expect(throws: (any Error).self) {
            _ = try await newsroom.restore(revisionID: revision.id, by: contributor.user)
        }
        #expect(try await site.store.allTags().isEmpty)
        await site.temp.close()
    }
}
