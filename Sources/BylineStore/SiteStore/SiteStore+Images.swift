import BylineCore
import Foundation

/// Uploaded images, written once for both engines (see ``ImageStoring``).
extension SiteStore: ImageStoring {
    static let imageColumns = "id, fingerprint, name, format, width, height"

    public func saveImage(_ upload: ImageUpload) async throws -> (image: StoredImage, created: Bool) {
        let now = clock.now()
        return try await engine.longWrite { db in
            let variantBytes = upload.variants.reduce(0) { $0 + $1.bytes.count }
            // Two nodes storing the same bytes at once: the second finds the first's row.
            let inserted: Int64? = try db.value(
                """
                INSERT INTO images (fingerprint, name, original_filename, format, width, height, original_bytes,
                    variant_bytes, uploaded_by, created_at)
                VALUES (\(upload.fingerprint), \(upload.name), \(upload.originalFilename), \(upload.format),
                    \(upload.width), \(upload.height), \(upload.original.count), \(variantBytes), \(upload.uploadedBy),
                    \(now))
                ON CONFLICT (fingerprint) DO NOTHING RETURNING id
                """)
            guard let id = inserted else {
                guard
                    let row = try db.fetchOne(
                        "SELECT \(raw: Self.imageColumns) FROM images WHERE fingerprint = \(upload.fingerprint)")
                else { throw StoreError.invalidInput("the image \(upload.fingerprint) vanished while saving") }
                return (try Self.storedImage(row), false)
            }
            try db.execute(
                """
                INSERT INTO image_files (image_id, kind, width, height, format, bytes)
                VALUES (\(id), 'original', \(upload.width), \(upload.height), \(upload.format), \(upload.original))
                """)
            for file in upload.variants {
                try db.execute(
                    """
                    INSERT INTO image_files (image_id, kind, width, height, format, bytes)
                    VALUES (\(id), 'variant', \(file.width), \(file.height), \(file.format), \(file.bytes))
                    """)
            }
            let image = StoredImage(
                id: id, fingerprint: upload.fingerprint, name: upload.name, originalExtension: upload.format,
                width: upload.width, height: upload.height)
            return (image, true)
        }
    }

    public func image(fingerprint: String) async throws -> StoredImage? {
        try await images(fingerprints: [fingerprint])[fingerprint]
    }

    public func image(id: Int64) async throws -> StoredImage? {
        try await images(ids: [id])[id]
    }

    public func images(fingerprints: [String]) async throws -> [String: StoredImage] {
        guard !fingerprints.isEmpty else { return [:] }
        let rows = try await engine.read { db in
            try db.fetchAll(
                "SELECT \(raw: Self.imageColumns) FROM images WHERE fingerprint IN \(list: Array(Set(fingerprints)))"
            ).map(Self.storedImage)
        }
        return Dictionary(rows.map { ($0.fingerprint, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func images(ids: [Int64]) async throws -> [Int64: StoredImage] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await engine.read { db in
            try db.fetchAll("SELECT \(raw: Self.imageColumns) FROM images WHERE id IN \(list: Array(Set(ids)))").map(
                Self.storedImage)
        }
        return Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func imageFile(fingerprint: String, width: Int?, format: String) async throws -> Data? {
        try await engine.read { db in
            let file: SQL =
                if let width {
                    "f.kind = 'variant' AND f.width = \(width) AND f.format = \(format)"
                } else {
                    "f.kind = 'original' AND f.format = \(format)"
                }
            return try db.value(
                """
                SELECT f.bytes FROM image_files f JOIN images i ON i.id = f.image_id
                WHERE i.fingerprint = \(fingerprint) AND \(file)
                """, as: Data.self)
        }
    }

    public func recentImages(limit: Int) async throws -> [StoredImage] {
        try await engine.read { db in
            try db.fetchAll("SELECT \(raw: Self.imageColumns) FROM images ORDER BY id DESC LIMIT \(limit)").map(
                Self.storedImage)
        }
    }

    public func setAuthorImage(authorID: Int64, imageID: Int64?) async throws -> Set<ChangeKey> {
        let now = clock.now()
        return try await engine.write { db in
            if let imageID, try db.value("SELECT 1 FROM images WHERE id = \(imageID)", as: Int.self) == nil {
                throw StoreError.notFound("image \(imageID)")
            }
            guard try db.value("SELECT 1 FROM authors WHERE id = \(authorID)", as: Int.self) != nil else {
                throw StoreError.notFound("author \(authorID)")
            }
            try db.execute("UPDATE authors SET image_id = \(imageID), updated_at = \(now) WHERE id = \(authorID)")
            // The author's page and every article whose byline shows the picture.
            let touched = TouchedKeys.profileEdit(.author(authorID), renamed: false)
            try Self.recordChange(db, touched, now: now)
            return touched
        }
    }

    static func storedImage(_ row: SQLRow) throws -> StoredImage {
        StoredImage(
            id: try row["id"], fingerprint: try row["fingerprint"], name: try row["name"],
            originalExtension: try row["format"], width: try row["width"], height: try row["height"])
    }
}

extension SiteStore {
    /// The stored images a Markdown body shows (`](/images/<fingerprint>/...`), so its
    /// rendering can give them sizes (``MarkdownRenderer``). Images never change once stored,
    /// so reading them before the write's transaction is as good as inside it.
    func bodyImages(_ markdown: String) async throws -> [String: StoredImage] {
        let fingerprints = ImagePath.fingerprints(inText: markdown)
        return fingerprints.isEmpty ? [:] : try await images(fingerprints: fingerprints)
    }
}
