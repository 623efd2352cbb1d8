import BylineMail
import Testing

@Suite struct SMTPConfigurationTests {
    @Test func plainURLUpgradesWhenOfferedAndDecodesCredentials() throws {
        let configuration = try SMTPConfiguration(url: "smtp://news%40site.example:p%40ss%3Aw0rd@mail.example:2525")
        #expect(configuration.host == "mail.example")
        #expect(configuration.port == 2525)
        #expect(configuration.security == .startTLSIfOffered)
        #expect(configuration.credentials?.user == "news@site.example")
        #expect(configuration.credentials?.password == "p@ss:w0rd")
    }

    @Test func defaultsPorts() throws {
        #expect(try SMTPConfiguration(url: "smtp://mail.example").port == 587)
        let secure = try SMTPConfiguration(url: "smtps://u:p@mail.example")
        #expect(secure.port == 465)
        #expect(secure.security == .implicitTLS)
    }

    @Test func options() throws {
        #expect(try SMTPConfiguration(url: "smtp://h:25?starttls=required").security == .startTLSRequired)
        #expect(try SMTPConfiguration(url: "smtp://127.0.0.1:2525?tls=none").security == .none)
        let configuration = try SMTPConfiguration(url: "smtp://u:p@h?auth=login&timeout=5&helo=news.example")
        #expect(configuration.authMechanism == .login)
        #expect(configuration.replyTimeout == .seconds(5))
        #expect(configuration.heloName == "news.example")
        #expect(configuration.credentials == nil ? false : true)
        #expect(try SMTPConfiguration(url: "smtp://[::1]:2525?tls=none").host == "::1")
    }

    @Test func errorsNameWhatIsWrong() {
        #expect(throws: SMTPConfigurationError.unsupportedScheme("http")) { try SMTPConfiguration(url: "http://h") }
        #expect(throws: SMTPConfigurationError.missingHost) { try SMTPConfiguration(url: "smtp://") }
        #expect(throws: SMTPConfigurationError.badPort("99999")) { try SMTPConfiguration(url: "smtp://h:99999") }
        #expect(throws: SMTPConfigurationError.badPort("abc")) { try SMTPConfiguration(url: "smtp://u:p@h:abc") }
        #expect(throws: SMTPConfigurationError.unknownOption("tsl")) { try SMTPConfiguration(url: "smtp://h?tsl=none") }
        #expect(throws: SMTPConfigurationError.badOptionValue(name: "starttls", value: "yes")) {
            try SMTPConfiguration(url: "smtp://h?starttls=yes")
        }
        #expect(throws: SMTPConfigurationError.self) { try SMTPConfiguration(url: "smtps://h?tls=none") }
        #expect(throws: SMTPConfigurationError.self) {
            try SMTPConfiguration(url: "smtp://h?tls=none&starttls=required")
        }
        let message = SMTPConfigurationError.unknownOption("tsl").description
        #expect(message.contains("tsl") && message.contains("tls=none"))
    }
}

@Suite struct SMTPConfigurationEnvironmentTests {
    @Test func readsSMTPURLAndNeverShowsThePassword() throws {
        #expect(try SMTPConfiguration.fromEnvironment([:]) == nil)
        let configuration = try #require(
            try SMTPConfiguration.fromEnvironment(["SMTP_URL": "smtps://news:secret@mail.example"]))
        #expect(configuration.redactedDescription == "smtps://news@mail.example:465")
        #expect(!configuration.redactedDescription.contains("secret"))
    }
}
