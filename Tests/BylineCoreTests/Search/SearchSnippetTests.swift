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

    /// A text skips to its first possible match (``SearchSnippet/scanStart(_:_:lead:)``): the
    /// snippet must be the one a scan of every word gives, wherever the match lies, whatever
    /// occurs before it and whatever characters the text holds.
    @Test func skippingToTheFirstPossibleMatchGivesTheSameSnippet() {
        let length = SearchSnippet.defaultLength
        func expectSame(_ text: String, _ words: Set<String>, _ comment: Testing.Comment) {
            let skipped = SearchSnippet.window(text, words, length, isWhole: true)
            let scanned = SearchSnippet.window(text, words, length, isWhole: true, skipping: false)
            #expect(skipped == scanned, comment)
        }
        let words = "the council “said” that its harbour plan would go ahead — after years of talks".split(
            separator: " ")
        func filler(_ count: Int) -> String {
            (0..<count).map { String(words[$0 % words.count]) }.joined(separator: " ")
        }
        let wide = "東京の港 👩‍👩‍👧‍👦 "
        for lead in [0, 1, 5, 20, 40, 59, 60, 61, 62, 100, 239, 240, 241, 480, 481, 2_000] {
            let before = String(filler(lead * 2).prefix(lead))
            expectSame(before + " FERRY docked " + filler(80), ["ferry"], "a match \(lead) characters in")
            expectSame(before + "ferryman " + filler(80), ["ferry"], "a longer word \(lead) characters in")
            expectSame(before + " unferry ferry " + filler(80), ["ferry"], "inside a word first, \(lead) characters in")
            expectSame(before + "\n\n  ok, ok " + filler(80), ["ok"], "a short word \(lead) characters in")
            expectSame(before + " Zürich ferry " + filler(80), ["zurich"], "a folded word \(lead) characters in")
            expectSame(before + " Zürich ferry " + filler(80), ["ferry"], "after a word with an accent")
            let wideBefore = String(String(repeating: wide, count: lead / 4 + 1).prefix(lead))
            expectSame(wideBefore + " ferry " + filler(80), ["ferry"], "\(lead) characters of several bytes before")
            expectSame(wideBefore + " 港 " + filler(80), ["港"], "a word of another script")
        }
        expectSame(filler(400), ["ferry"], "no match")
        expectSame(filler(400), [], "no word searched")
        expectSame(filler(400), ["färja"], "a word the text does not hold")
        expectSame(filler(300) + " brokers " + filler(300), ["ok"], "a short word only inside others")
        expectSame(filler(300) + " plan planning " + filler(30), ["planning", "plan"], "two words, the shorter first")
        expectSame(filler(300) + " e\u{301}te\u{301} ferry " + filler(30), ["ete"], "combining accents")
        let far = filler(400) + " ferry"
        #expect(SearchSnippet.scanStart(far, ["ferry"], lead: 60) != .from(far.startIndex), "typography passed over")
        #expect(SearchSnippet.scanStart(filler(400), ["ferry"], lead: 60) == .nowhere)
        #expect(SearchSnippet.scanStart("Zürich " + far, ["ferry"], lead: 60) == .from(far.startIndex))
    }
}
