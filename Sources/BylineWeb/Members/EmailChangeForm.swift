import BylineCore

/// The account page's "Change email" form in the state the last request left it: blank, after
/// a link went out (the page names where, and that nothing changes before it is opened), or
/// refusing what was typed (kept in the field, the reason beside it).
enum EmailChangeForm: Sendable, Equatable {
    case blank
    /// A link went to this address.
    case sent(String)
    /// 422: `typed` is no address the account can move to, for `reason`.
    case invalid(typed: String, reason: String)

    /// The form's section; `csrf` is already escaped. The action's fragment brings the answer's
    /// page down to this form, where its notice or error is.
    func html(csrf: String) -> String {
        var status = ""
        var typed = ""
        var describedBy = ""
        switch self {
        case .blank:
            break
        case .sent(let email):
            status =
                "<p class=\"member-notice\" role=\"status\">We sent a link to <strong>\(HTMLEscape.escape(email))"
                + "</strong>; your address changes when you open it.</p>"
        case .invalid(let text, let reason):
            typed = text
            describedBy = " aria-describedby=\"change-email-error\" aria-invalid=\"true\""
            status =
                "<p class=\"error\" id=\"change-email-error\" role=\"alert\" data-field=\"email\">"
                + "email: \(HTMLEscape.escape(reason))</p>"
        }
        return """
            <form method="post" action="/members/email#change-email" class="member-change-email" id="change-email">
            <h2>Change email</h2>
            <p class="member-hint">We send a link to the new address; your address changes when you open it.</p>
            \(status)
            <input type="hidden" name="_csrf" value="\(csrf)">
            <label class="member-field">New email address <input type="email" name="email" \
            value="\(HTMLEscape.escape(typed))" required autocomplete="email"\(describedBy)></label>
            <button type="submit">Change email</button>
            </form>
            """
    }
}
