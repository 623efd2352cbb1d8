import BylineCore
import Foundation
import Testing

/// Terms, vectors and the ranking: what makes two articles related.
@Suite struct RelatedRankingTests {
    @Test func tokensAreFoldedAndFiltered() {
        #expect(
            RelatedTokenizer.terms(in: "İSTANBUL Talks: the Élysée said 2022, UK") == [
                "istanbul", "talk", RelatedStemmer.stem("elysee"),
            ])
        #expect(RelatedTokenizer.terms(in: "Café cafe CAFÉS") == ["cafe", "cafe", "cafe"])
        #expect(RelatedTokenizer.terms(in: "and the of to in a it is be").isEmpty, "stop words and short tokens")
    }

    @Test func theStemmerFoldsPluralsAndVerbEndings() {
        #expect(RelatedStemmer.stem("talks") == RelatedStemmer.stem("talk"))
        #expect(RelatedStemmer.stem("agencies") == "agency")
        #expect(RelatedStemmer.stem("exchanged") == RelatedStemmer.stem("exchange"))
        #expect(RelatedStemmer.stem("exchanges") == RelatedStemmer.stem("exchange"))
        #expect(RelatedStemmer.stem("prisoners") == RelatedStemmer.stem("prisoner"))
        #expect(RelatedStemmer.stem("press") == "press", "a double s is no plural")
        #expect(RelatedStemmer.stem("bus") == "bus")
    }

    @Test func titleAndTagsWeighMoreThanTheBody() {
        let vector = TermVector(title: "Harbour Reopens", tags: ["Shipping"], body: "The harbour harbour crane.")
        #expect(vector.weights[RelatedStemmer.stem("harbour")] == TermVector.fieldBoost + 2)
        #expect(vector.weights[RelatedStemmer.stem("shipping")] == TermVector.fieldBoost)
        #expect(vector.weights[RelatedStemmer.stem("crane")] == 1)
        #expect(TermVector(encoded: vector.encoded) == vector)
    }

    @Test func aVectorKeepsItsMostFrequentTerms() {
        let words = (0..<60).map { "word\(String(UnicodeScalar(UInt8(97 + $0 % 26))))\($0 / 26)x" }
        let body = words.enumerated().map { index, word in
            Array(repeating: word, count: index + 1).joined(separator: " ")
        }
        .joined(separator: "\n")
        let vector = TermVector(title: "", tags: [], body: body)
        #expect(vector.weights.count == TermVector.termLimit)
        #expect(vector.weights.values.min() == 60 - TermVector.termLimit + 1, "the rarest words went")
    }

    @Test func directiveLinesDoNotCount() {
        let vector = TermVector(title: "", tags: [], body: "Harbour news\n::read-also[Volcano Erupts]\n")
        #expect(vector.weights[RelatedStemmer.stem("volcano")] == nil)
        #expect(vector.weights[RelatedStemmer.stem("harbour")] == 1)
    }

    @Test func sharedRareTermsRankFirstAndNeverItself() {
        let target = TermVector(title: "Volcano erupts near harbour", tags: [], body: "lava ash flights")
        let close = TermVector(title: "Ash cloud from volcano grounds flights", tags: [], body: "lava")
        let common = TermVector(title: "Harbour fees rise", tags: [], body: "shipping fees harbour")
        let unrelated = TermVector(title: "Chess final", tags: [], body: "grandmaster")
        let ranking = RelatedRanking(
            documentFrequency: ["harbour": 40, "volcano": 2, "lava": 2, "ash": 2, "flight": 3], documentCount: 100)
        let matches = ranking.rank(
            1, target, among: [(1, target), (2, common), (3, close), (4, unrelated)], limit: 5)
        #expect(matches.map(\.id) == [3, 2], "the volcano story first; nothing shared, no match; never itself")
        let forward = RelatedRanking.similarity(ranking.normalized(target), ranking.normalized(close))
        let backward = RelatedRanking.similarity(ranking.normalized(close), ranking.normalized(target))
        #expect(abs(forward - backward) < 1e-12, "symmetric")
        #expect(forward > 0 && forward <= 1.000_001)
    }
}
