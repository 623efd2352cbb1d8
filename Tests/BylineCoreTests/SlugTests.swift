import Testing

@testable import BylineCore

@Suite struct SlugTests {
    @Test func titlesBecomeLowercaseHyphenatedASCII() {
        #expect(
            Slug.make(from: "Russia and Ukraine Hold First Direct Peace Talks in Three Years in Turkey")
                == "russia-and-ukraine-hold-first-direct-peace-talks-in-three-years-in-turkey")
        #expect(
            Slug.make(from: "UK PM: Putin Must Face Consequences for Dodging Peace in Ukraine")
                == "uk-pm-putin-must-face-consequences-for-dodging-peace-in-ukraine")
        #expect(Slug.make(from: "  Europe’s  deadliest -- conflict!  ") == "europes-deadliest-conflict")
        #expect(Slug.make(from: "30-day ceasefire") == "30-day-ceasefire")
    }

    @Test func nonASCIITitlesTransliterate() {
        #expect(Slug.make(from: "Zürich Café Crème") == "zurich-cafe-creme")
        #expect(Slug.make(from: "Straße nach Łódź") == "strasse-nach-lodz")
        #expect(Slug.make(from: "Київ") == "kyiv")
        #expect(Slug.make(from: "Переговоры в Стамбуле") == "perehovory-v-stambule")
        #expect(Slug.make(from: "Αθήνα") == "athina")
        #expect(Slug.make(from: "Dolmabahçe Sarayı") == "dolmabahce-sarayi")
    }

    @Test func scriptsWithoutAnASCIIFormKeepTheirLetters() {
        #expect(Slug.make(from: "東京の天気、晴れ") == "東京の天気-晴れ")
        #expect(Slug.make(from: "Tokyo 東京: Weather!") == "tokyo-東京-weather")
        #expect(Slug.make(from: "مرحبا بالعالم") == "مرحبا-بالعالم")
        #expect(Slug.isWellFormed("東京の天気"))
        #expect(!Slug.isWellFormed("東京 天気"))
    }

    @Test func titlesWithoutLettersFallBack() {
        #expect(Slug.make(from: "!!!") == "post")
        #expect(Slug.make(from: "🎉 ✨") == "post")
        #expect(Slug.make(from: "", fallback: "author") == "author")
    }

    @Test func longTitlesAreCutAtAWordBoundary() {
        let slug = Slug.make(from: String(repeating: "peace talks ", count: 20))
        #expect(slug.count <= Slug.maxLength)
        #expect(!slug.hasSuffix("-"))
        #expect(slug.hasSuffix("talks") || slug.hasSuffix("peace"))
        #expect(Slug.make(from: String(repeating: "a", count: 200)).count == Slug.maxLength)
    }

    @Test func clashesGetNumberedAndReservedWordsAreNeverUsed() {
        let taken: Set<String> = ["peace", "peace-2"]
        #expect(Slug.unique("peace") { taken.contains($0) } == "peace-3")
        #expect(Slug.unique("war") { taken.contains($0) } == "war")
        for word in ["admin", "archive", "tag", "search", "rss", "page"] {
            #expect(Slug.unique(Slug.make(from: word)) { _ in false } == "\(word)-2")
        }
        #expect(Slug.unique("feed.json") { _ in false } == "feed.json-2")
    }

    @Test func wellFormedSlugs() {
        #expect(Slug.isWellFormed("peace-talks-2"))
        #expect(!Slug.isWellFormed("Peace"))
        #expect(!Slug.isWellFormed("-peace"))
        #expect(!Slug.isWellFormed(""))
    }
}
