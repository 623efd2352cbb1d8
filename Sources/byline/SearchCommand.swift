import ArgumentParser
import BylineStore
import Foundation

/// `byline search ...`: upkeep of a site's search index.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Upkeep of the search index.",
        subcommands: [Compact.self])

    /// `byline search compact`: what `byline import` does after a large import, on demand (for
    /// example when it failed there, or after many posts were saved one at a time).
    struct Compact: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compact",
            abstract: "Rebuild the search index compactly (PostgreSQL: one partition at a time).",
            discussion:
                "An index filled one post at a time is larger and slower than one built at once. Searches and writes wait for the part being rebuilt."
        )

        @OptionGroup var dataOptions: DataOptions

        func run() async throws {
            if dataOptions.wouldCreateSite {
                // Upkeep of a site that is not there: a mistyped --data must not create one.
                throw CLIError("no site in \(dataOptions.data): nothing to compact")
            }
            let opened = try await dataOptions.open()
            let started = ContinuousClock.now
            do {
                let parts = try await opened.store.compactSearchIndex()
                await opened.close()
                let seconds = (ContinuousClock.now - started) / .milliseconds(1) / 1000
                let noun = parts == 1 ? "part" : "parts"
                print("compacted the search index (\(parts) \(noun)) in \(String(format: "%.1f", seconds)) s")
            } catch {
                await opened.close()
                throw CLIError("compacting the search index failed: \(error)")
            }
        }
    }
}
