import BylineTestSupport
import BylineWeb
import Foundation
import Testing

/// A post's life through the Admin API, on both stores: create, read, save, publish, revisions,
/// restore, unpublish, delete; the public site follows each step.
@Suite struct AdminAPIPostTests {
    @Test(arguments: StoreKind.allCases)
    func postLifecycle(kind: StoreKind) async throws {
        try await TestSite.withAdminAPI(kind) { api, staff, site in
            let api = api.with(token: staff.author.token)
            let created = try await api.call(
                .post, "/posts",
                json: AdminAPIClient.body([
                    "title": "Ferry strike ends", "markdown": "The **strike** is over.\n\nBoats sail again.",
                    "tags": ["Transport", "Local"], "custom_excerpt": "Boats sail.",
                ]))
            #expect(created.code == 201, "\(created.message)")
            let post = try #require(created.first("posts"))
            let id = try #require(post["id"]?.intValue)
            #expect(created.headers[.location] == "/api/admin/posts/\(id)")
            #expect(post["status"] == .string("draft"))
            #expect(post["title"] == .string("Ferry strike ends"))
            #expect(post["markdown"] == .string("The **strike** is over.\n\nBoats sail again."))
            #expect(post["html"]?.stringValue?.contains("<strong>strike</strong>") == true)
            #expect(post["custom_excerpt"] == .string("Boats sail."))
            #expect(post["published_at"] == .null)
            #expect(post["author"]?["id"]?.intValue == staff.author.user.authorID)
            #expect(post["tags"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["Transport", "Local"])
            let slug = try #require(post["slug"]?.stringValue)
            #expect(post["url"] == .string("https://news.example/\(slug)/"))
            #expect(try await api.publicStatus("/\(slug)/") == 404)

            let read = try await api.get("/posts/\(id)")
            #expect(read.code == 200)
            #expect(read.first("posts") == post)

            site.clock.advance(by: 60)
            let saved = try await api.call(
                .put, "/posts/\(id)",
                json: AdminAPIClient.body([
                    "updated_at": try #require(post["updated_at"]?.stringValue), "title": "Ferry strike is over",
                ]))
            #expect(saved.code == 200, "\(saved.message)")
            #expect(saved.first("posts")?["title"] == .string("Ferry strike is over"))
            // Fields left out keep their value.
            #expect(saved.first("posts")?["markdown"] == post["markdown"])
            #expect(saved.first("posts")?["tags"] == post["tags"])
            #expect(saved.first("posts")?["updated_at"] != post["updated_at"])

            site.clock.advance(by: 60)
            let published = try await api.call(.post, "/posts/\(id)/publish")
            #expect(published.code == 200, "\(published.message)")
            let live = try #require(published.first("posts"))
            #expect(live["status"] == .string("published"))
            #expect(live["published_at"]?.stringValue.flatMap(APITimestamp.date) != nil)
            let liveSlug = try #require(live["slug"]?.stringValue)
            #expect(try await api.publicStatus("/\(liveSlug)/", until: 200) == 200)

            let revisions = try await api.get("/posts/\(id)/revisions")
            #expect(revisions.code == 200)
            let list = try #require(revisions["revisions"]?.arrayValue)
            #expect(list.count >= 2)
            #expect(list.allSatisfy { $0["post_id"]?.intValue == id })
            let first = try #require(list.last)
            #expect(first["reason"] == .string("created"))
            #expect(first["title"] == .string("Ferry strike ends"))

            site.clock.advance(by: 60)
            let firstID = try #require(first["id"]?.intValue)
            let restored = try await api.call(.post, "/posts/\(id)/revisions/\(firstID)/restore")
            #expect(restored.code == 200, "\(restored.message)")
            #expect(restored.first("posts")?["title"] == .string("Ferry strike ends"))
            #expect(restored.first("posts")?["status"] == .string("published"))
            #expect(try await api.call(.post, "/posts/\(id)/revisions/999999/restore").code == 404)

            site.clock.advance(by: 60)
            let unpublished = try await api.call(.post, "/posts/\(id)/unpublish")
            #expect(unpublished.code == 200, "\(unpublished.message)")
            #expect(unpublished.first("posts")?["status"] == .string("draft"))
            #expect(try await api.publicStatus("/\(liveSlug)/", until: 404) == 404)

            let deleted = try await api.call(.delete, "/posts/\(id)")
            #expect(deleted.code == 204)
            #expect(deleted.json == nil)
            let gone = try await api.get("/posts/\(id)")
            #expect(gone.code == 404)
            #expect(gone["status"] == .number(404))
        }
    }

    /// Ghost's clients wrap a post as `{"posts": [...]}`, and may send back a post as they read
    /// it: both work.
    @Test(arguments: StoreKind.allCases)
    func ghostEnvelopeAndRoundTrip(kind: StoreKind) async throws {
        try await TestSite.withAdminAPI(kind) { api, staff, site in
            let api = api.with(token: staff.editor.token)
            let created = try await api.call(
                .post, "/posts", json: #"{"posts": [{"title": "Enveloped", "markdown": "Body text."}]}"#)
            #expect(created.code == 201, "\(created.message)")
            let post = try #require(created.first("posts"))
            let id = try #require(post["id"]?.intValue)

            // The whole post read back, one field changed, in the envelope.
            guard case .object(var edited) = post else {
                Issue.record("not an object")
                return
            }
            edited["title"] = .string("Enveloped, then edited")
            let body = String(
                decoding: try JSONEncoder().encode(JSONValue.object(["posts": .array([.object(edited)])])),
                as: UTF8.self)
            site.clock.advance(by: 1)
            let saved = try await api.call(.put, "/posts/\(id)", json: body)
            #expect(saved.code == 200, "\(saved.message)")
            #expect(saved.first("posts")?["title"] == .string("Enveloped, then edited"))
            #expect(saved.first("posts")?["author"] == post["author"])
            #expect(saved.first("posts")?["markdown"] == .string("Body text."))
        }
    }

    /// Two editors read the same post; the second to save gets 409 with the first one's
    /// `updated_at`, and nothing of theirs is written.
    @Test(arguments: StoreKind.allCases)
    func staleUpdatedAtIsAConflict(kind: StoreKind) async throws {
        try await TestSite.withAdminAPI(kind) { api, staff, site in
            let editor = api.with(token: staff.editor.token)
            let owner = api.with(token: staff.owner.token)
            let created = try await editor.call(.post, "/posts", json: #"{"title": "Budget vote"}"#)
            let id = try #require(created.first("posts")?["id"]?.intValue)
            let loaded = try #require(created.first("posts")?["updated_at"]?.stringValue)

            site.clock.advance(by: 5)
            let first = try await editor.call(
                .put, "/posts/\(id)", json: AdminAPIClient.body(["updated_at": loaded, "title": "Budget passes"]))
            #expect(first.code == 200, "\(first.message)")
            let current = try #require(first.first("posts")?["updated_at"])

            site.clock.advance(by: 5)
            let second = try await owner.call(
                .put, "/posts/\(id)", json: AdminAPIClient.body(["updated_at": loaded, "title": "Budget fails"]))
            #expect(second.code == 409)
            #expect(second["updated_at"] == current)
            #expect(try await editor.get("/posts/\(id)").first("posts")?["title"] == .string("Budget passes"))

            // Publishing with a stale updated_at is refused the same way; without one it is not checked.
            let stalePublish = try await owner.call(
                .post, "/posts/\(id)/publish", json: AdminAPIClient.body(["updated_at": loaded]))
            #expect(stalePublish.code == 409)
            let publish = try await owner.call(
                .post, "/posts/\(id)/publish", json: AdminAPIClient.body(["updated_at": current.stringValue!]))
            #expect(publish.code == 200, "\(publish.message)")

            let missing = try await owner.call(.put, "/posts/\(id)", json: #"{"title": "No check"}"#)
            #expect(missing.code == 422)
            #expect(missing.field == "updated_at")
        }
    }

    /// Scheduling needs a future time; publishing with a future time schedules, with a past one
    /// backdates.
    @Test(arguments: StoreKind.allCases)
    func scheduling(kind: StoreKind) async throws {
        try await TestSite.withAdminAPI(kind) { api, staff, site in
            let api = api.with(token: staff.author.token)
            let id = try #require(
                try await api.call(.post, "/posts", json: #"{"title": "Election night"}"#).first("posts")?["id"]?
                    .intValue)
            let now = site.clock.now()
            let past = APITimestamp.string(now.addingTimeInterval(-3600))
            let future = APITimestamp.string(now.addingTimeInterval(3600))

            let noTime = try await api.call(.post, "/posts/\(id)/schedule", json: "{}")
            #expect(noTime.code == 422)
            #expect(noTime.field == "published_at")
            let inPast = try await api.call(
                .post, "/posts/\(id)/schedule", json: AdminAPIClient.body(["published_at": past]))
            #expect(inPast.code == 422)
            #expect(inPast.field == "published_at")
            let badTime = try await api.call(
                .post, "/posts/\(id)/schedule", json: #"{"published_at": "tomorrow"}"#)
            #expect(badTime.code == 422)
            #expect(badTime.field == "published_at")

            let scheduled = try await api.call(
                .post, "/posts/\(id)/schedule", json: AdminAPIClient.body(["published_at": future]))
            #expect(scheduled.code == 200, "\(scheduled.message)")
            #expect(scheduled.first("posts")?["status"] == .string("scheduled"))
            #expect(scheduled.first("posts")?["published_at"] == .string(future))

            // A time with another offset names the same instant.
            let backdated = try await api.call(
                .post, "/posts/\(id)/publish", json: #"{"published_at": "2026-05-01T11:30:00+02:00"}"#)
            #expect(backdated.code == 200, "\(backdated.message)")
            #expect(backdated.first("posts")?["status"] == .string("published"))
            #expect(backdated.first("posts")?["published_at"] == .string("2026-05-01T09:30:00.000Z"))
        }
    }
}
