import ArgumentParser
import BylineCore
import BylineStore
import Foundation

/// `byline members ...`: imports and exports a site's members as CSV, as the admin's members
/// pages do (same columns, same checks), for lists too large to paste into a browser.
struct MembersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "members",
        abstract: "Import and export members (readers with an email address on file) as CSV.",
        subcommands: [Import.self, Export.self])

    /// `byline members import FILE.csv [--confirmed]`.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import members from a CSV file. Sends no email.",
            discussion: """
                The first row names the columns: email (required), name, newsletters (slugs separated \
                by ';'; without the column, every active newsletter), status (pending or confirmed). \
                Other columns are ignored. Addresses already on file keep their status and \
                newsletters; only a missing name is filled in. Exits 1 when the file cannot be read \
                or no row could be imported.
                """)

        @OptionGroup var dataOptions: DataOptions

        @Argument(help: "The CSV file (UTF-8).")
        var file: String

        @Flag(
            help: """
                These people agreed to receive email from this site: import them as confirmed \
                (rows whose status is pending stay pending). Without it they are pending and \
                receive nothing until they confirm.
                """)
        var confirmed = false

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CLIError("cannot read \(file)")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw CLIError("\(file) is not UTF-8 text: save it from the spreadsheet as CSV UTF-8")
            }
            let opened = try await dataOptions.open()
            let outcome: (read: MemberImport, result: MemberImportResult)
            do {
                // As `byline serve` does at start: a site always has a newsletter to subscribe to,
                // also when its members are imported before it first served.
                _ = try await opened.store.ensureDefaultNewsletter(name: try await opened.store.settings().title)
                let read = try MemberImport(
                    text, newsletters: try await opened.store.newsletters(includingInactive: true))
                outcome = (read, try await opened.store.importMembers(read.rows, confirmed: confirmed))
            } catch let error as MemberImportFileError {
                await opened.close()
                throw CLIError("\(file): \(error)")
            } catch {
                await opened.close()
                throw CLIError("import failed: \(error)")
            }
            await opened.close()
            let problems = outcome.read.problems + outcome.result.problems
            print(
                "imported \(outcome.result.added), skipped \(outcome.result.existing) existing, \(problems.count) errors"
            )
            if !outcome.read.ignoredColumns.isEmpty {
                print("ignored columns: \(outcome.read.ignoredColumns.joined(separator: ", "))")
            }
            for problem in problems.sorted(by: { $0.line < $1.line }) {
                FileHandle.standardError.write(Data("error: \(problem)\n".utf8))
            }
            let imported = outcome.result.added + outcome.result.existing
            if imported == 0, !problems.isEmpty { throw ExitCode(1) }
        }
    }

    /// `byline members export [--output FILE]`.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export every member as CSV (email,name,status,newsletters,created_at,confirmed_at).")

        @OptionGroup var dataOptions: DataOptions

        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
        var output: String?

        func run() async throws {
            let handle: FileHandle
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: nil) else {
                    throw CLIError("cannot write \(output)")
                }
                handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
            } else {
                handle = FileHandle.standardOutput
            }
            let opened = try await dataOptions.open()
            do {
                try await MemberExport.write(opened.store) { text in try handle.write(contentsOf: Data(text.utf8)) }
            } catch {
                await opened.close()
                throw CLIError("export failed: \(error)")
            }
            await opened.close()
            if output != nil { try handle.close() }
        }
    }
}
