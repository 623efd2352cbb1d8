import BylineCore
import BylineStore
import BylineTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import BylineWeb

/// The way in for signed-in people: sessions, CSRF, the require-staff gate, body limits, and the
/// rule that a signed-in request neither gets nor fills the anonymous page cache.
@Suite struct RequestPipelineTests {
    @Test(arguments: StoreKind.allCases) func anonymousVisitorsAreSentToSignIn(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        try await site.serve { client in
            let page = try await client.get("/admin/posts/?status=draft")
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/admin/signin?next=%2Fadmin%2Fposts%2F%3Fstatus%3Ddraft")
            let api = try await client.get("/api/admin/posts")
            #expect(api.status == .unauthorized)
            #expect(api.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(api.text.contains("\"status\":401"))
            let badToken = try await client.get("/api/admin/posts", headers: [.authorization: "Bearer byline_nope"])
            #expect(badToken.status == .unauthorized)
            // A stale session cookie is nobody.
            let stale = try await client.get("/admin/posts/", headers: [.cookie: "byline_staff=stale"])
            #expect(stale.status == .seeOther)
        }
    }

    @Test(arguments: StoreKind.allCases) func stateChangingRequestsNeedTheCSRFToken(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let editor = try await site.signedIn(.editor)
        try await site.serve { client in
            // Signed in, the newsroom answers.
            let list = try await client.get("/admin/posts/", headers: editor.headers())
            #expect(list.status == .ok)
            #expect(list.headers[.cacheControl] == "private, no-cache")

            let withoutToken = try await client.postForm("/admin/signout", [], headers: editor.headers())
            #expect(withoutToken.status == .forbidden)
            #expect(withoutToken.text.contains("CSRF"))
            let wrongToken = try await client.postForm(
                "/admin/signout", [("_csrf", "forged")], headers: editor.headers())
            #expect(wrongToken.status == .forbidden)
            // Still signed in: the refused requests changed nothing.
            #expect(try await client.get("/admin/posts/", headers: editor.headers()).status == .ok)

            let signOut = try await client.postForm(
                "/admin/signout", [("_csrf", editor.csrfToken)], headers: editor.headers())
            #expect(signOut.status == .seeOther)
            #expect(signOut.headers[.setCookie]?.contains("byline_staff=;") == true)
            #expect(try await client.get("/admin/posts/", headers: editor.headers()).status == .seeOther)
        }
    }

    @Test(arguments: StoreKind.allCases) func apiTokensNeedNoCSRFButCookiesDo(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let editor = try await site.signedIn(.editor)
        let token = try await site.apiToken(for: editor.user)
        try await site.serve { client in
            let body = ByteBuffer(string: #"{"title":"From a script","markdown":"Hello."}"#)
            let viaToken = try await client.execute(
                uri: "/api/admin/posts", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"], body: body)
            #expect(viaToken.status == .created)
            let viaCookie = try await client.execute(
                uri: "/api/admin/posts", method: .post, headers: editor.headers(json: true), body: body)
            #expect(viaCookie.status == .forbidden)
            // A token opens the API only: on the newsroom's pages it signs nobody in.
            let page = try await client.get("/admin/posts/", headers: [.authorization: "Bearer \(token)"])
            #expect(page.status == .seeOther)
            let viaCookieWithToken = try await client.execute(
                uri: "/api/admin/posts", method: .post, headers: editor.headers(csrf: true, json: true), body: body)
            #expect(viaCookieWithToken.status == .created)
        }
    }

    @Test(arguments: StoreKind.allCases) func bodiesOverTheLimitAreRefused(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let editor = try await site.signedIn(.editor)
        let token = try await site.apiToken(for: editor.user)
        try await site.serve { client in
            let huge = String(repeating: "x", count: 3 << 20)
            let response = try await client.execute(
                uri: "/api/admin/posts", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"title":"Big","markdown":"\#(huge)"}"#))
            #expect(response.status == .contentTooLarge)
            #expect(try await site.store.postCount() == 0)
            // A form over the limit, which the CSRF check reads first: 413 too, not 500.
            var headers = editor.headers(form: true)
            headers[HTTPField.Name("Origin")!] = "https://news.example"
            let form = try await client.execute(
                uri: "/admin/posts/new", method: .post, headers: headers,
                body: ByteBuffer(string: "_csrf=\(editor.csrfToken)&title=Big&markdown=\(huge)"))
            #expect(form.status == .contentTooLarge)
            #expect(try await site.store.postCount() == 0)
        }
    }

    /// A signed-in reader of the public site gets a page of their own: never the cached
    /// anonymous copy, and never one that fills the cache. Positive control: the same reads
    /// without the cookie do fill it.
    @Test(arguments: StoreKind.allCases) func signedInReadsNeitherGetNorFillTheAnonymousCache(_ kind: StoreKind)
        async throws
    {
        let site = try await TestSite.open(kind)
        let editor = try await site.signedIn(.editor)
        let saved = try await site.store.upsertPost(
            matchingTitle: PostInput(title: "Cache Me", authorName: "Ann", markdown: "Body."))
        try await site.serveWithServer { client, server in
            let cache = try #require(server.cache)
            let path = "/\(saved.slug)/"
            let staffPage = try await client.get(path, headers: editor.headers())
            #expect(staffPage.status == .ok)
            #expect(staffPage.headers[.cacheControl] == "private, no-cache")
            #expect(cache.statistics.entries == 0)

            let anonymous = try await client.get(path)
            #expect(anonymous.headers[.cacheControl] == "no-cache")
            #expect(cache.statistics.entries == 1)
            let hits = cache.statistics.hits
            let again = try await client.get(path, headers: editor.headers())
            #expect(again.headers[.cacheControl] == "private, no-cache")
            #expect(cache.statistics.hits == hits)
            _ = try await client.get(path)
            #expect(cache.statistics.hits == hits + 1)
        }
    }

    /// A save through the newsroom drops the pages it touched before it answers, so the next
    /// read shows it at once even when the change watcher would not poll for a minute.
    /// Positive control: the same change written behind the newsroom's back stays unseen.
    @Test(arguments: StoreKind.allCases) func savesShowAtOnceOnTheWritingNode(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let editor = try await site.signedIn(.editor)
        let created = try await site.store.upsertPost(
            matchingTitle: PostInput(title: "First Title", authorName: editor.user.name, markdown: "Body."))
        try await site.serveWithServer(changePollInterval: .seconds(60)) { client, server in
            let newsroom = try #require(server.newsroom).newsroom
            let path = "/\(created.slug)/"
            #expect(try await client.get(path).text.contains("First Title"))

            // Behind the newsroom's back (another process): the cached page stays until polled.
            _ = try await site.store.upsertPost(
                matchingTitle: PostInput(title: "First Title", authorName: editor.user.name, markdown: "Changed."))
            #expect(try await client.get(path).text.contains("Body."))

            let post = try #require(try await site.store.post(id: created.id))
            let draft = PostDraft(
                title: "Second Title", markdown: "New body.", authorID: post.author.id, visibility: .public)
            _ = try await newsroom.updatePost(
                id: created.id, draft, expectedUpdatedAt: post.updatedAt, by: editor.user)
            let page = try await client.get(path)
            #expect(page.text.contains("Second Title"))
            #expect(page.text.contains("New body."))
        }
    }

    @Test func metricsAreForLoopbackOrTheConfiguredToken() {
        let open = SiteOptions(publicURL: "https://news.example")
        #expect(open.allowsMetrics(clientAddress: "127.0.0.1", authorization: nil))
        #expect(open.allowsMetrics(clientAddress: "::1", authorization: nil))
        #expect(!open.allowsMetrics(clientAddress: "203.0.113.9", authorization: nil))
        #expect(!open.allowsMetrics(clientAddress: "203.0.113.9", authorization: "Bearer anything"))
        let withToken = SiteOptions(publicURL: "https://news.example", metricsToken: "s3cret")
        #expect(withToken.allowsMetrics(clientAddress: "203.0.113.9", authorization: "Bearer s3cret"))
        #expect(!withToken.allowsMetrics(clientAddress: "203.0.113.9", authorization: "Bearer wrong"))
    }
}
