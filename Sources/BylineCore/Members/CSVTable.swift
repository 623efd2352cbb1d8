/// A CSV text (RFC 4180) read into records, each with the line it starts on, so a message about
/// a record can name the line a spreadsheet shows. Pure: the caller reads the file.
///
/// Accepted as spreadsheets write it: UTF-8 with or without a byte order mark, CRLF or LF (or a
/// lone CR) between records, quoted fields holding commas, doubled quotes and line breaks.
/// Lenient where a strict reader would refuse a file for a typo: a quote inside an unquoted
/// field, or text after a closing quote, is kept as written. Blank lines are skipped. Only a
/// quote that never closes is an error: it would swallow the rest of the file.
public struct CSVTable: Sendable, Sequence {
    /// One record: its fields, and the line (from 1) its first field is on.
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    private let bytes: [UInt8]

    public init(_ text: String) {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        self.bytes = bytes
    }

    /// Every record at once; for a large file, iterate instead and keep only what is needed.
    public func records() throws(CSVTableError) -> [Record] {
        var iterator = makeIterator()
        var records: [Record] = []
        while let record = try iterator.nextRecord() { records.append(record) }
        return records
    }

    public func makeIterator() -> Iterator { Iterator(bytes: bytes) }

    /// Reads one record per call; `next()` ends the sequence at an error, which
    /// ``nextRecord()`` throws.
    public struct Iterator: IteratorProtocol {
        private let bytes: [UInt8]
        private var position = 0
        private var line = 1
        /// The error that ended a `for` loop early, if any.
        public private(set) var error: CSVTableError?

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        public mutating func next() -> Record? {
            do {
                return try nextRecord()
            } catch {
                self.error = error
                return nil
            }
        }

        /// The next record that is not a blank line; nil at the end of the text.
        public mutating func nextRecord() throws(CSVTableError) -> Record? {
            while position < bytes.count {
                let start = line
                let fields = try readRecord()
                if fields.count == 1, fields[0].isEmpty { continue }
                return Record(line: start, fields: fields)
            }
            return nil
        }

        private static let quote = UInt8(ascii: "\"")
        private static let comma = UInt8(ascii: ",")
        private static let newline = UInt8(ascii: "\n")
        private static let carriageReturn = UInt8(ascii: "\r")

        /// Consumes a line break at `position` (CRLF counts once); false when there is none.
        private mutating func skipLineBreak() -> Bool {
            guard position < bytes.count else { return false }
            if bytes[position] == Self.carriageReturn {
                position += 1
                if position < bytes.count, bytes[position] == Self.newline { position += 1 }
            } else if bytes[position] == Self.newline {
                position += 1
            } else {
                return false
            }
            line += 1
            return true
        }

        private mutating func readRecord() throws(CSVTableError) -> [String] {
            var fields: [String] = []
            var field: [UInt8] = []
            while true {
                if position < bytes.count, bytes[position] == Self.quote {
                    try readQuoted(into: &field)
                }
                // Unquoted text, or what follows a closing quote, up to the field's end.
                while position < bytes.count {
                    let byte = bytes[position]
                    if byte == Self.comma || byte == Self.newline || byte == Self.carriageReturn { break }
                    field.append(byte)
                    position += 1
                }
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                if position < bytes.count, bytes[position] == Self.comma {
                    position += 1
                    continue
                }
                _ = skipLineBreak()
                return fields
            }
        }

        /// A quoted section: `""` is one quote; line breaks are kept as written.
        private mutating func readQuoted(into field: inout [UInt8]) throws(CSVTableError) {
            let opened = line
            position += 1
            while position < bytes.count {
                let byte = bytes[position]
                if byte == Self.quote {
                    if position + 1 < bytes.count, bytes[position + 1] == Self.quote {
                        field.append(Self.quote)
                        position += 2
                        continue
                    }
                    position += 1
                    return
                }
                if byte == Self.newline || byte == Self.carriageReturn {
                    let from = position
                    _ = skipLineBreak()
                    field.append(contentsOf: bytes[from..<position])
                    continue
                }
                field.append(byte)
                position += 1
            }
            throw .unterminatedQuote(line: opened)
        }
    }
}
