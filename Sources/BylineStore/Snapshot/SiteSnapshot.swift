import BylineCore
import Foundation

/// A whole site's content, row for row with ids kept, as engine-neutral values: what
/// `byline migrate-store` copies from one store to another and verifies.
public struct SiteSnapshot: Codable, Sendable, Equatable {
    public struct AuthorRecord: Codable, Sendable, Equatable {
        public var id: Int64
        public var name: String
        public var nameKey: String
        public var slug: String
        public var bio: String
        public var userID: Int64?
        public var createdAt: Date
        public var updatedAt: Date
    }

    public struct TagRecord: Codable, Sendable, Equatable {
        public var id: Int64
        public var name: String
        public var nameKey: String
        public var slug: String
        public var description: String
        public var createdAt: Date
    }

    public struct PostRecord: Codable, Sendable, Equatable {
        public var id: Int64
        public var title: String
        public var titleKey: String
        public var slug: String
        public var body: String
        public var excerpt: String
        public var status: String
        public var visibility: String
        public var publishedAt: Date?
        public var createdAt: Date
        public var updatedAt: Date
        public var authorID: Int64
        public var statedReadingMinutes: Int?
        public var readingMinutes: Int
    }

    public struct PostTagRecord: Codable, Sendable, Equatable {
        public var postID: Int64
        public var tagID: Int64
        public var position: Int
    }

    public struct RedirectRecord: Codable, Sendable, Equatable {
        public var oldSlug: String
        public var postID: Int64
        public var createdAt: Date
    }

    public var settings: [String: String]
    public var authors: [AuthorRecord]
    public var tags: [TagRecord]
    public var posts: [PostRecord]
    public var postTags: [PostTagRecord]
    public var redirects: [RedirectRecord]

    public init(
        settings: [String: String], authors: [AuthorRecord], tags: [TagRecord], posts: [PostRecord],
        postTags: [PostTagRecord], redirects: [RedirectRecord]
    ) {
        self.settings = settings
        self.authors = authors.sorted { $0.id < $1.id }
        self.tags = tags.sorted { $0.id < $1.id }
        self.posts = posts.sorted { $0.id < $1.id }
        self.postTags = postTags.sorted { ($0.postID, $0.tagID) < ($1.postID, $1.tagID) }
        self.redirects = redirects.sorted { $0.oldSlug < $1.oldSlug }
    }

    /// Rows per table, for the copy's report.
    public var rowCounts: [(table: String, rows: Int)] {
        [
            ("settings", settings.count), ("authors", authors.count), ("tags", tags.count), ("posts", posts.count),
            ("post_tags", postTags.count), ("slug_redirects", redirects.count),
        ]
    }

    public var isEmpty: Bool { rowCounts.allSatisfy { $0.rows == 0 } }

    /// A checksum of every value, with times to the millisecond (the finest both engines keep):
    /// equal checksums mean the copy holds the same content.
    public func checksum() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Whole milliseconds: SQLite keeps milliseconds, PostgreSQL microseconds.
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Int64((date.timeIntervalSince1970 * 1000).rounded()))
        }
        let data = (try? encoder.encode(self)) ?? Data()
        return ContentHash.hex([UInt8](data))
    }
}
