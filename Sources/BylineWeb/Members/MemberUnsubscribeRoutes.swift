import BylineCore
import Foundation
import Hummingbird

/// One-click unsubscribe: `GET /members/unsubscribe?token=` shows a button (a mail scanner's
/// prefetch unsubscribes nobody), and `POST` to the same URL unsubscribes, from that button or
/// from a mail program following RFC 8058 (`List-Unsubscribe=One-Click` as the body). The POST
/// needs no session, origin or CSRF token: the signed token is its authentication, and mail
/// providers post it from their own servers.
struct MemberUnsubscribeRoutes: Sendable {
    let signup: MemberSignup
    let page: MemberPageHTML

    func register(on members: RouterGroup<BylineRequestContext>) {
        members.get("unsubscribe") { request, _ in
            guard let text = request.uri.queryParameters["token"].map(String.init),
                UnsubscribeToken(text, key: signup.linkKey) != nil
            else { return refused() }
            let action = "/members/unsubscribe?token=" + text
            return page.response(
                title: "Unsubscribe",
                body: """
                    <p>Press the button to stop receiving these emails.</p>
                    <form method="post" action="\(HTMLEscape.escape(action))">
                    <input type="hidden" name="List-Unsubscribe" value="One-Click">
                    <button type="submit">Unsubscribe</button>
                    </form>
                    """)
        }
        members.post("unsubscribe") { request, _ in
            guard let text = request.uri.queryParameters["token"].map(String.init),
                let token = UnsubscribeToken(text, key: signup.linkKey)
            else { return refused() }
            // A member who deleted their account is unsubscribed already: the same answer.
            if try await signup.store.member(id: token.memberID) != nil {
                try await signup.store.unsubscribe(memberID: token.memberID, newsletterID: token.newsletterID)
            }
            return page.message(title: "Unsubscribed", "You will not receive these emails any more.")
        }
    }

    func refused() -> Response {
        page.message(
            .badRequest, title: "Unknown link",
            "This unsubscribe link is not valid. Sign in at /members/signin instead.")
    }
}
