import BylineCore
import Testing

@Suite struct SearchPairsTests {
    @Test func keysShortenWordsAndJoinThemWithAPrivateUseCharacter() {
        let keys = SearchPairs.keys(ofPhrase: ["Rules", "short", "term"])
        #expect(keys == ["rule\u{E000}shor", "shor\u{E000}term"])
        // The forms a stemmer joins share a key.
        #expect(SearchPairs.keys(ofPhrase: ["rail", "links"]) == SearchPairs.keys(ofPhrase: ["rail", "link"]))
        // A typed word never holds the joiner: it separates words.
        #expect(SearchText.words("rule\u{E000}shor") == ["rule", "shor"])
    }

    @Test func onlyPhrasesOfPlainWordsHaveKeys() {
        #expect(SearchPairs.keys(ofPhrase: ["rail"]).isEmpty)
        #expect(SearchPairs.keys(ofPhrase: ["østre", "havn"]).isEmpty)
        #expect(SearchPairs.keys(ofPhrase: ["東京", "天気"]).isEmpty)
        // Accents fold away first, as the index folds them.
        #expect(SearchPairs.keys(ofPhrase: ["Zürich", "café"]) == [SearchPairs.key("zuri", "cafe")])
        let query = SearchQuery.parse("council \"new rules\" -rail")
        #expect(SearchPairs.keys(of: query) == [SearchPairs.key("new", "rules")])
    }

    @Test func theIndexTextHasEachPairOnceAndNoneAcrossTexts() {
        let text = SearchPairs.indexText(["New rules, new rules", "Rules apply"])
        let keys = text.split(separator: " ").map(String.init)
        #expect(
            Set(keys) == [
                SearchPairs.key("new", "rules"), SearchPairs.key("rules", "new"), SearchPairs.key("rules", "apply"),
            ])
        #expect(keys.count == 3)
        #expect(!keys.contains(SearchPairs.key("rules", "rules")))
        #expect(SearchPairs.indexText(["one", ""]).isEmpty)
    }
}
