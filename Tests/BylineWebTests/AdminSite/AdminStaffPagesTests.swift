import BylineCore
import BylineStore
import BylineTestSupport
import BylineWeb
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// `/admin/staff/` over the real server: invitations show their one-time password once, and
/// ``NewsroomPermissions/mayManage(_:target:newRole:)`` holds at the form (the owner is out of
/// reach, no role above one's own is handed out).
@Suite struct AdminStaffPagesTests {
    @Test(arguments: StoreKind.allCases) func anAdministratorInvitesAnEditorWhoCanSignIn(_ kind: StoreKind)
        async throws
    {
        let site = try await TestSite.open(kind)
        let admin = try await site.signedIn(.administrator)
        try await site.serve { client in
            let invited = try await client.postForm(
                "/admin/staff/invite",
                csrfFields(admin, [("email", "new.editor@news.example"), ("name", "Nia Editor"), ("role", "editor")]),
                headers: admin.headers())
            #expect(invited.status == .ok)
            #expect(invited.headers[.cacheControl] == "no-store")
            let password = try #require(shownSecret(invited.text))
            #expect(invited.text.contains("Nia Editor (new.editor@news.example) can now sign in as Editor"))

            let session = try await site.accounts.signIn(
                email: "new.editor@news.example", password: password, clientAddress: "127.0.0.9")
            #expect(session.session.user.role == .editor)
            #expect(session.session.user.name == "Nia Editor")

            // Listed from now on; the password is never shown again.
            let list = try await client.get("/admin/staff/", headers: admin.headers())
            #expect(list.status == .ok)
            #expect(list.text.contains("new.editor@news.example"))
            #expect(!list.text.contains(password))

            let again = try await client.postForm(
                "/admin/staff/invite",
                csrfFields(admin, [("email", "new.editor@news.example"), ("name", "Nia Again"), ("role", "author")]),
                headers: admin.headers())
            #expect(again.status == .unprocessableContent)
            #expect(again.text.contains("email: new.editor@news.example already has an account"))
            #expect(again.text.contains("value=\"Nia Again\""))

            let badEmail = try await client.postForm(
                "/admin/staff/invite", csrfFields(admin, [("email", "nobody"), ("name", "N"), ("role", "author")]),
                headers: admin.headers())
            #expect(badEmail.status == .unprocessableContent)
            #expect(badEmail.text.contains("email: is not an email address"))
        }
    }

    @Test(arguments: StoreKind.allCases) func nobodyTouchesTheOwnerOrGrantsARoleAboveTheirOwn(_ kind: StoreKind)
        async throws
    {
        let site = try await TestSite.open(kind)
        let owner = try await site.signedIn(.owner, name: "Olive Owner")
        let admin = try await site.signedIn(.administrator)
        let editor = try await site.signedIn(.editor)
        let writer = try await site.signedIn(.author, name: "Wes Writer")
        try await site.serve { client in
            let page = try await client.get("/admin/staff/", headers: admin.headers())
            #expect(page.status == .ok)
            #expect(!page.text.contains("action=\"/admin/staff/\(owner.user.id)\""))
            #expect(page.text.contains("action=\"/admin/staff/\(writer.user.id)\""))

            let demote = try await client.postForm(
                "/admin/staff/\(owner.user.id)",
                csrfFields(admin, [("name", "Olive Owner"), ("role", "editor")]), headers: admin.headers())
            #expect(demote.status == .forbidden)
            let suspend = try await client.postForm(
                "/admin/staff/\(owner.user.id)",
                csrfFields(admin, [("name", "Olive Owner"), ("role", "owner"), ("suspended", "on")]),
                headers: admin.headers())
            #expect(suspend.status == .forbidden)
            let remove = try await client.postForm(
                "/admin/staff/\(owner.user.id)/remove", csrfFields(admin, []), headers: admin.headers())
            #expect(remove.status == .forbidden)
            #expect(remove.text.contains("class=\"alert alert-error\""))
            let ownerNow = try #require(try await site.store.staffUser(id: owner.user.id))
            #expect(ownerNow.role == .owner && !ownerNow.suspended)

            let makeOwner = try await client.postForm(
                "/admin/staff/\(writer.user.id)", csrfFields(admin, [("name", "Wes Writer"), ("role", "owner")]),
                headers: admin.headers())
            #expect(makeOwner.status == .forbidden)
            let inviteOwner = try await client.postForm(
                "/admin/staff/invite",
                csrfFields(admin, [("email", "second.owner@news.example"), ("name", "Second"), ("role", "owner")]),
                headers: admin.headers())
            #expect(inviteOwner.status == .forbidden)
            #expect(try await site.store.staffCredentials(email: "second.owner@news.example") == nil)

            let promote = try await client.postForm(
                "/admin/staff/\(writer.user.id)",
                csrfFields(admin, [("name", "Wes Writer"), ("role", "editor"), ("suspended", "on")]),
                headers: admin.headers())
            #expect(promote.status == .seeOther)
            let writerNow = try #require(try await site.store.staffUser(id: writer.user.id))
            #expect(writerNow.role == .editor && writerNow.suspended)

            let removed = try await client.postForm(
                "/admin/staff/\(writer.user.id)/remove", csrfFields(admin, []), headers: admin.headers())
            #expect(removed.status == .seeOther)
            #expect(try await site.store.staffUser(id: writer.user.id) == nil)

            // Editors do not manage staff at all.
            #expect(try await client.get("/admin/staff/", headers: editor.headers()).status == .forbidden)
            let byEditor = try await client.postForm(
                "/admin/staff/invite",
                csrfFields(editor, [("email", "x@news.example"), ("name", "X"), ("role", "contributor")]),
                headers: editor.headers())
            #expect(byEditor.status == .forbidden)
        }
    }
}
