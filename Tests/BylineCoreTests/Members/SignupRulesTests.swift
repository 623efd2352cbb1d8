import Testing

@testable import BylineCore

/// What counts as an email address, and when two spellings are one member.
@Suite struct SignupRulesTests {
    @Test func addressesAreTrimmedAndTheirDomainLowercased() throws {
        #expect(try SignupRules.normalizedEmail("  Ada.Obi@News.Example \n") == "Ada.Obi@news.example")
        #expect(try SignupRules.normalizedEmail("first.last+tag@mail.co.uk") == "first.last+tag@mail.co.uk")
        #expect(
            try SignupRules.normalizedEmail("o'brien_x-1@sub-domain.example.org")
                == "o'brien_x-1@sub-domain.example.org")
        #expect(try SignupRules.normalizedEmail("a@b.co") == "a@b.co")
        #expect(try SignupRules.normalizedEmail("x@xn--mnchen-3ya.de") == "x@xn--mnchen-3ya.de")
    }

    @Test func oneKeyPerAddressHoweverItIsTyped() throws {
        let spellings = ["ada@news.example", " ADA@News.Example", "Ada@NEWS.example\t"]
        #expect(Set(spellings.map(SignupRules.emailKey)) == ["ada@news.example"])
        #expect(SignupScope.email("  Ada@News.example").key == SignupScope.email("ada@news.example").key)
        #expect(SignupScope.client("203.0.113.9").key == "client:203.0.113.9")
    }

    @Test func mistakesAreRefusedWithTheReason() {
        let cases: [(String, EmailAddressError)] = [
            ("", .empty),
            ("   ", .empty),
            ("ada obi@news.example", .containsSpace),
            ("adä@news.example", .nonASCII),
            ("ada@münchen.de", .nonASCII),
            ("ada.news.example", .missingAt),
            ("ada@news@example.com", .severalAts),
            ("@news.example", .missingLocalPart),
            ("ada@", .missingDomain),
            ("ada@localhost", .domainWithoutDot),
            ("ada@news,example", .invalidDomain),
            ("ada@-news.example", .invalidDomain),
            ("ada@news-.example", .invalidDomain),
            ("ada@news_x.example", .invalidDomain),
            ("ada@192.168.0.1", .invalidDomain),
            ("ada@[192.168.0.1]", .invalidDomain),
            ("ada@news..example", .misplacedDot),
            ("ada@.news.example", .misplacedDot),
            ("ada@news.example.", .misplacedDot),
            (".ada@news.example", .misplacedDot),
            ("ada.@news.example", .misplacedDot),
            ("a..da@news.example", .misplacedDot),
            ("ada,obi@news.example", .invalidCharacter(",")),
            ("<ada@news.example>", .invalidCharacter("<")),
            ("\"ada\"@news.example", .invalidCharacter("\"")),
            (String(repeating: "a", count: 65) + "@news.example", .localPartTooLong),
            ("a@" + String(repeating: "b", count: 64) + ".example", .invalidDomain),
            ("a@" + String(repeating: "b.", count: 130) + "com", .tooLong),
        ]
        for (text, expected) in cases {
            #expect(throws: expected, "\(text)") { try SignupRules.normalizedEmail(text) }
        }
        // Every reason reads as advice, not as a code.
        for (_, error) in cases { #expect(error.description.hasSuffix(".")) }
    }

    @Test func namesAreFoldedAndBounded() {
        #expect(SignupRules.memberName("  Ada \n  Obi ") == "Ada Obi")
        #expect(SignupRules.memberName(String(repeating: "x", count: 300)).count == SignupRules.maxNameLength)
        #expect(SignupRules.memberName("") == "")
    }

    @Test func signInLinksLiveBrieflyAndTheOthersADay() {
        #expect(MemberTokenPurpose.signIn.lifetime == 15 * 60)
        #expect(MemberTokenPurpose.confirmSignup.lifetime == 24 * 3600)
        #expect(MemberTokenPurpose(rawValue: "change-email") == .changeEmail)
    }
}
