import Foundation

/// The site settings a script sets by name (`byline site set accent "#1d4ed8"`), each read and
/// written as one line of text, and checked as the admin settings page checks it.
public enum SiteSettingField: String, CaseIterable, Sendable {
    case title, description, accent, footer, language, timezone
    case postsPerPage = "posts-per-page"
    case navigation

    /// The field's value as `set` takes it back.
    public func value(in settings: SiteSettings) -> String {
        switch self {
        case .title: settings.title
        case .description: settings.description
        case .accent: settings.accentColor
        case .footer: settings.footerNote
        case .language: settings.language
        case .timezone: settings.timeZoneIdentifier
        case .postsPerPage: String(settings.postsPerPage)
        case .navigation: Self.navigationText(settings.navigation)
        }
    }

    /// `settings` with this field set to `text`, or why `text` cannot be it.
    public func applying(_ text: String, to settings: SiteSettings) throws(SiteSettingFieldError) -> SiteSettings {
        var settings = settings
        let trimmed = text.trimmingWhitespace()
        switch self {
        case .title:
            guard !trimmed.isEmpty else { throw .invalid(self, "the title cannot be empty") }
            guard trimmed.count <= 200 else { throw .invalid(self, "at most 200 characters") }
            settings.title = trimmed
        case .description: settings.description = trimmed
        case .footer: settings.footerNote = trimmed
        case .accent:
            do {
                settings.accentColor = trimmed.isEmpty ? "" : try AccentColor(validating: trimmed).hex
            } catch {
                throw .invalid(self, error.description)
            }
        case .language:
            guard LanguageTag.isValid(trimmed) else {
                throw .invalid(self, "\"\(trimmed)\" is not a language tag such as en or pt-BR")
            }
            settings.language = trimmed
        case .timezone:
            guard IANATimeZone.isValid(trimmed) else {
                throw .invalid(self, "\"\(trimmed)\" is not an IANA time zone name such as Europe/London or UTC")
            }
            settings.timeZoneIdentifier = trimmed
        case .postsPerPage:
            guard let count = Int(trimmed), (1...100).contains(count) else {
                throw .invalid(self, "must be a whole number from 1 to 100")
            }
            settings.postsPerPage = count
        case .navigation:
            settings.navigation = try Self.navigation(trimmed)
        }
        return settings
    }

    /// `Label=/path/,Label=https://...`: a comma between links, an `=` between label and
    /// address (the last `=` before the address, so a label may hold one). Empty: no links, the
    /// header lists the most used tags.
    static func navigation(_ text: String) throws(SiteSettingFieldError) -> [NavigationLink] {
        var links: [NavigationLink] = []
        for (index, item) in text.split(separator: ",", omittingEmptySubsequences: true).enumerated() {
            let entry = item.trimmingWhitespace()
            if entry.isEmpty { continue }
            guard let equals = labelEnd(entry) else {
                throw .invalid(
                    .navigation, "link \(index + 1) (\"\(entry)\"): write Label=/path/, e.g. World=/tag/world/")
            }
            links.append(
                NavigationLink(
                    label: String(entry[..<equals]), url: String(entry[entry.index(after: equals)...])))
        }
        do {
            return try NavigationList.checked(links)
        } catch {
            throw .invalid(.navigation, error.description.replacingFirst("line ", with: "link "))
        }
    }

    /// Where the label ends: the `=` just before the address (`/` or `http`), else the last one.
    static func labelEnd(_ entry: String) -> String.Index? {
        let candidates = entry.indices.filter { entry[$0] == "=" }
        return candidates.first { index in
            let rest = entry[entry.index(after: index)...]
            return rest.hasPrefix("/") || rest.lowercased().hasPrefix("http")
        } ?? candidates.last
    }

    /// The form `navigation(_:)` reads back.
    static func navigationText(_ links: [NavigationLink]) -> String {
        links.map { "\($0.label)=\($0.url)" }.joined(separator: ",")
    }
}

/// Why `byline site set` refuses a value; `description` is the message it prints.
public enum SiteSettingFieldError: Error, Equatable, CustomStringConvertible {
    case invalid(SiteSettingField, String)

    public var description: String {
        switch self {
        case .invalid(let field, let reason): "\(field.rawValue): \(reason)"
        }
    }
}

extension String {
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
