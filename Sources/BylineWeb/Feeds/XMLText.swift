/// Escaping for XML text and attribute values (feeds, sitemaps).
enum XMLText {
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            default:
                // Control characters are not allowed in XML 1.0; drop them rather than emit a broken feed.
                if isAllowed(scalar) { output.unicodeScalars.append(scalar) }
            }
        }
        return output
    }

    /// Text inside CDATA: a literal `]]>` is split so it cannot end the section early, and
    /// characters XML 1.0 does not allow are dropped (CDATA does not make them legal).
    static func cdata(_ text: String) -> String {
        "<![CDATA[" + allowedCharacters(text).replacingOccurrences(of: "]]>", with: "]]]]><![CDATA[>") + "]]>"
    }

    /// Whether XML 1.0 allows `scalar` at all (its `Char` production): tab, LF, CR, and
    /// everything from U+0020 but U+FFFE and U+FFFF (Swift strings hold no surrogates).
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x00...0x1F, 0xFFFE, 0xFFFF: false
        default: true
        }
    }

    /// `text` without the characters XML 1.0 does not allow; the same string when it has none.
    static func allowedCharacters(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isAllowed($0) }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where isAllowed(scalar) { scalars.append(scalar) }
        return String(scalars)
    }
}
