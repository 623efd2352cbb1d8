import NIOCore

/// Turns the server's bytes into ``SMTPReply`` values: lines end with CRLF (a bare LF is
/// accepted), `250-` continues a reply and `250 ` ends it. Lines longer than 4 KiB are refused
/// rather than buffered without bound.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply
    static let maxLineLength = 4096
    private var lines: [String] = []

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let lineFeed = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maxLineLength {
                throw SMTPError.protocolViolation("a reply line longer than \(Self.maxLineLength) bytes")
            }
            return .needMoreData
        }
        let length = lineFeed - buffer.readerIndex + 1
        var line = buffer.readBytes(length: length)!
        line.removeLast()
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        guard line.count >= 3, line[0...2].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            line.count == 3 || line[3] == UInt8(ascii: " ") || line[3] == UInt8(ascii: "-")
        else {
            throw SMTPError.protocolViolation("\"\(String(decoding: line.prefix(80), as: UTF8.self))\"")
        }
        let code = Int(String(decoding: line[0...2], as: UTF8.self))!
        lines.append(line.count > 4 ? String(decoding: line[4...], as: UTF8.self) : "")
        if line.count > 3 && line[3] == UInt8(ascii: "-") { return .continue }
        let reply = SMTPReply(code: code, lines: lines)
        lines = []
        context.fireChannelRead(wrapInboundOut(reply))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws
        -> DecodingState
    {
        while try decode(context: context, buffer: &buffer) == .continue, buffer.readableBytes > 0 {}
        return .needMoreData
    }
}
