import ArgumentParser
import BylineCore

/// The `byline` command: one binary for serving, importing and administering a site.
struct Byline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "byline",
        abstract: "Byline: a fast, simple news publishing platform.",
        version: BylineVersion.current,
        subcommands: [
            ServeCommand.self, ImportCommand.self, UserCommand.self, MigrateStoreCommand.self, JobsCommand.self,
            NewsletterCommand.self,
            MembersCommand.self, SiteCommand.self, ImagesCommand.self, SearchCommand.self,
        ])
}
