import Foundation

/// The job kind `"test.sleep"`: its handler sleeps for the payload's milliseconds
/// (`{"milliseconds": 250}`) and does nothing else. The job mechanism's own load, for tests
/// only: `byline serve` runs it and `byline jobs enqueue-test` (hidden) adds it only when the
/// environment has `BYLINE_TEST_JOBS=1`.
public enum TestSleepJob {
    public static let kind = "test.sleep"

    /// The environment variable that turns the test kind on.
    public static let environmentVariable = "BYLINE_TEST_JOBS"

    public static var isEnabled: Bool {
        ProcessInfo.processInfo.environment[environmentVariable] == "1"
    }

    /// The longest sleep a payload may ask for: an hour.
    public static let maxMilliseconds = 3_600_000

    private struct Payload: Codable {
        var milliseconds: Int
    }

    /// The payload of a job sleeping `milliseconds`.
    public static func payload(milliseconds: Int) -> String {
        "{\"milliseconds\":\(milliseconds)}"
    }

    /// Sleeps as the payload says; throws ``StoreError/invalidInput(_:)`` for a payload without a
    /// sleep in range, and `CancellationError` when cancelled.
    public static let handler: JobHandler = { job in
        let payload: Payload
        do {
            payload = try JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8))
        } catch {
            throw StoreError.invalidInput("a \(kind) payload needs {\"milliseconds\": N}: \(job.payload)")
        }
        guard (0...maxMilliseconds).contains(payload.milliseconds) else {
            throw StoreError.invalidInput("\(kind): milliseconds must be 0...\(maxMilliseconds)")
        }
        try await Task.sleep(for: .milliseconds(payload.milliseconds))
    }

    /// `[kind: handler]`, to merge into a worker's handlers.
    public static var handlers: [String: JobHandler] { [kind: handler] }
}
