import ArgumentParser
import BylineCore
import BylineStore
import BylineWeb
import Foundation

/// `byline user`: staff accounts from the command line — the first owner, and a way back in.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage staff accounts.",
        subcommands: [AddUser.self, ResetPassword.self])

    struct AddUser: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Create a staff user and print a one-time password.")

        @OptionGroup var dataOptions: DataOptions

        @Option(help: "Email address to sign in with.")
        var email: String

        @Option(help: "Name shown as the byline.")
        var name: String

        @Option(help: "owner, administrator, editor, author or contributor.")
        var role: String

        func validate() throws {
            guard StaffRole(rawValue: role.lowercased()) != nil else {
                throw ValidationError(
                    "--role must be one of: \(StaffRole.allCases.reversed().map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() async throws {
            let opened = try await dataOptions.open()
            let accounts = StaffAccounts(store: opened.store, clock: SystemClock())
            do {
                let (user, password) = try await accounts.addUser(
                    email: email, name: name, role: StaffRole(rawValue: role.lowercased())!)
                print("created \(user.role.rawValue) \(user.email) (\(user.name))")
                print("password: \(password)")
                print("Sign in at /admin/ and change this password under Account.")
            } catch {
                await opened.close()
                throw CLIError("cannot add \(email): \(NewsroomError.from(error)?.description ?? "\(error)")")
            }
            await opened.close()
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password",
            abstract: "Give a staff user a new one-time password and sign them out everywhere.")

        @OptionGroup var dataOptions: DataOptions

        @Option(help: "The staff user's email address.")
        var email: String

        func run() async throws {
            let opened = try await dataOptions.open()
            let accounts = StaffAccounts(store: opened.store, clock: SystemClock())
            do {
                let password = try await accounts.resetPassword(email: email)
                print("password: \(password)")
                print("Every browser signed in as \(email) has been signed out.")
            } catch {
                await opened.close()
                throw CLIError(
                    "cannot reset the password of \(email): \(NewsroomError.from(error)?.description ?? "\(error)")")
            }
            await opened.close()
        }
    }
}
