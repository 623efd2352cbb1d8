/// What the server's EHLO reply offers; decides STARTTLS, AUTH, pipelining and the size check.
public struct SMTPServerCapabilities: Sendable, Hashable {
    public let startTLS: Bool
    public let pipelining: Bool
    /// Upper-cased mechanism names from the `AUTH` line.
    public let authMechanisms: [String]
    /// The `SIZE` limit in bytes, when the server states one.
    public let sizeLimit: Int?

    public init(ehlo reply: SMTPReply) {
        var startTLS = false
        var pipelining = false
        var mechanisms: [String] = []
        var sizeLimit: Int?
        // The first line greets by name; each further line is one extension.
        for line in reply.lines.dropFirst() {
            let words = line.uppercased().split(separator: " ")
            guard let keyword = words.first else { continue }
            switch keyword {
            case "STARTTLS": startTLS = true
            case "PIPELINING": pipelining = true
            case "AUTH": mechanisms += words.dropFirst().map(String.init)
            case "SIZE": sizeLimit = words.dropFirst().first.flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
            default: break
            }
        }
        self.startTLS = startTLS
        self.pipelining = pipelining
        self.authMechanisms = mechanisms
        self.sizeLimit = sizeLimit
    }
}
