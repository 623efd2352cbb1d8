import Foundation

/// Plain share links: no scripts, no third-party requests until the reader clicks.
struct ShareView {
    /// The article's canonical address, for "Copy link" and the Web Share API.
    let url: String
    /// The article's title, for the Web Share API.
    let title: String
    let twitterUrl: String
    let facebookUrl: String
    let linkedinUrl: String
    let emailUrl: String
    let whatsappUrl: String
    let telegramUrl: String
    let blueskyUrl: String
    let redditUrl: String

    init(url: String, title: String) {
        let u = Self.encode(url)
        let t = Self.encode(title)
        // Networks that take one text field get the title and the address in it.
        let both = Self.encode("\(title) \(url)")
        self.url = url
        self.title = title
        self.twitterUrl = "https://twitter.com/intent/tweet?url=\(u)&text=\(t)"
        self.facebookUrl = "https://www.facebook.com/sharer/sharer.php?u=\(u)"
        self.linkedinUrl = "https://www.linkedin.com/sharing/share-offsite/?url=\(u)"
        self.emailUrl = "mailto:?subject=\(t)&body=\(u)"
        self.whatsappUrl = "https://wa.me/?text=\(both)"
        self.telegramUrl = "https://t.me/share/url?url=\(u)&text=\(t)"
        self.blueskyUrl = "https://bsky.app/intent/compose?text=\(both)"
        self.redditUrl = "https://www.reddit.com/submit?url=\(u)&title=\(t)"
    }

    /// `text` percent-encoded for a query value: everything but letters, digits and `-._~`.
    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
