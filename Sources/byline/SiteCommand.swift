import ArgumentParser
import BylineCore
import BylineStore
import Foundation

extension SiteSettingField: ExpressibleByArgument {}

/// `byline site show|set`: the site's identity from scripts. A `set` saves through the store
/// as the admin settings page does, logging the change, so running servers show it at once.
struct SiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Show or change the site's settings (title, description, accent colour, navigation...).",
        subcommands: [Show.self, Set.self])

    static var keyList: String { SiteSettingField.allCases.map(\.rawValue).joined(separator: ", ") }

    /// `byline site show [KEY]`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the settings, one `key: value` a line, or only the value of KEY.")

        @OptionGroup var dataOptions: DataOptions

        @Argument(help: ArgumentHelp("The setting to print: \(SiteCommand.keyList).", valueName: "key"))
        var key: SiteSettingField?

        func run() async throws {
            let opened = try await dataOptions.open()
            let settings: SiteSettings
            do {
                settings = try await opened.store.settings()
            } catch {
                await opened.close()
                throw CLIError("cannot read the settings: \(error)")
            }
            await opened.close()
            if let key {
                print(key.value(in: settings))
            } else {
                for field in SiteSettingField.allCases { print("\(field.rawValue): \(field.value(in: settings))") }
            }
        }
    }

    /// `byline site set KEY VALUE`.
    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change one setting.",
            discussion: """
                Keys: \(SiteCommand.keyList). accent is #rrggbb, dark enough for links on the light \
                page (WCAG AA); "" restores the theme's colour. navigation is \
                "World=/tag/world/,Business=/tag/business/"; "" shows the most used tags. \
                An unknown key exits 64, a refused value 1, both with a message.
                """)

        @OptionGroup var dataOptions: DataOptions

        @Argument(help: ArgumentHelp("The setting: \(SiteCommand.keyList).", valueName: "key"))
        var key: SiteSettingField

        @Argument(help: "Its new value.")
        var value: String

        func run() async throws {
            let opened = try await dataOptions.open()
            do {
                let current = try await opened.store.settings()
                let changed = try key.applying(value, to: current)
                if changed != current { try await opened.store.saveSettings(changed) }
                print("\(key.rawValue): \(key.value(in: changed))")
            } catch {
                await opened.close()
                if let refused = error as? SiteSettingFieldError { throw CLIError(refused.description) }
                throw CLIError("cannot save the settings: \(error)")
            }
            await opened.close()
        }
    }
}
