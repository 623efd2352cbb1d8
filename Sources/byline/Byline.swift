import ArgumentParser

/// The `byline` command: one binary for serving, importing and administering a site.
struct Byline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "byline",
        abstract: "Byline: a fast, simple news publishing platform.",
        subcommands: [ServeCommand.self, ImportCommand.self, MigrateStoreCommand.self, JobsCommand.self])
}
