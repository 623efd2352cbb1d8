/// Counts words the way readers perceive them: runs of letters or digits, apostrophes and
/// hyphens inside a word do not split it.
public enum WordCount {
    public static func count(in text: String) -> Int {
        var count = 0
        var inWord = false
        for character in text {
            let isWordCharacter = character.isLetter || character.isNumber
            if isWordCharacter {
                if !inWord { count += 1 }
                inWord = true
            } else if inWord, character == "'" || character == "’" || character == "-" {
                continue  // inside a word: "don't", "face-to-face"
            } else {
                inWord = false
            }
        }
        return count
    }
}
