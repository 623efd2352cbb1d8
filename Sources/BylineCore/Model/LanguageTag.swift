/// Which site languages the settings accept: it lands in `<html lang>`, so it must look like a
/// BCP 47 tag ("en", "pt-BR", "zh-Hant-TW").
public enum LanguageTag {
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return text.count <= 35 && parts.allSatisfy { (1...8).contains($0.count) && $0.allSatisfy(\.isASCII) }
            && parts.allSatisfy { $0.allSatisfy { $0.isLetter || $0.isNumber } } && parts[0].allSatisfy(\.isLetter)
    }
}
