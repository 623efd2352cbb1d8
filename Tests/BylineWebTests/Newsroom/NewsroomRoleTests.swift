import BylineCore
import BylineStore
import BylineTestSupport
import BylineWeb
import Foundation
import Testing

/// Every role tries every post action through the newsroom service on a real store; the
/// expected answers are written out literally (allowed or refused with 403).
@Suite struct NewsroomRoleTests {
    enum Action: String, CaseIterable, CustomStringConvertible {
        case createDraft, editOwnDraft, publishOwnDraft, editOwnPublished, unpublishOwnPublished
        case editOthersDraft, publishOthersDraft, deleteOthersPost, deleteOwnDraft, deleteOwnPublished
        case creditAnotherAuthor, useNewTag, renameTag, editOthersProfile, editOwnProfile, changeSettings
        var description: String { rawValue }
    }

    /// Columns: contributor, author, editor, administrator, owner.
    static let expected: [Action: [Bool]] = [
        .createDraft: [true, true, true, true, true],
        .editOwnDraft: [true, true, true, true, true],
        .deleteOwnDraft: [true, true, true, true, true],
        .editOwnProfile: [true, true, true, true, true],
        .publishOwnDraft: [false, true, true, true, true],
        .editOwnPublished: [false, true, true, true, true],
        .unpublishOwnPublished: [false, true, true, true, true],
        .deleteOwnPublished: [false, true, true, true, true],
        .useNewTag: [false, true, true, true, true],
        .editOthersDraft: [false, false, true, true, true],
        .publishOthersDraft: [false, false, true, true, true],
        .deleteOthersPost: [false, false, true, true, true],
        .creditAnotherAuthor: [false, false, true, true, true],
        .renameTag: [false, false, true, true, true],
        .editOthersProfile: [false, false, true, true, true],
        .changeSettings: [false, false, false, true, true],
    ]

    static let roles: [StaffRole] = [.contributor, .author, .editor, .administrator, .owner]

    @Test func everyActionHasARow() {
        #expect(Set(Self.expected.keys) == Set(Action.allCases))
    }

    @Test(arguments: StoreKind.allCases) func roleMatrix(_ kind: StoreKind) async throws {
        try await TestStore.with(kind) { temp in
            let store = temp.store
            let newsroom = Newsroom(store: store, cache: nil, clock: temp.clock)
            let other = try await store.createStaffUser(
                email: "other@news.example", name: "Other Writer", role: .author, passwordHash: "x")
            for (column, role) in Self.roles.enumerated() {
                let user = try await store.createStaffUser(
                    email: "\(role.rawValue)@news.example", name: "The \(role.title)", role: role, passwordHash: "x")
                for action in Action.allCases {
                    let allowed = try await Self.attempt(
                        action, as: user, other: other, newsroom: newsroom, store: store)
                    #expect(
                        allowed == Self.expected[action]![column],
                        "\(role.rawValue) \(action): \(allowed ? "allowed" : "refused")")
                }
            }
        }
    }

    /// Sets up what the action needs (as the other author or an owner, outside the check), then
    /// tries it as `user`. true: done; false: refused with 403. Anything else fails the test.
    static func attempt(
        _ action: Action, as user: StaffUser, other: StaffUser, newsroom: Newsroom, store: SiteStore
    ) async throws -> Bool {
        func draft(_ title: String, author: StaffUser, tags: [String] = []) -> PostDraft {
            PostDraft(title: title, markdown: "Body of \(title).", tagNames: tags, authorID: author.authorID)
        }
        func makePost(by author: StaffUser, published: Bool) async throws -> Post {
            let title = "\(action) \(user.role.rawValue) \(UUID().uuidString.prefix(8))"
            var post = try await store.createPost(draft(title, author: author), savedBy: author.id).post
            if published {
                post = try await store.setPublication(
                    postID: post.id, .publish(at: nil), expectedUpdatedAt: nil, savedBy: nil
                ).post
            }
            return post
        }
        do {
            switch action {
            case .createDraft:
                _ = try await newsroom.createPost(draft("New \(user.role.rawValue)", author: user), by: user)
            case .editOwnDraft:
                let post = try await makePost(by: user, published: false)
                _ = try await newsroom.updatePost(
                    id: post.id, draft(post.title + " edited", author: user), expectedUpdatedAt: post.updatedAt,
                    by: user)
            case .publishOwnDraft:
                let post = try await makePost(by: user, published: false)
                _ = try await newsroom.setPublication(
                    postID: post.id, .publish(at: nil), expectedUpdatedAt: nil, by: user)
            case .editOwnPublished:
                let post = try await makePost(by: user, published: true)
                _ = try await newsroom.updatePost(
                    id: post.id, draft(post.title + " edited", author: user), expectedUpdatedAt: post.updatedAt,
                    by: user)
            case .unpublishOwnPublished:
                let post = try await makePost(by: user, published: true)
                _ = try await newsroom.setPublication(postID: post.id, .unpublish, expectedUpdatedAt: nil, by: user)
            case .editOthersDraft:
                let post = try await makePost(by: other, published: false)
                _ = try await newsroom.updatePost(
                    id: post.id, draft(post.title + " edited", author: other), expectedUpdatedAt: post.updatedAt,
                    by: user)
            case .publishOthersDraft:
                let post = try await makePost(by: other, published: false)
                _ = try await newsroom.setPublication(
                    postID: post.id, .publish(at: nil), expectedUpdatedAt: nil, by: user)
            case .deleteOthersPost:
                let post = try await makePost(by: other, published: false)
                try await newsroom.deletePost(id: post.id, by: user)
            case .deleteOwnDraft:
                let post = try await makePost(by: user, published: false)
                try await newsroom.deletePost(id: post.id, by: user)
            case .deleteOwnPublished:
                let post = try await makePost(by: user, published: true)
                try await newsroom.deletePost(id: post.id, by: user)
            case .creditAnotherAuthor:
                _ = try await newsroom.createPost(draft("Credited \(user.role.rawValue)", author: other), by: user)
                let mine = try await makePost(by: user, published: false)
                _ = try await newsroom.updatePost(
                    id: mine.id, draft(mine.title, author: other), expectedUpdatedAt: mine.updatedAt, by: user)
            case .useNewTag:
                _ = try await newsroom.createPost(
                    draft("Tagged \(user.role.rawValue)", author: user, tags: ["Brand New \(user.role.rawValue)"]),
                    by: user)
            case .renameTag:
                let post = try await makePost(by: other, published: false)
                _ = try await store.updatePost(
                    id: post.id, draft(post.title, author: other, tags: ["Rename \(user.role.rawValue)"]),
                    expectedUpdatedAt: nil, savedBy: nil, reason: .saved)
                let tag = try #require(
                    try await store.allTags().first { $0.tag.name == "Rename \(user.role.rawValue)" })
                try await newsroom.updateTag(
                    id: tag.tag.id, name: "Renamed \(user.role.rawValue)", slug: "renamed-\(user.role.rawValue)",
                    description: "", by: user)
            case .editOthersProfile:
                try await newsroom.updateAuthor(
                    id: other.authorID, name: "Other Writer", slug: "other-writer-\(user.role.rawValue)", bio: "Bio",
                    by: user)
            case .editOwnProfile:
                try await newsroom.updateAuthor(
                    id: user.authorID, name: user.name, slug: "profile-\(user.role.rawValue)", bio: "Mine", by: user)
            case .changeSettings:
                var settings = try await store.settings()
                settings.title = "Set by \(user.role.rawValue)"
                try await newsroom.saveSettings(settings, by: user)
            }
            return true
        } catch NewsroomError.forbidden {
            return false
        } catch let NewsroomError.invalidField(field, _) where field == "tags" && action == .useNewTag {
            return false
        }
    }
}
