/// The SQL dialects Byline speaks.
public enum SQLDialect: String, Sendable {
    case sqlite
    case postgres
}

/// One SQL statement with its values kept apart from its text, written once for both engines:
///
/// ```swift
/// let query: SQL = "SELECT id FROM posts WHERE slug = \(slug) AND published_at <= \(now)"
/// ```
///
/// Interpolated values become bound parameters (`?` for SQLite, `$n` for PostgreSQL), never
/// text. `\(raw:)` inserts trusted SQL text (column lists, table names from code), `\(list:)` a
/// parenthesised list of parameters, `\(sqlite:postgres:)` the few places where the engines
/// truly differ, and an interpolated ``SQL`` is embedded with its values.
public struct SQL: Sendable, ExpressibleByStringInterpolation {
    enum Fragment: Sendable {
        case text(String)
        case value(SQLValue)
        case dialect(sqlite: String, postgres: String)
    }

    private(set) var fragments: [Fragment]

    init(fragments: [Fragment]) {
        self.fragments = fragments
    }

    public init(stringLiteral value: String) {
        fragments = [.text(value)]
    }

    public init(stringInterpolation: StringInterpolation) {
        fragments = stringInterpolation.fragments
    }

    public struct StringInterpolation: StringInterpolationProtocol, Sendable {
        var fragments: [Fragment] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            fragments.reserveCapacity(interpolationCount * 2 + 1)
        }

        public mutating func appendLiteral(_ literal: String) {
            fragments.append(.text(literal))
        }

        /// A bound parameter.
        public mutating func appendInterpolation(_ value: some SQLBindable) {
            fragments.append(.value(value.sqlValue))
        }

        /// Trusted SQL text, never user input.
        public mutating func appendInterpolation(raw text: String) {
            fragments.append(.text(text))
        }

        /// Another statement's text and values.
        public mutating func appendInterpolation(_ sql: SQL) {
            fragments.append(contentsOf: sql.fragments)
        }

        /// `(p1, p2, ...)`; `(NULL)` for no values, which matches nothing in `IN`.
        public mutating func appendInterpolation(list values: [some SQLBindable]) {
            guard !values.isEmpty else {
                fragments.append(.text("(NULL)"))
                return
            }
            fragments.append(.text("("))
            for (index, value) in values.enumerated() {
                if index > 0 { fragments.append(.text(", ")) }
                fragments.append(.value(value.sqlValue))
            }
            fragments.append(.text(")"))
        }

        /// Text that differs between the engines.
        public mutating func appendInterpolation(sqlite: String, postgres: String) {
            fragments.append(.dialect(sqlite: sqlite, postgres: postgres))
        }
    }

    /// The statement's text for `dialect` and its values in parameter order.
    public func rendered(for dialect: SQLDialect) -> (text: String, values: [SQLValue]) {
        var text = ""
        var values: [SQLValue] = []
        for fragment in fragments {
            switch fragment {
            case .text(let part):
                text += part
            case .value(let value):
                values.append(value)
                text += dialect == .sqlite ? "?" : "$\(values.count)"
            case .dialect(let sqlite, let postgres):
                text += dialect == .sqlite ? sqlite : postgres
            }
        }
        return (text, values)
    }

    public static func + (lhs: SQL, rhs: SQL) -> SQL {
        SQL(fragments: lhs.fragments + rhs.fragments)
    }

    /// The parts joined by `separator`, e.g. conditions by `" AND "`.
    public static func joined(_ parts: [SQL], separator: String) -> SQL {
        var fragments: [Fragment] = []
        for (index, part) in parts.enumerated() {
            if index > 0 { fragments.append(.text(separator)) }
            fragments.append(contentsOf: part.fragments)
        }
        return SQL(fragments: fragments)
    }
}
