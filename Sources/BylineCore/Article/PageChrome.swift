/// Lines that belong to a web page around an article (subscribe prompts, share and comment
/// links) and that text copied from such a page carries along. They are never article text.
///
/// Only known chrome is dropped: the phrases below and "Discover more from <site>". A line that
/// merely starts like one ("Subscribe to the plan..." as a short paragraph) is article text.
public enum PageChrome {
    /// Whole-line phrases, compared after ``TitleKey`` normalisation and without end punctuation.
    static let phrases: Set<String> = [
        "subscribe to get the latest posts sent to your email",
        "share this article", "share this", "share this:", "share", "leave a comment",
        "leave a reply", "subscribe now to keep reading and get access to the full archive",
        "continue reading", "subscribe", "like this", "like this:", "like loading",
        "type your email", "type your email…", "related", "related posts", "advertisement",
        "click to share on x", "click to share on facebook", "click to print", "print",
        "you may also like", "comments", "post a comment", "sign in", "loading…", "loading...",
        "type your email...", "subscribe now", "share this post", "share this story",
        "subscribe to get the latest posts to your email", "keep reading", "read more",
        "click to share on twitter", "click to share on linkedin", "click to email a link to a friend",
    ]

    /// The one known prefix chrome: "Discover more from Scoop Hub" names the site it was copied from.
    static let prefixes = ["discover more from "]

    /// Non-space Unicode scalars beyond which a line cannot normalise to a phrase or a prefix
    /// line (80 characters; ``TitleKey`` maps characters one to one, and a character is at
    /// least one scalar, twice that for combining marks): body paragraphs skip the
    /// normalisation, the costly part of parsing a long file.
    static let maxChromeScalars = 160

    public static func isChrome(_ line: String) -> Bool {
        var solid = 0
        // Counting UTF-8 lead bytes counts scalars without decoding them.
        for byte in line.utf8 where byte != 0x20 && byte != 0x09 && byte & 0xC0 != 0x80 {
            solid += 1
            if solid > maxChromeScalars { return false }
        }
        var key = TitleKey.make(line)
        while let last = key.last, last == "." || last == "!" || last == "→" || last == ">" || last == " " {
            key.removeLast()
        }
        if key.isEmpty { return false }
        if phrases.contains(key) { return true }
        // Prefix matches only on short lines without clause punctuation, so a sentence survives.
        return key.count <= 80 && prefixes.contains { key.hasPrefix($0) }
            && !key.contains(where: { $0 == "," || $0 == ";" })
    }
}
