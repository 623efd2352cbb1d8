import BylineCore
import BylineMail
import BylineStore
import BylineTestSupport
import BylineWeb
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ServiceLifecycle
import Testing

/// A post published with "send by email" through the real server, its job worker and delivery
/// worker, to a real SMTP server (aiosmtpd), on both stores: every confirmed subscriber of the
/// newsletter gets one message with a stable Message-ID and a working one-click unsubscribe;
/// nobody else gets one.
@Suite struct NewsletterSendHTTPTests {
    static let origin = "https://news.example"

    /// The server's background parts, as `byline serve` runs them.
    static func workers(_ site: TestSite, smtp: SMTPTestServer, key: MemberLinkKey) throws -> [any Service] {
        var configuration = try SMTPConfiguration(url: "smtp://127.0.0.1:\(smtp.port)?tls=none")
        configuration.replyTimeout = .seconds(15)
        let links = NewsletterLinks(key: key)
        let composer = NewsletterComposer(
            from: try MailAddress("news@news.example", displayName: "Scoop Hub"), messageIDDomain: "news.example",
            unsubscribeURL: links.composerLinks)
        return [
            try JobWorker(
                queue: site.store,
                handlers: [
                    NewsletterSendJob.kind: NewsletterSendStarter(store: site.store, publicURL: origin).jobHandler
                ],
                settings: .init(pollInterval: .milliseconds(50))),
            NewsletterDeliveryWorker(
                queue: site.store, pool: SMTPConnectionPool(configuration: configuration, maxConnections: 2),
                composer: composer, settings: .init(concurrency: 2, pollInterval: .milliseconds(50))),
        ]
    }

    /// A delivery worker of its own (no server around it), sending to the SMTP server at `smtpPort`.
    static func deliveryWorker(_ store: SiteStore, smtpPort: Int, concurrency: Int) throws -> NewsletterDeliveryWorker {
        var configuration = try SMTPConfiguration(url: "smtp://127.0.0.1:\(smtpPort)?tls=none")
        configuration.replyTimeout = .seconds(15)
        let links = NewsletterLinks(key: .random())
        return NewsletterDeliveryWorker(
            queue: store, pool: SMTPConnectionPool(configuration: configuration, maxConnections: concurrency),
            composer: NewsletterComposer(
                from: try MailAddress("news@news.example"), messageIDDomain: "news.example",
                unsubscribeURL: links.composerLinks),
            settings: .init(concurrency: concurrency))
    }

    /// Waits (up to 15 s: the suite shares two cores) until `count` messages arrived.
    static func waitForMessages(_ count: Int, on smtp: SMTPTestServer) async throws -> [SMTPTestServer.Received] {
        let deadline = Date().addingTimeInterval(15)
        while true {
            let received = try smtp.received()
            if received.count >= count || Date() > deadline { return received }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    @Test(arguments: StoreKind.allCases) func publishingWithSendByEmailMailsEachConfirmedSubscriberOnce(
        _ kind: StoreKind
    ) async throws {
        try await SMTPTestServer.with { smtp in
            let site = try await TestSite.open(kind)
            let store = site.store
            let daily = try #require(try await store.ensureDefaultNewsletter(name: "Daily Briefing").first)
            let breaking = try await store.createNewsletter(NewsletterInput(name: "Breaking News", sortOrder: 2))
            var confirmed: [String: Int64] = [:]
            for email in ["ann@example.com", "ben@example.com", "cat@example.com"] {
                let outcome = try await store.requestSignup(email: email, newsletterIDs: [daily.id])
                confirmed[email] = try await store.confirmMember(id: outcome.memberID).id
            }
            let readers = confirmed
            _ = try await store.requestSignup(email: "pending@example.com", newsletterIDs: [daily.id])
            let other = try await store.requestSignup(email: "other@example.com", newsletterIDs: [breaking.id])
            _ = try await store.confirmMember(id: other.memberID)
            let key = MemberLinkKey.random()
            let services = try Self.workers(site, smtp: smtp, key: key)
            let mailer = try MemberTestMail.mailer(smtp)

            try await site.serveWithServer(memberMailer: mailer, linkKey: key, services: services) { client, _ in
                let editor = try await site.signedIn(.editor)
                let api = AdminAPIClient(client: client, token: try await site.apiToken(for: editor.user))
                let created = try await api.call(
                    .post, "/posts",
                    json:
                        #"{"title": "Ferry Strike Ends", "markdown": "The **ferries** sail again. See [the archive](/archive/)."}"#
                )
                let id = try #require(created.first("posts")?["id"]?.intValue)
                let published = try await api.call(
                    .post, "/posts/\(id)/publish", json: #"{"newsletter": "daily-briefing"}"#)
                #expect(published.code == 200)
                #expect(published.first("posts")?["newsletter"]?.stringValue == "daily-briefing")

                let received = try await Self.waitForMessages(3, on: smtp)
                #expect(Set(received.flatMap(\.meta.rcptTos)) == Set(readers.keys))
                #expect(received.count == 3)
                for message in received {
                    let mail = ParsedMail(message.text)
                    let address = try #require(message.meta.rcptTos.first)
                    let memberID = try #require(readers[address])
                    #expect(mail.decoded("subject") == "Ferry Strike Ends")
                    #expect(mail.decoded("from")?.contains("Scoop Hub") == true)
                    #expect(mail.headers["message-id"] == "<newsletter.\(id).\(memberID)@news.example>")
                    #expect(mail.headers["list-unsubscribe-post"] == "List-Unsubscribe=One-Click")
                    let header = try #require(mail.headers["list-unsubscribe"])
                    let url = String(header.dropFirst().dropLast())
                    #expect(url.hasPrefix("\(Self.origin)/members/unsubscribe?token=\(memberID).\(daily.id)."))
                    let html = try #require(mail.part("text/html")?.text)
                    #expect(html.contains("<strong>ferries</strong>"))
                    #expect(html.contains(#"href="https://news.example/archive/""#))
                    #expect(html.contains(#"href="\#(url)""#))
                    let text = try #require(mail.part("text/plain")?.text)
                    #expect(text.contains(url))
                    #expect(!text.contains(NewsletterSend.unsubscribePlaceholder))
                }

                // The API and the admin page say how it went.
                var progress = try await api.get("/posts/\(id)")
                let deadline = Date().addingTimeInterval(10)
                while progress.first("posts")?["email"]?["sent"]?.intValue != 3, Date() < deadline {
                    try await Task.sleep(for: .milliseconds(50))
                    progress = try await api.get("/posts/\(id)")
                }
                #expect(progress.first("posts")?["email"]?["sent"]?.intValue == 3)
                let page = try await client.get("/admin/newsletters", headers: editor.headers())
                #expect(page.status == .ok)
                #expect(page.text.contains("Ferry Strike Ends"))
                let json = try await client.get("/admin/newsletters/progress.json", headers: editor.headers())
                #expect(json.text.contains(#""sent":3"#))
                let author = try await site.signedIn(.author)
                #expect(try await client.get("/admin/newsletters", headers: author.headers()).status == .forbidden)

                // One click in the mail program ends that subscription.
                let first = ParsedMail(received[0].text)
                let header = try #require(first.headers["list-unsubscribe"])
                let path = String(header.dropFirst(Self.origin.count + 1).dropLast())
                let unsubscribed = try await client.execute(
                    uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "List-Unsubscribe=One-Click"))
                #expect(unsubscribed.status == .ok)
                let who = try #require(readers[received[0].meta.rcptTos[0]])
                #expect(try await store.member(id: who)?.newsletterIDs.contains(daily.id) == false)

                // Taken down and published again: no second email to anyone.
                #expect(try await api.call(.post, "/posts/\(id)/unpublish").code == 200)
                #expect(try await api.call(.post, "/posts/\(id)/publish", json: #"{"newsletter": null}"#).code == 200)
                #expect(try await store.jobCounts()[.queued] == 0)
                let sends = try await store.newsletterSends(postID: id)
                #expect(sends.count == 1)
                #expect(try await store.deliveryProgress(sendID: sends[0].id).total == 3)
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func authorsCannotSendAndAnUnknownNewsletterIsAFieldError(
        _ kind: StoreKind
    ) async throws {
        let site = try await TestSite.open(kind)
        _ = try await site.store.ensureDefaultNewsletter(name: "Daily Briefing")
        try await site.serve { client in
            let author = try await site.signedIn(.author)
            let api = AdminAPIClient(client: client, token: try await site.apiToken(for: author.user))
            let created = try await api.call(.post, "/posts", json: #"{"title": "Own Story", "markdown": "Text."}"#)
            let id = try #require(created.first("posts")?["id"]?.intValue)
            let refused = try await api.call(.post, "/posts/\(id)/publish", json: #"{"newsletter": "daily-briefing"}"#)
            #expect(refused.code == 403)
            let editor = try await site.signedIn(.editor)
            let editorAPI = api.with(token: try await site.apiToken(for: editor.user))
            let unknown = try await editorAPI.call(.post, "/posts/\(id)/publish", json: #"{"newsletter": "nope"}"#)
            #expect(unknown.code == 422)
            #expect(unknown.field == "newsletter")
            // Neither published the post nor chose anything.
            #expect(try await site.store.post(id: Int64(id))?.status == .draft)
            #expect(try await site.store.emailNewsletterID(postID: Int64(id)) == nil)
        }
    }

    @Test(arguments: StoreKind.allCases) func refusalsFailForGoodAndTemporaryFailuresWaitForARetry(
        _ kind: StoreKind
    ) async throws {
        try await SMTPTestServer.with { smtp in
            let temp = try await TestStore.open(kind)
            let store = temp.store
            let daily = try #require(try await store.ensureDefaultNewsletter(name: "Daily Briefing").first)
            var ids: [String: Int64] = [:]
            // The test server refuses reject...@ for good (550) and later...@ for now (451).
            for email in ["ok@example.com", "reject@example.com", "later@example.com"] {
                let outcome = try await store.requestSignup(email: email)
                ids[email] = try await store.confirmMember(id: outcome.memberID).id
            }
            let post = try await store.upsertPost(
                matchingTitle: PostInput(title: "Rail Fares Rise", authorName: "Mara Ellison", markdown: "Text."))
            let started = try await NewsletterSendStarter(store: store, publicURL: Self.origin)
                .start(postID: post.id, newsletterID: daily.id)
            #expect(started.enqueued == 3)
            let worker = try Self.deliveryWorker(store, smtpPort: smtp.port, concurrency: 2)
            #expect(try await worker.deliverBatch() == 3)
            var progress = try await store.deliveryProgress(sendID: started.send.id)
            #expect(progress.sent == 1 && progress.failed == 1 && progress.queued == 1)
            #expect(try await store.member(id: ids["reject@example.com"]!)?.hardBounces == 1)
            #expect(try await store.member(id: ids["later@example.com"]!)?.hardBounces == 0)
            // The retry waits for its backoff, then is tried again.
            #expect(try await worker.deliverBatch() == 0)
            temp.clock.advance(by: 61)
            #expect(try await worker.deliverBatch() == 1)
            progress = try await store.deliveryProgress(sendID: started.send.id)
            #expect(progress.queued == 1 && progress.sent == 1)
            #expect(try smtp.received().flatMap(\.meta.rcptTos) == ["ok@example.com"])
            await temp.close()
        }
    }

    @Test(arguments: StoreKind.allCases) func anUnreachableServerUsesUpNoAttempts(_ kind: StoreKind) async throws {
        let temp = try await TestStore.open(kind)
        let store = temp.store
        let daily = try #require(try await store.ensureDefaultNewsletter(name: "Daily Briefing").first)
        for email in ["a@example.com", "b@example.com", "c@example.com"] {
            _ = try await store.confirmMember(id: try await store.requestSignup(email: email).memberID)
        }
        let post = try await store.upsertPost(
            matchingTitle: PostInput(title: "Power Cut", authorName: "Mara Ellison", markdown: "Text."))
        let started = try await NewsletterSendStarter(store: store, publicURL: Self.origin)
            .start(postID: post.id, newsletterID: daily.id)
        // Port 1 on loopback: nobody listens there, connections are refused.
        let worker = try Self.deliveryWorker(store, smtpPort: 1, concurrency: 1)
        for _ in 0..<8 {
            _ = try await worker.deliverBatch()
            temp.clock.advance(by: 31)
        }
        let progress = try await store.deliveryProgress(sendID: started.send.id)
        #expect(progress.queued == 3 && progress.failed == 0)
        // Nothing used an attempt: once the server is back, all of them go.
        let claimed = try await store.claimDeliveries(worker: "later", limit: 10, lease: .seconds(30))
        #expect(claimed.map(\.attempts) == [1, 1, 1])
        await temp.close()
    }

    /// One batch may hold deliveries of more sends than the composer keeps prepared at once:
    /// none of them may go missing mid-batch.
    @Test(arguments: StoreKind.allCases) func aBatchSpanningManySendsSendsThemAll(_ kind: StoreKind) async throws {
        try await SMTPTestServer.with { smtp in
            let temp = try await TestStore.open(kind)
            let store = temp.store
            let daily = try #require(try await store.ensureDefaultNewsletter(name: "Daily Briefing").first)
            _ = try await store.confirmMember(id: try await store.requestSignup(email: "all@example.com").memberID)
            let starter = NewsletterSendStarter(store: store, publicURL: Self.origin)
            for number in 1...20 {
                let post = try await store.upsertPost(
                    matchingTitle: PostInput(title: "Story \(number)", authorName: "Mara Ellison", markdown: "Text."))
                _ = try await starter.start(postID: post.id, newsletterID: daily.id)
            }
            let worker = try Self.deliveryWorker(store, smtpPort: smtp.port, concurrency: 2)
            #expect(try await worker.deliverBatch() == 20)
            #expect(try smtp.received().count == 20)
            #expect(try await worker.deliverBatch() == 0)
            await temp.close()
        }
    }
}
