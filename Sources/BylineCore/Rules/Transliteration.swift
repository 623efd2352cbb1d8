import Foundation

/// Turns Latin letters with diacritics, German, Nordic, Polish, Cyrillic and Greek letters into
/// ASCII look-alikes, so non-English titles still give readable slugs ("Київ" -> "kyiv").
/// Letters of scripts without such a form (Japanese, Chinese, Arabic, Hebrew, Thai...) stay as
/// they are, lowercased, as WordPress keeps them: "東京" stays "東京", never vanishes.
enum Transliteration {
    static func ascii(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            if character.isASCII {
                output.append(character)
                continue
            }
            let lower = String(character).lowercased()
            if let mapped = table[lower] {
                output += mapped
                continue
            }
            // Canonical decomposition splits "é" into "e" + accent; keep the ASCII base letters.
            let base = lower.decomposedStringWithCanonicalMapping.unicodeScalars.filter(\.isASCII)
            if !base.isEmpty {
                output += String(String.UnicodeScalarView(base))
            } else if character.isLetter || character.isNumber {
                output += lower
            } else {
                output += " "
            }
        }
        return output
    }

    private static let table: [String: String] = {
        var table: [String: String] = [
            "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th",
            "ı": "i", "ħ": "h", "ŋ": "ng", "‘": "'", "’": "'",
        ]
        let cyrillic =
            "а:a б:b в:v г:h ґ:g д:d е:e є:ye ё:yo ж:zh з:z и:y і:i ї:i й:y к:k л:l м:m н:n о:o п:p "
            + "р:r с:s т:t у:u ф:f х:kh ц:ts ч:ch ш:sh щ:shch ъ: ы:y ь: э:e ю:yu я:ya"
        let greek =
            "α:a β:v γ:g δ:d ε:e ζ:z η:i θ:th ι:i κ:k λ:l μ:m ν:n ξ:x ο:o π:p ρ:r σ:s ς:s τ:t υ:y "
            + "φ:f χ:ch ψ:ps ω:o ά:a έ:e ή:i ί:i ό:o ύ:y ώ:o"
        for pair in (cyrillic + " " + greek).split(separator: " ") {
            let parts = pair.split(separator: ":", omittingEmptySubsequences: false)
            table[String(parts[0])] = String(parts[1])
        }
        return table
    }()
}
