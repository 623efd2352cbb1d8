import NIOCore

/// A message as it goes over the wire: its envelope, its own header block and the shared body,
/// both already dot-stuffed with CRLF line breaks. The client writes the two buffers one after
/// the other, without joining them.
public struct RenderedMail: Sendable {
    public let envelope: MailEnvelope
    /// `Date` to the extra headers, per recipient.
    public let header: ByteBuffer
    /// `MIME-Version` to the end, shared by every recipient of a newsletter.
    public let body: ByteBuffer

    public var byteCount: Int { header.readableBytes + body.readableBytes }

    /// The whole message as SMTP sends it (dot-stuffed); for tests and logs.
    public var bytes: [UInt8] {
        Array(header.readableBytesView) + Array(body.readableBytesView)
    }
}
