/// Escapes text for HTML element content and quoted attribute values.
///
/// Mustache escapes template variables itself; this is for HTML that Byline builds in code
/// (post bodies), where a hand-written escaper is smaller than any dependency that offers one.
public enum HTMLEscape {
    public static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }
}
