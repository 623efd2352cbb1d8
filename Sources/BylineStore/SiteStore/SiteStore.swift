import BylineCore
import Foundation

/// A site's store: every role (``Store``) implemented once, as SQL that ``SQLEngine`` runs on
/// SQLite or PostgreSQL. Engine differences stay in the engines, the migrations, and the few
/// `\(sqlite:postgres:)` fragments of a query.
public final class SiteStore: Sendable {
    public let engine: any SQLEngine
    let clock: any WallClock
    let coordinationTime: CoordinationTime

    /// Where job leases and due times take "now" from.
    public enum CoordinationTime: Sendable {
        /// The store's clock (tests move it; one machine has one clock anyway).
        case storeClock
        /// The database server's clock, so nodes whose clocks disagree still agree on when a
        /// lease expires (PostgreSQL; SQLite has no server and uses the store's clock).
        case databaseClock
    }

    public init(engine: any SQLEngine, clock: any WallClock = SystemClock(), coordinationTime: CoordinationTime) {
        self.engine = engine
        self.clock = clock
        self.coordinationTime = coordinationTime
    }

    /// A store on the SQLite file at `path` (created and migrated as needed, then bodies from
    /// before Markdown converted: ``convertLegacyBodies(_:limit:)``, and posts scheduled the old
    /// way given their status: ``scheduleFutureDatedPosts(_:now:)``).
    public static func sqlite(path: String, clock: any WallClock = SystemClock()) throws -> SiteStore {
        let engine = try SQLiteEngine(path: path)
        while try engine.pool.write({ db in try convertLegacyBodies(GRDBConnection(db: db)) }) == bodyConversionBatch {}
        _ = try engine.pool.write { db in try scheduleFutureDatedPosts(GRDBConnection(db: db), now: clock.now()) }
        return SiteStore(engine: engine, clock: clock, coordinationTime: .storeClock)
    }

    /// "Now" for leases and due times inside a transaction (see ``CoordinationTime``).
    func coordinationNow(_ db: any SQLConnection) throws -> Date {
        guard coordinationTime == .databaseClock, db.dialect == .postgres else { return clock.now() }
        guard let now: Date = try db.value("SELECT CURRENT_TIMESTAMP") else {
            throw SQLDecodingError.unexpectedNull("CURRENT_TIMESTAMP")
        }
        return now
    }
}
