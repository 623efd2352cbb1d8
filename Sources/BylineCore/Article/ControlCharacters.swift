/// Control characters in imported text. Tab and the line endings are text; every other control
/// character (an ESC from a terminal, a C1 code from a mis-decoded file) is invisible to readers
/// and not allowed in XML 1.0, where one would make the whole RSS feed unreadable.
public enum ControlCharacters {
    /// Whether `scalar` is removed: C0 controls but tab and the line endings (LF, VT, FF, CR),
    /// DEL, C1 controls but NEL (a line ending), and the non-characters U+FFFE and U+FFFF.
    public static func isRemoved(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x85: false
        case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF: true
        default: false
        }
    }

    /// `text` without the removed control characters; the same string when it has none.
    public static func removing(from text: String) -> String {
        // Bytes first: nearly every file has none, and a byte scan costs nothing next to decoding.
        var suspect = false
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if (byte < 0x20 && !(0x09...0x0D).contains(byte)) || byte == 0x7F || (previous == 0xC2 && byte < 0xA0)
                || (previous == 0xBF && byte >= 0xBE)
            {
                suspect = true
                break
            }
            previous = byte
        }
        guard suspect else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isRemoved(scalar) { scalars.append(scalar) }
        return String(scalars)
    }
}
