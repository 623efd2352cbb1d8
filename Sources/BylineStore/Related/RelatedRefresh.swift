import BylineCore
import Foundation

/// One batch of ``RelatedLists/refreshRelatedLists(limit:)`` inside its write transaction:
/// brings a marked post's term vector and postings up to date, ranks its candidates and stores
/// its list, and marks the neighbours whose lists it may change.
///
/// Bounded at any size: candidates are each of the post's tags' newest posts plus the newest
/// posts holding its weightiest terms (``candidateLimit`` in all), found by index ranges; terms held
/// by more than ``commonTermShare`` of all posts never find candidates (their postings would be
/// arbitrary posts), though they still weigh in a score. Document frequencies come from
/// `related_term_counts`, kept with the postings, so no query ever counts over all posts.
struct RelatedRefresh {
    static let postsPerTag = 60
    static let postingsPerTerm = 100
    static let termsSearched = 10
    static let candidateLimit = 200
    /// A term in more than this share of posts (and more than ``commonTermFloor``) finds no candidates.
    static let commonTermShare = 0.05
    static let commonTermFloor = 50
    /// A changed post's best matches whose lists it may now enter.
    static let fanOut = 10
    /// Lists naming a changed post that are recomputed (it may have left them or moved).
    static let reverseFanOut = 50
    /// The `related_term_counts` row holding how many posts are indexed (no term is empty).
    static let documentCountTerm = ""

    let db: any SQLConnection
    /// Document frequencies read so far in this batch; a term's entry goes when its count changes.
    var frequencies: [String: Int] = [:]

    init(db: any SQLConnection) {
        self.db = db
    }

    /// Refreshes post `id`; `changed`: the post itself changed (not only a neighbour), so its
    /// vector is computed again and its neighbours hear of it. Returns the posts whose lists
    /// changed (its own, and neighbours' it entered).
    mutating func refresh(_ id: Int64, changed: Bool) throws -> Set<Int64> {
        let row = try db.fetchOne("SELECT id, title, body, status FROM posts WHERE id = \(id)")
        let isPublished = try row.map { try $0["status"] as String == PostStatus.published.rawValue } ?? false
        let stored = try db.value("SELECT terms FROM related_vectors WHERE post_id = \(id)", as: String.self)
            .map(TermVector.init(encoded:))
        var vector: TermVector?
        if let row, isPublished {
            if changed || stored == nil {
                let tags = try db.fetchAll(
                    """
                    SELECT t.name FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
                    WHERE pt.post_id = \(id) ORDER BY pt.position
                    """
                ).map { try $0.value(at: 0) as String }
                // Its terms that say most by today's counts: shared, but not by every post.
                let counts = TermVector.counts(title: try row["title"], tags: tags, body: try row["body"])
                try loadFrequencies(Array(counts.keys) + [Self.documentCountTerm])
                let ranking = RelatedRanking(
                    documentFrequency: frequencies, documentCount: frequencies[Self.documentCountTerm] ?? 1)
                vector = TermVector(counts: counts, score: ranking.selectionWeight)
            } else {
                vector = stored
            }
        }
        if vector?.isEmpty == true { vector = nil }
        try reindex(id, from: stored, to: vector)
        let previous = try db.fetchAll(
            "SELECT related_id, score FROM related_posts WHERE post_id = \(id) ORDER BY rank"
        ).map { RelatedRanking.Match(id: try $0["related_id"], score: try $0["score"]) }
        guard let vector else {
            // Gone from readers: its list goes, and the lists naming it are recomputed without it.
            if !previous.isEmpty { try db.execute("DELETE FROM related_posts WHERE post_id = \(id)") }
            if changed { try markNeighbours(try listsNaming(id)) }
            return []
        }
        let matches = try rank(id, vector)
        let listChanged = matches.map(\.id) != previous.map(\.id)
        if listChanged || zip(matches, previous).contains(where: { abs($0.score - $1.score) > 1e-9 }) {
            try db.execute("DELETE FROM related_posts WHERE post_id = \(id)")
            try insertList(id, matches)
        }
        var lists: Set<Int64> = listChanged ? [id] : []
        if changed { lists.formUnion(try fanOut(from: id, vector: vector, matches: matches)) }
        return lists
    }

    /// The stored list of post `id`'s best matches among its candidates.
    mutating func rank(_ id: Int64, _ vector: TermVector) throws -> [RelatedRanking.Match] {
        try loadFrequencies(vector.terms + [Self.documentCountTerm])
        let documents = frequencies[Self.documentCountTerm] ?? 1
        let ranking = RelatedRanking(documentFrequency: frequencies, documentCount: documents)
        var candidates: [Int64] = []
        var seen: Set<Int64> = [id]
        // Each tag's newest posts: an index range per tag.
        let tagIDs = try db.fetchAll("SELECT tag_id FROM post_tags WHERE post_id = \(id)").map {
            try $0.value(at: 0) as Int64
        }
        for tagID in tagIDs {
            let rows = try db.fetchAll(
                """
                SELECT post_id FROM post_tags WHERE tag_id = \(tagID) AND status = 'published'
                ORDER BY published_at DESC, post_id DESC LIMIT \(Self.postsPerTag)
                """)
            for row in rows {
                let candidate: Int64 = try row.value(at: 0)
                if seen.insert(candidate).inserted { candidates.append(candidate) }
            }
        }
        // The newest posts holding the terms that weigh most in its vector (TF-IDF), those
        // sharing most of them first. A term only this post holds finds nothing; one held by
        // many finds arbitrary posts.
        let common = max(Self.commonTermFloor, Int(Double(documents) * Self.commonTermShare))
        let weights = ranking.normalized(vector)
        let searched = vector.terms.filter { (2...max(common, 2)).contains(frequencies[$0] ?? 0) }
            .sorted { (weights[$0] ?? 0, $1) > (weights[$1] ?? 0, $0) }.prefix(Self.termsSearched)
        var shared: [Int64: Double] = [:]
        for term in searched {
            let rows = try db.fetchAll(
                """
                SELECT post_id FROM related_terms WHERE term = \(term)
                ORDER BY post_id DESC LIMIT \(Self.postingsPerTerm)
                """)
            let weight = ranking.inverseFrequency(term)
            for row in rows {
                let candidate: Int64 = try row.value(at: 0)
                if !seen.contains(candidate) { shared[candidate, default: 0] += weight }
            }
        }
        let byShared = shared.sorted { ($0.value, $0.key) > ($1.value, $1.key) }.map(\.key)
        candidates += byShared.prefix(max(0, Self.candidateLimit - candidates.count))
        guard !candidates.isEmpty else { return [] }
        let vectors = try db.fetchAll(
            """
            SELECT v.post_id, v.terms FROM related_vectors v JOIN posts p ON p.id = v.post_id
            WHERE v.post_id IN \(list: candidates) AND p.status = 'published'
            """
        ).map { (id: try $0["post_id"] as Int64, vector: TermVector(encoded: try $0["terms"])) }
        try loadFrequencies(Array(Set(vectors.flatMap(\.vector.terms))))
        return RelatedRanking(documentFrequency: frequencies, documentCount: documents)
            .rank(id, vector, among: vectors, limit: RelatedStories.listLength)
    }

    /// Makes the postings and counts of post `id` those of `new` (nil: not indexed).
    mutating func reindex(_ id: Int64, from old: TermVector?, to new: TermVector?) throws {
        guard old != new else { return }
        let oldTerms = Set(old?.terms ?? [])
        let newTerms = Set(new?.terms ?? [])
        // In term order, so two batches running at once on PostgreSQL lock counts in one order;
        // one statement for all the terms (at most ``TermVector/termLimit``), not one each: a
        // round trip per term made a bulk import's refresh mostly wait on the database.
        let removed = oldTerms.subtracting(newTerms).sorted()
        if !removed.isEmpty {
            try db.execute("DELETE FROM related_terms WHERE post_id = \(id) AND term IN \(list: removed)")
            try adjustCounts(removed, by: -1)
        }
        let added = newTerms.subtracting(oldTerms).sorted()
        if !added.isEmpty {
            let rows = added.map { term -> SQL in "(\(term), \(id))" }
            try db.execute(
                "INSERT INTO related_terms (term, post_id) VALUES " + SQL.joined(rows, separator: ", ")
                    + " ON CONFLICT DO NOTHING")
            try adjustCounts(added, by: 1)
        }
        if (old == nil) != (new == nil) { try adjustCounts([Self.documentCountTerm], by: new == nil ? -1 : 1) }
        if let new {
            try db.execute(
                """
                INSERT INTO related_vectors (post_id, terms) VALUES (\(id), \(new.encoded))
                ON CONFLICT (post_id) DO UPDATE SET terms = excluded.terms
                """)
        } else {
            try db.execute("DELETE FROM related_vectors WHERE post_id = \(id)")
        }
    }

    /// Adds `delta` to the counts of `terms` (distinct, sorted), one statement.
    mutating func adjustCounts(_ terms: [String], by delta: Int) throws {
        guard !terms.isEmpty else { return }
        let rows = terms.map { term -> SQL in "(\(term), \(max(delta, 0)))" }
        try db.execute(
            "INSERT INTO related_term_counts (term, posts) VALUES " + SQL.joined(rows, separator: ", ")
                + " ON CONFLICT (term) DO UPDATE SET posts = related_term_counts.posts + \(delta)")
        for term in terms { frequencies[term] = nil }
    }

    /// Stores `matches` as post `id`'s list, in rank order: one statement.
    func insertList(_ id: Int64, _ matches: [RelatedRanking.Match]) throws {
        guard !matches.isEmpty else { return }
        let rows = matches.enumerated().map { rank, match -> SQL in "(\(id), \(rank), \(match.id), \(match.score))" }
        try db.execute(
            "INSERT INTO related_posts (post_id, rank, related_id, score) VALUES " + SQL.joined(rows, separator: ", "))
    }

    /// Reads the document frequencies of `terms` not read yet in this batch.
    mutating func loadFrequencies(_ terms: [String]) throws {
        let missing = terms.filter { frequencies[$0] == nil }
        guard !missing.isEmpty else { return }
        var start = 0
        while start < missing.count {
            let chunk = Array(missing[start..<min(start + 500, missing.count)])
            for term in chunk { frequencies[term] = 0 }
            for row in try db.fetchAll("SELECT term, posts FROM related_term_counts WHERE term IN \(list: chunk)") {
                frequencies[try row["term"]] = try row["posts"]
            }
            start += chunk.count
        }
    }

    /// Posts whose lists name post `id` (at most ``reverseFanOut``).
    func listsNaming(_ id: Int64) throws -> [Int64] {
        try db.fetchAll(
            "SELECT post_id FROM related_posts WHERE related_id = \(id) ORDER BY post_id LIMIT \(Self.reverseFanOut)"
        ).map { try $0.value(at: 0) as Int64 }
    }

    /// Brings the neighbours of a changed post up to date; returns those whose lists changed.
    ///
    /// Lists naming it now (it may have moved in them or left them) are marked for a full
    /// recompute. Lists it may enter, its best matches', are ranked again in place among their
    /// current entries and it, by today's counts (the stored scores may be older): a few stored
    /// vectors, no candidate search. A bulk import so costs one full ranking per post, not one
    /// per neighbour. Neighbours never fan out themselves: one change touches at most
    /// ``fanOut`` + ``reverseFanOut`` lists.
    mutating func fanOut(from id: Int64, vector: TermVector, matches: [RelatedRanking.Match]) throws -> Set<Int64> {
        let naming = try listsNaming(id)
        try markNeighbours(naming)
        let best = matches.prefix(Self.fanOut).filter { !naming.contains($0.id) }
        guard !best.isEmpty else { return [] }
        var lists: [Int64: [Int64]] = [:]
        let rows = try db.fetchAll(
            """
            SELECT post_id, related_id FROM related_posts
            WHERE post_id IN \(list: best.map(\.id)) ORDER BY post_id, rank
            """)
        for row in rows { lists[try row["post_id"], default: []].append(try row["related_id"]) }
        let involved = Set(best.map(\.id)).union(lists.values.joined())
        var vectors: [Int64: TermVector] = [id: vector]
        for row in try db.fetchAll(
            """
            SELECT v.post_id, v.terms FROM related_vectors v JOIN posts p ON p.id = v.post_id
            WHERE v.post_id IN \(list: Array(involved)) AND p.status = 'published'
            """)
        {
            vectors[try row["post_id"]] = TermVector(encoded: try row["terms"])
        }
        try loadFrequencies(Array(Set(vectors.values.flatMap(\.terms))) + [Self.documentCountTerm])
        let ranking = RelatedRanking(
            documentFrequency: frequencies, documentCount: frequencies[Self.documentCountTerm] ?? 1)
        var changed: Set<Int64> = []
        for match in best {
            let list = lists[match.id] ?? []
            guard !list.contains(id), let own = vectors[match.id] else { continue }
            let entries = (list + [id]).compactMap { entry in vectors[entry].map { (id: entry, vector: $0) } }
            let ranked = ranking.rank(match.id, own, among: entries, limit: RelatedStories.listLength)
            guard ranked.contains(where: { $0.id == id }) else { continue }
            try db.execute("DELETE FROM related_posts WHERE post_id = \(match.id)")
            try insertList(match.id, ranked)
            changed.insert(match.id)
        }
        return changed
    }

    /// Marks lists to recompute, without their own fan-out (a mark already there stays as it is).
    func markNeighbours(_ ids: [Int64]) throws {
        for id in ids {
            try db.execute(
                "INSERT INTO related_stale (post_id, changed) VALUES (\(id), 0) ON CONFLICT (post_id) DO NOTHING")
        }
    }
}
