import Testing

@testable import BylineWeb

/// The `return_to` rule: same-site paths kept, everything that could leave the site (or land on
/// a member, admin or API page) dropped.
@Suite struct ReturnPathTests {
    @Test(arguments: [
        "/", "/a-story/", "/tag/world/", "/2024/05/a-story/", "/search?q=gate&page=2", "/a-story/#gate",
        "/a%20story/", "/javascript:alert(1)", "/membership-news/", "/administrative-law/",
    ])
    func keepsSameSitePaths(_ text: String) {
        #expect(ReturnPath(text)?.path == text)
    }

    @Test(arguments: [
        // Other sites, protocol-relative or with a scheme.
        "//evil.com", "///evil.com", "/\\evil.com", "\\\\evil.com", "/\\/evil.com", "https://evil.com",
        "http:evil.com", "javascript:alert(1)", "data:text/html,hi", "evil.com", "a-story/", "",
        // Encoded tricks that turn into one of those when decoded (once or twice).
        "/%2F%2Fevil.com", "/%2fevil.com", "/%5Cevil.com", "/%252F%252Fevil.com", "/%09/evil.com",
        // Control characters, tabs and newlines anywhere (browsers strip some of them).
        "/\t/evil.com", "/a\nb", "/a\rb", "/a\u{0}b", "/a\u{7F}b", "/a\u{85}b", "/a\u{202E}b", "/%00", "/%0A",
        " /a-story/", "/a story/", "/a\"><script>/",
        // Dot segments, which browsers resolve.
        "/a/../members/account", "/./members/", "/a/%2e%2e/admin", "/a/%2E%2E%2Fadmin",
        // Pages the reader is never sent back to.
        "/members/account", "/members", "/Members/Account", "/%6Dembers/account", "/members?x=1", "/admin",
        "/admin/posts", "/api/admin/posts", "/subscribe", "/subscribe?email=x",
        // Broken escapes.
        "/%", "/%zz", "/%C3",
    ])
    func dropsEverythingElse(_ text: String) {
        #expect(ReturnPath(text) == nil)
    }

    @Test func dropsNil() {
        #expect(ReturnPath(nil) == nil)
    }

    @Test func dropsPathsOverTheLimit() {
        let longest = "/" + String(repeating: "a", count: ReturnPath.maximumLength - 1)
        #expect(ReturnPath(longest)?.path == longest)
        #expect(ReturnPath(longest + "a") == nil)
    }

    @Test func percentEncodesLettersOutsideASCII() {
        #expect(ReturnPath("/café/")?.path == "/caf%C3%A9/")
    }

    @Test func queryValueEscapesEverythingButUnreservedCharacters() throws {
        let path = try #require(ReturnPath("/search?q=a&b=c+d"))
        #expect(path.queryValue == "%2Fsearch%3Fq%3Da%26b%3Dc%2Bd")
        #expect(ReturnPath.querySuffix(path) == "&return_to=%2Fsearch%3Fq%3Da%26b%3Dc%2Bd")
        #expect(ReturnPath.querySuffix(nil) == "")
        #expect(path.queryValue.removingPercentEncoding == path.path)
    }
}
