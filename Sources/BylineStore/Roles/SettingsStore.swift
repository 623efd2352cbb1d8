import BylineCore

/// The site's settings.
public protocol SettingsStore: Sendable {
    /// Defaults until someone saves them.
    func settings() async throws -> SiteSettings
    func saveSettings(_ settings: SiteSettings) async throws
}
