/// Counts words the way readers perceive them: runs of letters or digits, apostrophes and
/// hyphens inside a word do not split it.
public enum WordCount {
    public static func count(in text: String) -> Int {
        if let count = asciiCount(text.utf8) { return count }
        // Scalar by scalar, looking properties up only for non-ASCII ones (the same rule as for
        // characters: a combining mark belongs to the letter before it).
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            let isWordCharacter: Bool
            if scalar.isASCII {
                let value = scalar.value
                isWordCharacter =
                    (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
            } else {
                let properties = scalar.properties
                switch properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark: continue
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
                    isWordCharacter = true
                default: isWordCharacter = properties.numericType != nil
                }
            }
            if isWordCharacter {
                if !inWord { count += 1 }
                inWord = true
            } else if inWord, scalar == "'" || scalar == "’" || scalar == "-" {
                continue  // inside a word: "don't", "face-to-face"
            } else {
                inWord = false
            }
        }
        return count
    }

    /// The same rule on bytes for plain-ASCII text, the common case, without decoding characters;
    /// nil when the text has anything else.
    static func asciiCount(_ bytes: String.UTF8View) -> Int? {
        var count = 0
        var inWord = false
        for byte in bytes {
            guard byte < 0x80 else { return nil }
            let isWordCharacter =
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            if isWordCharacter {
                if !inWord { count += 1 }
                inWord = true
            } else if inWord, byte == 0x27 || byte == 0x2D {
                continue
            } else {
                inWord = false
            }
        }
        return count
    }
}
