import Testing

@testable import BylineCore

/// A long text's snippet is first looked for in its first bytes (``SearchSnippet/prefixBytes``):
/// whatever the text, the snippet must be the one the whole text gives.
@Suite struct SearchSnippetTests {
    /// `count` bytes of filler words, with paragraph breaks.
    static func filler(_ count: Int) -> String {
        var text = ""
        var index = 0
        while text.utf8.count < count {
            text += index % 9 == 8 ? "lorem.\n\n" : "lorem "
            index += 1
        }
        return String(text.prefix(count))
    }

    static func expectSameAsWhole(_ text: String, _ words: Set<String>, _ comment: Testing.Comment) {
        let whole = SearchSnippet.window(text, words, SearchSnippet.defaultLength, isWhole: true)
        #expect(SearchSnippet.html(text, highlighting: words) == whole, comment)
    }

    @Test func aLongTextGivesTheSnippetOfTheWholeText() {
        let cut = SearchSnippet.prefixBytes
        let tail = Self.filler(cut * 3)
        Self.expectSameAsWhole("The harbour froze. " + tail, ["harbour"], "a match at the start")
        Self.expectSameAsWhole(Self.filler(cut - 600) + " harbour " + tail, ["harbour"], "a window ending near the cut")
        Self.expectSameAsWhole(Self.filler(cut - 30) + " harbour " + tail, ["harbour"], "a window crossing the cut")
        Self.expectSameAsWhole(Self.filler(cut * 2) + " harbour " + tail, ["harbour"], "a match past the cut")
        Self.expectSameAsWhole(tail, ["harbour"], "no match: the start of the text")
        // The cut splits "planned" into "plan", a word searched for: the word is "planned".
        let split = Self.filler(cut - 5) + " planned " + tail
        Self.expectSameAsWhole(split, ["plan"], "a word cut in two")
        #expect(SearchSnippet.html(split, highlighting: ["plan"]).contains("<mark>planned</mark>"))
        // A character of several bytes across the cut.
        Self.expectSameAsWhole(
            String(repeating: "é", count: cut / 2 - 2) + " café harbour " + tail, ["harbour"], "UTF-8 across the cut")
        let marked = SearchSnippet.html(Self.filler(cut * 2) + " harbour " + tail, highlighting: ["harbour"])
        #expect(marked.hasPrefix("…") && marked.hasSuffix("…") && marked.contains("<mark>harbour</mark>"))
    }
}
