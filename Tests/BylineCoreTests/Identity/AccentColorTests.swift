import Testing

@testable import BylineCore

/// The accent colour: `#rrggbb` only, WCAG AA against the light page or refused with a darker
/// shade that passes, and a dark-mode shade that passes on the dark page.
@Suite struct AccentColorTests {
    @Test func theThemesOwnColoursPass() throws {
        let red = try AccentColor(validating: "#A3201C")
        #expect(red.hex == "#a3201c")
        #expect(AccentColor.lightContrast(red.rgb) >= 4.5)
        // Already light enough on the dark page? The theme's own dark shade is far lighter.
        #expect(AccentColor.darkContrast(try #require(AccentColor.RGB(hex: "#f08a7e"))) >= 4.5)
        #expect(try AccentColor(validating: "  #1d4ed8 ").hex == "#1d4ed8")
    }

    @Test func anythingButHashAndSixHexDigitsIsRefused() {
        for text in ["", "1d4ed8", "#1d4ed", "#1d4ed8f", "#12345g", "blue", "#fff", "rgb(0,0,0)", "#+12345"] {
            #expect(throws: AccentColorError.notHex(text.trimmingWhitespace())) {
                _ = try AccentColor(validating: text)
            }
        }
    }

    @Test func aColourTooLightForLinksIsRefusedWithADarkerOneThatPasses() throws {
        let refusal = Result { () throws(AccentColorError) in try AccentColor(validating: "#ffcc00") }
        guard case .failure(.tooLight(let hex, let contrast, let suggestion)) = refusal else {
            Issue.record("yellow on cream was not refused as too light: \(refusal)")
            return
        }
        #expect(hex == "#ffcc00")
        #expect(contrast < 2)
        let darker = try AccentColor(validating: suggestion)
        #expect(AccentColor.lightContrast(darker.rgb) >= 4.5)
        // The same hue, only darker.
        #expect(darker.rgb.red <= 0xFF && darker.rgb.green <= 0xCC && darker.rgb.blue == 0)
        // A mid red is refused too, the message giving the ratio and the rule.
        let red = Result { () throws(AccentColorError) in try AccentColor(validating: "#e05a47") }
        guard case .failure(let error) = red else {
            Issue.record("#e05a47 was accepted")
            return
        }
        #expect(
            error.description.hasPrefix(
                "#e05a47 is too light for links and buttons on the light page: contrast 3.1:1, WCAG AA needs 4.5:1; "
                    + "a darker shade such as #"))
    }

    @Test func darkModeGetsALighterShadeThatReadsOnTheDarkPage() throws {
        let navy = try AccentColor(validating: "#1e3a8a")
        #expect(AccentColor.darkContrast(navy.rgb) < 4.5)
        let dark = try #require(AccentColor.RGB(hex: navy.darkModeHex))
        #expect(AccentColor.darkContrast(dark) >= 4.5)
        #expect(dark.relativeLuminance > navy.rgb.relativeLuminance)
        #expect(
            navy.css
                == ":root{--accent:#1e3a8a}@media (prefers-color-scheme: dark){:root{--accent:\(navy.darkModeHex)}}")
    }

    @Test func contrastIsWCAGs() throws {
        let black = AccentColor.RGB(0, 0, 0)
        let white = AccentColor.RGB(255, 255, 255)
        #expect(abs(AccentColor.contrast(black, white) - 21) < 0.001)
        #expect(AccentColor.contrast(white, white) == 1)
        // #767676 on white is the well-known 4.54:1.
        #expect(abs(AccentColor.contrast(AccentColor.RGB(0x76, 0x76, 0x76), white) - 4.54) < 0.01)
        #expect(AccentColorError.ratio(4.49) == "4.4")
    }
}
