/// The addresses uploaded images are served at: `/images/<fingerprint>/<name>.<ext>` for the
/// original and `/images/<fingerprint>/<name>-<width>.<jpg|webp>` for a variant. Only the
/// fingerprint, the width and the extension choose the file; the name is for people and search
/// engines, so a renamed image keeps working at its old address.
public struct ImagePath: Sendable, Equatable {
    public var fingerprint: String
    /// The file name without its extension: `<name>` or `<name>-<width>`
    /// (``StoredImage/file(stem:fileExtension:)`` tells which, knowing the image's name).
    public var stem: String
    /// `jpg`, `png`, `webp` or `gif`, lowercase.
    public var fileExtension: String

    public static let prefix = "/images/"
    /// Hex digits of the SHA-256 kept as a fingerprint: 80 bits, no clash in any real archive.
    public static let fingerprintLength = 20

    public init(fingerprint: String, stem: String, fileExtension: String) {
        self.fingerprint = fingerprint
        self.stem = stem
        self.fileExtension = fileExtension
    }

    /// The image a path names, or nil when it is not one of ours (any other site's URL too).
    public static func parse(_ path: String) -> ImagePath? {
        guard path.hasPrefix(prefix) else { return nil }
        let parts = path.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, isFingerprint(parts[0]) else { return nil }
        let file = parts[1]
        guard let dot = file.lastIndex(of: "."), dot > file.startIndex else { return nil }
        let ext = String(file[file.index(after: dot)...]).lowercased()
        guard ["jpg", "png", "webp", "gif"].contains(ext) else { return nil }
        return ImagePath(fingerprint: String(parts[0]), stem: String(file[..<dot]), fileExtension: ext)
    }

    /// The fingerprint in a site-relative or absolute URL of ours (`https://host/images/...`
    /// when the host is `host`), else nil.
    public static func fingerprint(inURL url: String) -> String? {
        var path = Substring(url)
        if let scheme = path.range(of: "://") {
            let rest = path[scheme.upperBound...]
            guard let slash = rest.firstIndex(of: "/") else { return nil }
            path = rest[slash...]
        }
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<query] }
        return parse(String(path))?.fingerprint
    }

    static func isFingerprint(_ text: Substring) -> Bool {
        text.utf8.count == fingerprintLength
            && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// A file name for addresses: lowercase ASCII letters, digits and hyphens from the uploaded
    /// name without its extension; `image` when nothing is left.
    public static func fileName(_ uploaded: String) -> String {
        var base = Substring(uploaded)
        if let slash = base.lastIndex(where: { $0 == "/" || $0 == "\\" }) { base = base[base.index(after: slash)...] }
        if let dot = base.lastIndex(of: "."), dot > base.startIndex { base = base[..<dot] }
        var name = ""
        for character in Transliteration.ascii(String(base)).lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                name.append(character)
            } else if !name.isEmpty, name.last != "-" {
                name.append("-")
            }
            if name.count >= 60 { break }
        }
        while name.last == "-" { name.removeLast() }
        return name.isEmpty ? "image" : name
    }
}

extension ImagePath {
    /// The fingerprints of every `/images/<fingerprint>/` address in `text` (a Markdown body),
    /// each once, in order.
    public static func fingerprints(inText text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let range = rest.range(of: prefix) {
            let candidate = rest[range.upperBound...].prefix(fingerprintLength + 1)
            let fingerprint = candidate.prefix(fingerprintLength)
            if candidate.count == fingerprintLength + 1, candidate.last == "/", isFingerprint(fingerprint),
                !found.contains(String(fingerprint))
            {
                found.append(String(fingerprint))
            }
            rest = rest[range.upperBound...]
        }
        return found
    }
}
