import BylineCore
import BylineStore
import BylineTestSupport
import BylineWeb
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The editor's "Send by email" choice: offered to editors before a post goes live, acted on by
/// Publish, then shown as where the email stands; never offered to an author.
@Suite struct EditorSendByEmailTests {
    @Test(arguments: StoreKind.allCases) func publishingFromTheEditorQueuesTheEmail(_ kind: StoreKind) async throws {
        let site = try await TestSite.open(kind)
        let daily = try #require(try await site.store.ensureDefaultNewsletter(name: "Daily Briefing").first)
        let outcome = try await site.store.requestSignup(email: "reader@example.com")
        _ = try await site.store.confirmMember(id: outcome.memberID)
        let editor = try await site.signedIn(.editor)
        let author = try await site.signedIn(.author)
        try await site.serve { client in
            let id = try await client.createPost(editor, title: "Bridge Opens", markdown: "It opened.")
            let page = try await client.get("/admin/posts/\(id)/edit", headers: editor.headers())
            #expect(page.text.contains(#"<select name="newsletter">"#))
            #expect(page.text.contains("Daily Briefing (1 subscriber)"))
            let token = try #require(hiddenValue(page.text, "updated_at"))

            let authorsPost = try await client.createPost(author, title: "Own Work", markdown: "Text.")
            let authorsPage = try await client.get("/admin/posts/\(authorsPost)/edit", headers: author.headers())
            #expect(authorsPage.status == .ok)
            #expect(!authorsPage.text.contains(#"name="newsletter""#))

            let published = try await client.postForm(
                "/admin/posts/\(id)/publish",
                editorFields(
                    editor, title: "Bridge Opens", markdown: "It opened.", updatedAt: token,
                    extra: [("newsletter", daily.slug)]),
                headers: editor.headers())
            #expect(published.status == .seeOther)
            #expect(try await site.store.emailNewsletterID(postID: id) == daily.id)
            let job = try #require(
                try await site.store.claim(worker: "t", kinds: [NewsletterSendJob.kind], lease: .seconds(30)))
            #expect(job.uniqueKey == NewsletterSendJob.uniqueKey(postID: id))

            // Once the send has started the editor shows its progress instead of the choice.
            _ = try await NewsletterSendStarter(store: site.store, publicURL: "https://news.example")
                .start(postID: id, newsletterID: daily.id)
            let after = try await client.get("/admin/posts/\(id)/edit", headers: editor.headers())
            #expect(after.text.contains("Emailed to Daily Briefing"))
            #expect(after.text.contains("0 sent, 1 waiting, 0 failed of 1"))
            #expect(!after.text.contains(#"<select name="newsletter">"#))
        }
    }
}
