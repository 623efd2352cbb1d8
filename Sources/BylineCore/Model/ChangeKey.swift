/// What a stored change touched, in terms pages depend on. A page cache keeps, for each page,
/// the keys it was built from and drops it when a change names one of them: exact invalidation.
public enum ChangeKey: Hashable, Sendable, CustomStringConvertible {
    /// A post's own page (its text, title, slug, tags, author).
    case post(Int64)
    /// The home page and its pagination.
    case home
    case tag(Int64)
    case author(Int64)
    /// `/archive/`, feeds and the sitemap: every listing of all posts.
    case archive
    /// The posts whose READ ALSO names this title key: their link appears, moves or goes.
    case title(String)
    /// Site settings: every page.
    case site
    /// A member's access ended (account deleted or removed, signed out): no page depends on it;
    /// every node forgets the member sessions it held (``MemberAccessCache`` in BylineWeb).
    case memberAccess

    /// The stored form, one line per key.
    public var description: String {
        switch self {
        case .post(let id): "post:\(id)"
        case .home: "home"
        case .tag(let id): "tag:\(id)"
        case .author(let id): "author:\(id)"
        case .archive: "archive"
        case .title(let key): "title:\(key)"
        case .site: "site"
        case .memberAccess: "member-access"
        }
    }

    public init?(_ text: some StringProtocol) {
        let (kind, value) =
            text.firstIndex(of: ":").map { (text[..<$0], String(text[text.index(after: $0)...])) }
            ?? (text[...], "")
        switch kind {
        case "post":
            guard let id = Int64(value) else { return nil }
            self = .post(id)
        case "tag":
            guard let id = Int64(value) else { return nil }
            self = .tag(id)
        case "author":
            guard let id = Int64(value) else { return nil }
            self = .author(id)
        case "title": self = .title(value)
        case "home": self = .home
        case "archive": self = .archive
        case "site": self = .site
        case "member-access": self = .memberAccess
        default: return nil
        }
    }

    /// Keys joined for storage (titles may contain spaces, never newlines).
    public static func encode(_ keys: Set<ChangeKey>) -> String {
        keys.map(\.description).sorted().joined(separator: "\n")
    }

    public static func decode(_ text: String) -> Set<ChangeKey> {
        Set(text.split(separator: "\n").compactMap { ChangeKey($0) })
    }
}

/// One committed write, as other nodes and processes learn of it.
public struct StoreChange: Sendable, Equatable {
    /// Increases with every change; a reader remembers the last one it applied.
    public var sequence: Int64
    public var keys: Set<ChangeKey>

    public init(sequence: Int64, keys: Set<ChangeKey>) {
        self.sequence = sequence
        self.keys = keys
    }
}
