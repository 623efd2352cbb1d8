import BylineWeb
import Foundation

/// Reads the small subset of YAML that `openapi/admin-api.yaml` is written in, so the tests can
/// check the spec against the server without a YAML library: block mappings and sequences
/// indented by spaces, one-line plain or quoted scalars, and flow collections (`[a, b]`,
/// `{type: [integer, 'null']}`), which may nest. Anything else (tabs, block scalars `|` `>`,
/// anchors, multi-line scalars, comments after a value) is refused with its line number, so the
/// spec cannot drift into YAML this reader would misread.
enum MiniYAML {
    struct SyntaxError: Error, CustomStringConvertible {
        let line: Int
        let reason: String
        var description: String { "openapi YAML line \(line): \(reason)" }
    }

    private struct Line {
        let number: Int
        let indent: Int
        let text: Substring
    }

    static func parse(_ source: String) throws -> JSONValue {
        var lines: [Line] = []
        for (index, raw) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let raw = raw.last == "\r" ? raw.dropLast() : raw
            if raw.contains("\t") { throw SyntaxError(line: index + 1, reason: "tabs are not YAML indentation") }
            let text = raw.drop(while: { $0 == " " })
            if text.isEmpty || text.hasPrefix("#") { continue }
            lines.append(Line(number: index + 1, indent: raw.count - text.count, text: text))
        }
        var reader = BlockReader(lines: lines)
        guard let first = lines.first else { return .null }
        let value = try reader.block(indent: first.indent)
        if reader.position < lines.count {
            throw SyntaxError(line: lines[reader.position].number, reason: "unexpected indentation")
        }
        return value
    }

    private struct BlockReader {
        var lines: [Line]
        var position = 0

        mutating func block(indent: Int) throws -> JSONValue {
            let line = lines[position]
            return line.text == "-" || line.text.hasPrefix("- ")
                ? try sequence(indent: indent) : try mapping(indent: indent)
        }

        mutating func sequence(indent: Int) throws -> JSONValue {
            var items: [JSONValue] = []
            while position < lines.count, lines[position].indent == indent,
                lines[position].text == "-" || lines[position].text.hasPrefix("- ")
            {
                let line = lines[position]
                let rest = line.text.dropFirst().drop(while: { $0 == " " })
                if rest.isEmpty {
                    position += 1
                    items.append(try child(of: line))
                } else if MiniYAML.mappingKey(in: rest) != nil {
                    // "- key: value": a mapping whose first entry shares the dash's line.
                    let nested = indent + (line.text.count - rest.count)
                    lines[position] = Line(number: line.number, indent: nested, text: rest)
                    items.append(try mapping(indent: nested))
                } else {
                    position += 1
                    items.append(try MiniYAML.inline(rest, line: line.number))
                }
            }
            return .array(items)
        }

        mutating func mapping(indent: Int) throws -> JSONValue {
            var object: [String: JSONValue] = [:]
            while position < lines.count, lines[position].indent == indent {
                let line = lines[position]
                guard let (key, rest) = MiniYAML.mappingKey(in: line.text) else {
                    throw SyntaxError(line: line.number, reason: "expected \"key: value\"")
                }
                if object[key] != nil { throw SyntaxError(line: line.number, reason: "duplicate key \(key)") }
                position += 1
                object[key] = rest.isEmpty ? try child(of: line) : try MiniYAML.inline(rest, line: line.number)
            }
            if position < lines.count, lines[position].indent > indent {
                throw SyntaxError(line: lines[position].number, reason: "unexpected indentation")
            }
            return .object(object)
        }

        /// The block under a `key:` or `-` line; null when nothing is indented under it.
        mutating func child(of line: Line) throws -> JSONValue {
            guard position < lines.count, lines[position].indent > line.indent else { return .null }
            return try block(indent: lines[position].indent)
        }
    }

    /// `key: rest` (or `key:` with an empty rest), the key plain or quoted; nil when the text
    /// is not a mapping entry.
    static func mappingKey(in text: Substring) -> (String, Substring)? {
        var scanner = FlowScanner(text: text, line: 0)
        let key: String
        if text.first == "'" || text.first == "\"" {
            guard let quoted = try? scanner.quoted() else { return nil }
            key = quoted
        } else {
            let end = text.hasSuffix(":") ? text.index(before: text.endIndex) : nil
            guard text.first != "[", text.first != "{", let colon = text.firstRange(of: ": ")?.lowerBound ?? end
            else { return nil }
            key = String(text[..<colon])
            scanner.index = colon
        }
        guard scanner.index < text.endIndex, text[scanner.index] == ":" else { return nil }
        let rest = text[text.index(after: scanner.index)...].drop(while: { $0 == " " })
        return (key, rest)
    }

    /// A one-line value: a flow collection, a quoted string or a plain scalar.
    static func inline(_ text: Substring, line: Int) throws -> JSONValue {
        if let first = text.first, "|>&*!%@`".contains(first) {
            throw SyntaxError(line: line, reason: "block scalars, anchors, aliases and tags are not supported")
        }
        var scanner = FlowScanner(text: text, line: line)
        let value = try scanner.value(inFlow: false)
        scanner.skipSpaces()
        guard scanner.index == text.endIndex else {
            throw SyntaxError(line: line, reason: "unexpected text after the value: \(text[scanner.index...])")
        }
        return value
    }

    /// A plain scalar's value: YAML's core schema (null, booleans, numbers), else a string.
    static func plain(_ text: String) -> JSONValue {
        switch text {
        case "null", "~": return .null
        case "true": return .bool(true)
        case "false": return .bool(false)
        default:
            if let number = Double(text), text.first?.isNumber == true || text.first == "-" { return .number(number) }
            return .string(text)
        }
    }

    private struct FlowScanner {
        let text: Substring
        let line: Int
        var index: Substring.Index

        init(text: Substring, line: Int) {
            self.text = text
            self.line = line
            self.index = text.startIndex
        }

        var current: Character? { index < text.endIndex ? text[index] : nil }

        mutating func skipSpaces() {
            while current == " " { index = text.index(after: index) }
        }

        mutating func expect(_ character: Character) throws {
            skipSpaces()
            guard current == character else { throw SyntaxError(line: line, reason: "expected \"\(character)\"") }
            index = text.index(after: index)
        }

        mutating func value(inFlow: Bool) throws -> JSONValue {
            skipSpaces()
            switch current {
            case "[": return try sequence()
            case "{": return try mapping()
            case "'", "\"": return .string(try quoted())
            default: return MiniYAML.plain(try plainText(inFlow: inFlow))
            }
        }

        mutating func sequence() throws -> JSONValue {
            try expect("[")
            var items: [JSONValue] = []
            skipSpaces()
            if current == "]" {
                index = text.index(after: index)
                return .array(items)
            }
            while true {
                items.append(try value(inFlow: true))
                skipSpaces()
                if current == "," {
                    index = text.index(after: index)
                    continue
                }
                try expect("]")
                return .array(items)
            }
        }

        mutating func mapping() throws -> JSONValue {
            try expect("{")
            var object: [String: JSONValue] = [:]
            skipSpaces()
            if current == "}" {
                index = text.index(after: index)
                return .object(object)
            }
            while true {
                skipSpaces()
                let key: String
                if current == "'" || current == "\"" {
                    key = try quoted()
                } else {
                    key = try plainText(inFlow: true, stopAtColon: true)
                }
                try expect(":")
                object[key] = try value(inFlow: true)
                skipSpaces()
                if current == "," {
                    index = text.index(after: index)
                    continue
                }
                try expect("}")
                return .object(object)
            }
        }

        /// 'single' (`''` is a quote) or "double" (with backslash escapes).
        mutating func quoted() throws -> String {
            let quote = current!
            index = text.index(after: index)
            var result = ""
            while let character = current {
                index = text.index(after: index)
                if character == quote {
                    if quote == "'", current == "'" {
                        result.append("'")
                        index = text.index(after: index)
                        continue
                    }
                    return result
                }
                if quote == "\"", character == "\\", let escaped = current {
                    index = text.index(after: index)
                    result.append(escaped == "n" ? "\n" : escaped)
                    continue
                }
                result.append(character)
            }
            throw SyntaxError(line: line, reason: "unterminated quoted string")
        }

        /// Up to the end of the line (block) or the next `,` `]` `}` (flow); `: ` ends a flow key.
        mutating func plainText(inFlow: Bool, stopAtColon: Bool = false) throws -> String {
            let start = index
            while let character = current {
                if inFlow, ",]}".contains(character) { break }
                if stopAtColon, character == ":" { break }
                if character == "#", index > start, text[text.index(before: index)] == " " {
                    throw SyntaxError(line: line, reason: "comments after a value are not supported")
                }
                index = text.index(after: index)
            }
            let value = text[start..<index].trimmingCharacters(in: .whitespaces)
            if value.isEmpty { throw SyntaxError(line: line, reason: "expected a value") }
            return value
        }
    }
}
