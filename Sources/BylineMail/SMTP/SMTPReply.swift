/// A server's reply: the three-digit code and the text of each line (`250-...` continuations
/// joined). The first digit says what happened: 2 done, 3 go on, 4 try later, 5 never.
public struct SMTPReply: Sendable, Hashable, CustomStringConvertible {
    public let code: Int
    public let lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    public var isPositive: Bool { code >= 200 && code < 400 }
    /// 4xx: the server may accept the same command later.
    public var isTemporary: Bool { code >= 400 && code < 500 }
    /// 5xx: the server will not accept it.
    public var isPermanent: Bool { code >= 500 }

    public var text: String { lines.joined(separator: " ") }
    public var description: String { "\(code) \(text)" }
}
