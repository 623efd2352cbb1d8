import Foundation

/// URL slugs: lowercase words joined by hyphens, derived from titles and names. Latin, Cyrillic
/// and Greek letters become ASCII ("zurich-cafe-creme"); letters of scripts without an ASCII
/// form stay ("東京の天気"), and links carry them percent-encoded.
public enum Slug {
    public static let maxLength = 80

    /// Paths the site itself uses; a post may never take one of these as its slug.
    public static let reserved: Set<String> = [
        "admin", "api", "archive", "assets", "author", "comments", "feed.json", "ghost", "healthz", "members",
        "metrics", "page", "robots.txt", "rss", "search", "sitemap.xml", "subscribe", "tag",
    ]

    /// The slug for a title; never empty (`fallback` when the title has no letters or digits).
    public static func make(from text: String, fallback: String = "post") -> String {
        var words: [String] = []
        var current = ""
        for character in Transliteration.ascii(text).lowercased() {
            if isSlugLetter(character) {
                current.append(character)
            } else if character == "'" {
                continue  // "Europe's" -> "europes", as readers would type it
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        var slug = ""
        for word in words {
            let next = slug.isEmpty ? word : slug + "-" + word
            if next.count > maxLength {
                if slug.isEmpty { slug = String(word.prefix(maxLength)) }
                break
            }
            slug = next
        }
        return slug.isEmpty ? fallback : slug
    }

    /// Whether `slug` is syntactically a slug: what ``make(from:fallback:)`` could produce.
    public static func isWellFormed(_ slug: String) -> Bool {
        !slug.isEmpty && slug.count <= maxLength + 8 && !slug.hasPrefix("-") && !slug.hasSuffix("-")
            && slug.allSatisfy { isSlugLetter($0) || $0 == "-" }
    }

    /// A letter or digit a slug keeps: lowercase ASCII, or a non-ASCII one that has no
    /// uppercase form left (``Transliteration`` turned every letter with an ASCII form into it).
    static func isSlugLetter(_ character: Character) -> Bool {
        if character.isASCII { return character.isLowercase || character.isNumber }
        return (character.isLetter || character.isNumber) && !character.isUppercase
            && !character.unicodeScalars.contains { $0.properties.isWhitespace }
    }

    /// `base`, or `base-2`, `base-3`, ... : the first that is neither reserved nor taken.
    public static func unique(_ base: String, isTaken: (String) throws -> Bool) rethrows -> String {
        var candidate = base
        var suffix = 1
        while try reserved.contains(candidate) || isTaken(candidate) {
            suffix += 1
            candidate = "\(base)-\(suffix)"
        }
        return candidate
    }
}
