/// The form under which titles are compared for import matching and READ ALSO links:
/// case, runs of whitespace and typographic quotes and dashes do not make two titles differ.
public enum TitleKey {
    public static func make(_ title: String) -> String {
        var normalized = ""
        for character in title.lowercased() {
            switch character {
            case "‘", "’", "ʼ", "`": normalized.append("'")
            case "“", "”", "„": normalized.append("\"")
            case "–", "—", "‒": normalized.append("-")
            case "\u{00A0}": normalized.append(" ")
            default: normalized.append(character)
            }
        }
        return normalized.collapsingWhitespace()
    }
}
