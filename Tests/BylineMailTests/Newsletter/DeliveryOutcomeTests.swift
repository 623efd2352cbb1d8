import BylineStore
import Testing

@testable import BylineMail

/// What an SMTP failure does to one delivery: the session's failures wait without using an
/// attempt, a bad address is a hard bounce, a relay or content refusal fails without one, and
/// whatever may have reached the server is tried again.
@Suite struct DeliveryOutcomeTests {
    static func outcome(_ error: SMTPError) -> DeliveryOutcome {
        NewsletterDeliveryWorker.outcome(of: error, deliveryID: 7)
    }

    static func reply(_ code: Int, _ text: String) -> SMTPReply { SMTPReply(code: code, lines: [text]) }

    @Test func theSessionsFailuresWaitWithoutUsingAnAttempt() {
        let session: [SMTPError] = [
            .connectFailed(host: "mx", port: 25, reason: "refused"), .tlsFailed(reason: "bad certificate"),
            .authenticationFailed(Self.reply(535, "5.7.8 bad credentials")),
            .rejected(.greeting, Self.reply(421, "4.3.2 busy")),
            .rejected(.mailFrom, Self.reply(553, "5.7.1 sender not verified")),
            .connectionLost(waitingFor: .greeting),
        ]
        for error in session {
            guard case .deferred = Self.outcome(error) else {
                Issue.record("\(error) should defer, got \(Self.outcome(error))")
                continue
            }
        }
    }

    @Test func refusedRecipientsAndMessages() {
        #expect(
            Self.outcome(.rejected(.rcptTo("a@x.example"), Self.reply(550, "5.1.1 no such user")))
                == .failed(
                    deliveryID: 7,
                    error: "\(SMTPError.rejected(.rcptTo("a@x.example"), Self.reply(550, "5.1.1 no such user")))",
                    hardBounce: true))
        let relay = Self.outcome(.rejected(.rcptTo("a@x.example"), Self.reply(554, "5.7.1 Relay access denied")))
        guard case .failed(_, _, let relayBounce) = relay else {
            Issue.record("a relay refusal fails the delivery, got \(relay)")
            return
        }
        #expect(!relayBounce)
        guard
            case .failed(_, _, true) = Self.outcome(
                .rejected(.rcptTo("b@x.example"), Self.reply(550, "mailbox unavailable")))
        else {
            Issue.record("a bare 550 at RCPT is a bad address")
            return
        }
        guard case .retry = Self.outcome(.rejected(.rcptTo("c@x.example"), Self.reply(451, "4.3.0 later"))) else {
            Issue.record("451 at RCPT retries")
            return
        }
        guard case .failed(_, _, false) = Self.outcome(.rejected(.messageData, Self.reply(554, "5.7.1 spam"))) else {
            Issue.record("content refused fails without a bounce")
            return
        }
        guard case .retry = Self.outcome(.timedOut(waitingFor: .messageData)) else {
            Issue.record("a message that may have arrived is tried again")
            return
        }
    }
}
