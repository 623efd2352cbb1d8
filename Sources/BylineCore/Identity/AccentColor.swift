import Foundation

/// A site's accent colour: links, buttons, kickers and focus rings of the public theme. Written
/// `#rrggbb`; a colour too light to read on the theme's light pages is refused (WCAG AA, 4.5:1),
/// and dark mode gets a lightened copy, since a red that reads on cream is too dark on near-black.
public struct AccentColor: Sendable, Equatable {
    /// Lowercase `#rrggbb`.
    public let hex: String
    let rgb: RGB

    /// WCAG AA for normal text: links and button labels are normal-sized text.
    public static let minimumContrast = 4.5

    /// The default theme's backgrounds that accent text stands on (Themes/default/style.css:
    /// `--tint` is the darker of `--paper` and `--tint` in light mode, the lighter in dark mode,
    /// so a colour that reads on it reads on both).
    static let lightBackground = RGB(0xF2, 0xEF, 0xE8)
    static let darkBackground = RGB(0x22, 0x20, 0x1D)
    /// The label colour of accent buttons: white in light mode, the dark page colour in dark mode.
    static let lightButtonText = RGB(0xFF, 0xFF, 0xFF)
    static let darkButtonText = RGB(0x16, 0x15, 0x13)

    /// Accepts `#rrggbb` in any case, with spaces around it. Refuses other forms, and a colour
    /// that links and buttons cannot be read in on the light pages, saying by how much and
    /// offering a darker one of the same hue.
    public init(validating text: String) throws(AccentColorError) {
        let trimmed = text.trimmingWhitespace()
        guard let rgb = RGB(hex: trimmed) else { throw .notHex(trimmed) }
        let contrast = Self.lightContrast(rgb)
        guard contrast >= Self.minimumContrast else {
            throw .tooLight(
                hex: rgb.hex, contrast: contrast,
                suggestion: Self.adjusted(rgb, toward: RGB(0, 0, 0), passing: Self.lightContrast).hex)
        }
        self.rgb = rgb
        self.hex = rgb.hex
    }

    /// The dark-mode accent: this colour when it already reads on the dark pages, else the
    /// least lightened copy that does.
    public var darkModeHex: String {
        Self.adjusted(rgb, toward: RGB(0xFF, 0xFF, 0xFF), passing: Self.darkContrast).hex
    }

    /// The `<style>` rules that put this colour in place of the theme's own.
    public var css: String {
        ":root{--accent:\(hex)}@media (prefers-color-scheme: dark){:root{--accent:\(darkModeHex)}}"
    }

    /// The lower of the colour's contrast as text on the light background and as a button
    /// behind white text.
    static func lightContrast(_ color: RGB) -> Double {
        min(contrast(color, lightBackground), contrast(color, lightButtonText))
    }

    static func darkContrast(_ color: RGB) -> Double {
        min(contrast(color, darkBackground), contrast(color, darkButtonText))
    }

    /// `color` mixed toward `target` in small steps until `passing` reaches the minimum
    /// (`color` itself when it does already).
    static func adjusted(_ color: RGB, toward target: RGB, passing measure: (RGB) -> Double) -> RGB {
        for step in 0...64 {
            let mixed = color.mixed(with: target, amount: Double(step) / 64)
            if measure(mixed) >= minimumContrast { return mixed }
        }
        return target
    }

    /// WCAG 2 contrast ratio, from 1 (same) to 21 (black on white).
    public static func contrast(_ first: RGB, _ second: RGB) -> Double {
        let (a, b) = (first.relativeLuminance, second.relativeLuminance)
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    /// An sRGB colour, 8 bits a channel.
    public struct RGB: Sendable, Equatable {
        public let red: UInt8
        public let green: UInt8
        public let blue: UInt8

        public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
            self.red = red
            self.green = green
            self.blue = blue
        }

        /// `#rrggbb` exactly (a shorthand `#rgb` or a name is not accepted: one spelling to store).
        public init?(hex text: String) {
            let digits = Array(text.utf8)
            guard digits.count == 7, digits[0] == UInt8(ascii: "#"),
                let value = UInt32(String(decoding: digits[1...], as: UTF8.self), radix: 16),
                digits[1...].allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 102) })
            else { return nil }
            self.init(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
        }

        public var hex: String {
            "#"
                + [red, green, blue].map { byte in
                    let text = String(byte, radix: 16)
                    return text.count == 1 ? "0" + text : text
                }.joined()
        }

        /// WCAG 2's relative luminance of an sRGB colour.
        var relativeLuminance: Double {
            func linear(_ channel: UInt8) -> Double {
                let value = Double(channel) / 255
                return value <= 0.04045 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
        }

        func mixed(with other: RGB, amount: Double) -> RGB {
            func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
                UInt8((Double(a) + (Double(b) - Double(a)) * amount).rounded())
            }
            return RGB(mix(red, other.red), mix(green, other.green), mix(blue, other.blue))
        }
    }
}
