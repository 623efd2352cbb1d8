/// Why an accent colour is refused; `description` says what to type instead.
public enum AccentColorError: Error, Equatable, CustomStringConvertible {
    /// Not written `#rrggbb`.
    case notHex(String)
    /// Links and buttons in this colour would not reach WCAG AA on the light pages.
    case tooLight(hex: String, contrast: Double, suggestion: String)

    public var description: String {
        switch self {
        case .notHex(let text):
            "\"\(text)\" is not a colour written #rrggbb, such as #a3201c"
        case .tooLight(let hex, let contrast, let suggestion):
            "\(hex) is too light for links and buttons on the light page: contrast "
                + "\(Self.ratio(contrast)):1, WCAG AA needs 4.5:1; a darker shade such as \(suggestion) passes"
        }
    }

    /// One decimal, rounded down, so that "4.4:1" never reads as passing.
    static func ratio(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded(.down))
        return "\(tenths / 10).\(tenths % 10)"
    }
}
