/// A deliberately light English stemmer: it folds the plural and the commonest verb endings
/// ("talks" -> "talk", "agencies" -> "agency", "exchanged" -> "exchang", "exchange" ->
/// "exchang") and nothing else. A stem only has to be the same for the forms of one word; it
/// never has to be a word. Heavier rules ("-ation", "-ive") merge unrelated words in news text.
public enum RelatedStemmer {
    public static func stem(_ word: String) -> String {
        guard word.count > 3, word.allSatisfy(\.isASCII) else { return word }
        var stem = word
        if stem.hasSuffix("ies"), stem.count > 4 {
            stem.removeLast(3)
            stem += "y"
        } else if stem.hasSuffix("sses") || stem.hasSuffix("shes") || stem.hasSuffix("ches")
            || stem.hasSuffix("xes")
        {
            stem.removeLast(2)
        } else if stem.hasSuffix("s"), !stem.hasSuffix("ss"), !stem.hasSuffix("us"), !stem.hasSuffix("is") {
            stem.removeLast()
        }
        if stem.hasSuffix("ing"), stem.count > 5 {
            stem.removeLast(3)
        } else if stem.hasSuffix("ed"), stem.count > 4 {
            stem.removeLast(2)
        } else if stem.hasSuffix("e"), stem.count > 4 {
            // "exchange" and "exchanged" (-> "exchang") meet here.
            stem.removeLast()
        }
        return stem
    }
}
