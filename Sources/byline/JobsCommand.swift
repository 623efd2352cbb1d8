import ArgumentParser
import BylineCore
import BylineStore
import Foundation

/// `byline jobs ...`: looks at and feeds the background job queue of a site's store.
struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "Inspect and feed the background job queue.",
        subcommands: [EnqueueTest.self, Status.self])

    /// `byline jobs enqueue-test`: adds `test.sleep` jobs and prints their ids, one a line.
    struct EnqueueTest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "enqueue-test",
            abstract: "Enqueue test.sleep jobs (the job mechanism's own load) and print their ids.",
            shouldDisplay: false)

        @OptionGroup var storeOptions: JobStoreOptions

        @Option(help: "How many jobs to enqueue.")
        var count: Int = 1

        @Option(help: "How long each job sleeps, in milliseconds.")
        var milliseconds: Int = 100

        func validate() throws {
            guard TestSleepJob.isEnabled else {
                throw ValidationError("test jobs are for tests: set \(TestSleepJob.environmentVariable)=1")
            }
            if !(1...100_000).contains(count) { throw ValidationError("--count must be between 1 and 100000") }
            if !(0...TestSleepJob.maxMilliseconds).contains(milliseconds) {
                throw ValidationError("--milliseconds must be between 0 and \(TestSleepJob.maxMilliseconds)")
            }
        }

        func run() async throws {
            try await storeOptions.withQueue { queue in
                let payload = TestSleepJob.payload(milliseconds: milliseconds)
                for _ in 0..<count {
                    print(try await queue.enqueue(kind: TestSleepJob.kind, payload: payload))
                }
            }
        }
    }

    /// `byline jobs status`: one JSON object with the jobs per status and the attempts done jobs took.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Print job counts by status as JSON (done_attempts: attempts of all done jobs).")

        @OptionGroup var storeOptions: JobStoreOptions

        func run() async throws {
            let counts = try await storeOptions.withQueue { queue in try await queue.jobCounts() }
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(counts), as: UTF8.self))
        }
    }
}

/// Which store the job commands use: `--database-url`, else `DATABASE_URL`, else SQLite in `--data`.
struct JobStoreOptions: ParsableArguments {
    @OptionGroup var dataOptions: DataOptions

    /// Opens the store, runs `body` with its job queue, and closes it again. A URL that cannot be
    /// used is bad usage (exit 64); a store that cannot be reached or a failing query exits 1.
    func withQueue<Result>(_ body: (any JobQueue) async throws -> Result) async throws -> Result {
        let opened: OpenedStore
        do {
            opened = try await StoreOpener.open(
                databaseURL: dataOptions.effectiveDatabaseURL, dataFolder: dataOptions.data, clock: SystemClock(),
                poolSize: dataOptions.databasePoolSize)
        } catch let error as StoreOpenError {
            if case .unsupportedURL = error { throw ValidationError("\(error)") }
            throw CLIError("\(error)")
        } catch let error as PostgresStoreError {
            if case .invalidURL = error { throw ValidationError("\(error)") }
            throw CLIError("\(error)")
        } catch {
            throw CLIError("cannot open the store: \(error)")
        }
        do {
            let result = try await body(opened.store)
            await opened.close()
            return result
        } catch {
            await opened.close()
            throw CLIError("\(error)")
        }
    }
}
