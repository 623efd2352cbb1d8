import Foundation

/// A real SMTP server for one test: `scripts/smtp-test-server` (aiosmtpd) in the repository's
/// `.venv-test`, on a free loopback port, saving each message it accepts into its own folder.
/// A missing Python or aiosmtpd fails the test with how to install it; it never skips.
final class SMTPTestServer: @unchecked Sendable {
    struct Options {
        var pipelining = false
        /// `user:password`
        var auth: String?
        var authRequireTLS = false
        /// STARTTLS with a fresh self-signed certificate.
        var startTLS = false
        var requireStartTLS = false
        var implicitTLS = false
        /// nil: a free port.
        var port: Int?
    }

    /// One accepted message: the bytes as received (dot-unstuffed) and what the server saw.
    struct Received {
        struct Meta: Decodable {
            let peer: String
            let mailFrom: String
            let rcptTos: [String]
            let tls: Bool
            let login: String?
            let pipelinedMessages: Int
        }
        let bytes: [UInt8]
        let meta: Meta
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    enum Failure: Error, CustomStringConvertible {
        case aiosmtpdMissing(String)
        case didNotStart(String)
        case tool(String)

        var description: String {
            switch self {
            case .aiosmtpdMissing(let detail):
                "aiosmtpd is not installed in .venv-test (\(detail)). scripts/test installs it; by hand: "
                    + "python3 -m venv .venv-test && .venv-test/bin/pip install aiosmtpd"
            case .didNotStart(let detail): "the aiosmtpd test server did not start: \(detail)"
            case .tool(let detail): detail
            }
        }
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    let port: Int
    let folder: URL
    /// The certificate the server presents, when it speaks TLS (PEM).
    let certificatePath: String?
    /// The server's own process id: it is stopped by this id alone.
    private let pid: pid_t
    private let lock = NSLock()
    private var reaped = false

    private init(port: Int, folder: URL, certificatePath: String?, pid: pid_t) {
        self.port = port
        self.folder = folder
        self.certificatePath = certificatePath
        self.pid = pid
    }

    /// Starts a server and waits (up to 20 s) until it accepts connections.
    static func start(_ options: Options = Options()) throws -> SMTPTestServer {
        let python = repositoryRoot.appendingPathComponent(".venv-test/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw Failure.aiosmtpdMissing("no \(python)")
        }
        let check = try run(python, ["-c", "import aiosmtpd"])
        guard check.status == 0 else { throw Failure.aiosmtpdMissing(check.output) }

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-smtp-\(UUID().uuidString)")
        let messages = folder.appendingPathComponent("messages")
        try FileManager.default.createDirectory(at: messages, withIntermediateDirectories: true)
        var arguments = [
            repositoryRoot.appendingPathComponent("scripts/smtp-test-server").path, "--dir", messages.path,
        ]
        if let port = options.port { arguments += ["--port", String(port)] }
        if options.pipelining { arguments.append("--pipelining") }
        if let auth = options.auth { arguments += ["--auth", auth] }
        if options.authRequireTLS { arguments.append("--auth-require-tls") }
        var certificatePath: String?
        if options.startTLS || options.implicitTLS {
            let (certificate, key) = try makeCertificate(in: folder)
            certificatePath = certificate
            arguments += ["--cert", certificate, "--key", key]
            if options.implicitTLS { arguments.append("--implicit-tls") }
            if options.requireStartTLS { arguments.append("--require-starttls") }
        }
        let output = folder.appendingPathComponent("server.out")
        let errors = folder.appendingPathComponent("server.err")
        let pid = try spawn(python, arguments, output: output.path, errors: errors.path)
        let server = SMTPTestServer(port: 0, folder: folder, certificatePath: certificatePath, pid: pid)

        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("READY ") }),
                let port = Int(line.dropFirst(6))
            {
                return SMTPTestServer(port: port, folder: folder, certificatePath: certificatePath, pid: pid)
            }
            if server.hasExited() { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        server.stopKeepingFiles()
        let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        throw Failure.didNotStart(stderr.isEmpty ? "no READY line within 20 s" : stderr)
    }

    /// Stops the server (SIGTERM to its own process) and removes its folder.
    func stop() {
        stopKeepingFiles()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Stops the server (SIGTERM, SIGKILL after 5 s) and reaps it; keeps its files.
    func stopKeepingFiles() {
        lock.lock()
        defer { lock.unlock() }
        guard !reaped else { return }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(5)
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        reaped = true
    }

    private func hasExited() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if reaped { return true }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid { reaped = true }
        return reaped
    }

    /// posix_spawn rather than Foundation's Process: Process on Linux notices its child's exit on
    /// the run loop of the thread that started it, which a test that moved threads never runs.
    private static func spawn(_ executable: String, _ arguments: [String], output: String, errors: String) throws
        -> pid_t
    {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The test runner's threads block some signals; the server must get SIGTERM.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGTERM)
        sigaddset(&defaults, SIGINT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard result == 0 else { throw Failure.tool("could not start \(executable): error \(result)") }
        return pid
    }

    /// The messages received so far, in order of arrival.
    func received() throws -> [Received] {
        let messages = folder.appendingPathComponent("messages")
        let names = try FileManager.default.contentsOfDirectory(atPath: messages.path)
            .filter { $0.hasSuffix(".eml") }.sorted()
        return try names.map { name in
            let base = messages.appendingPathComponent(String(name.dropLast(4)))
            let bytes = [UInt8](try Data(contentsOf: base.appendingPathExtension("eml")))
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            let meta = try decoder.decode(
                Received.Meta.self, from: Data(contentsOf: base.appendingPathExtension("json")))
            return Received(bytes: bytes, meta: meta)
        }
    }

    /// A self-signed certificate for `localhost` and 127.0.0.1, made with openssl.
    private static func makeCertificate(in folder: URL) throws -> (certificate: String, key: String) {
        let certificate = folder.appendingPathComponent("cert.pem").path
        let key = folder.appendingPathComponent("key.pem").path
        let result = try run(
            "/usr/bin/env",
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate,
                "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            ])
        guard result.status == 0 else { throw Failure.tool("openssl could not make a certificate: \(result.output)") }
        return (certificate, key)
    }

    private static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

extension SMTPTestServer {
    /// ``start(_:)`` off the test's own threads: starting waits on Python for a second or so,
    /// and Swift Testing's few cooperative threads are shared by every test running at once.
    static func started(_ options: Options = Options()) async throws -> SMTPTestServer {
        // A thread of its own: Dispatch's global queues have as few threads as the machine
        // has cores, and other tests' timers wait on them.
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try start(options) }) }.start()
        }
    }

    /// ``stop()`` off the test's own threads (it may wait up to 5 s for the process to end).
    func stopped() async {
        await withCheckedContinuation { continuation in
            Thread {
                self.stop()
                continuation.resume()
            }.start()
        }
    }

    /// Runs `body` with a started server and stops it afterwards, also when `body` throws.
    static func with<Result>(
        _ options: Options = Options(), _ body: (SMTPTestServer) async throws -> Result
    ) async throws -> Result {
        let server = try await started(options)
        do {
            let result = try await body(server)
            await server.stopped()
            return result
        } catch {
            await server.stopped()
            throw error
        }
    }
}
