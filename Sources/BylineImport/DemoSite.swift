import BylineCore
import BylineImages
import BylineStore
import Foundation

/// Fills an empty site with the demo "Scoop Hub": its settings and the article files shipped in `Demo/articles`.
public struct DemoSite: Sendable {
    public static let settings = SiteSettings(
        title: "Scoop Hub",
        description: "Independent news from Europe and beyond.",
        footerNote:
            "Scoop Hub is a demonstration site for Byline. Its articles are fiction written for the demo: the people quoted are invented, and no real person's words are quoted.",
        postsPerPage: 9)

    /// The demo's two newsletters, as a newsroom would run them: every day, and when news breaks.
    public static let newsletters = [
        NewsletterInput(
            name: "Daily Briefing", slug: "daily-briefing",
            description: "The day's stories from Scoop Hub, every morning.", sortOrder: 0),
        NewsletterInput(
            name: "Breaking News", slug: "breaking-news",
            description: "Only when something big happens.", sortOrder: 1),
    ]

    let store: any SettingsStore & PostWriting & MemberStore & RelatedLists

    public init(store: any SettingsStore & PostWriting & MemberStore & RelatedLists) {
        self.store = store
    }

    /// The folder of demo article files: `BYLINE_DEMO_DIR`, else `Demo/articles` beside the binary or below the working directory.
    public static func defaultDirectory(locate: (String, String) -> String?) -> String? {
        locate("BYLINE_DEMO_DIR", "Demo/articles")
    }

    /// Installs the demo unless the site already has posts; returns the import results (empty when skipped).
    public func installIfEmpty(articlesDirectory: String) async throws -> [ArticleImporter.Result] {
        guard try await store.postCount() == 0 else { return [] }
        try await store.saveSettings(Self.settings)
        if try await store.newsletters(includingInactive: true).isEmpty {
            for newsletter in Self.newsletters { _ = try await store.createNewsletter(newsletter) }
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: articlesDirectory)
            .filter { $0.hasSuffix(".txt") }.sorted()
            .map { (articlesDirectory as NSString).appendingPathComponent($0) }
        let importer = ArticleImporter(store: store, timeZone: Self.settings.timeZone)
        let results = await importer.importFiles(files)
        let dates = results.compactMap { result -> Date? in
            if case .imported(_, let saved, _) = result { return saved.publishedAt }
            return nil
        }
        if let days = Self.archiveAfterDays(publishedDates: dates, gated: Self.gatedArticleCount, now: Date()) {
            var settings = Self.settings
            settings.gate.archiveAfterDays = days
            try await store.saveSettings(settings)
        }
        try await installAuthorPictures(
            from: ((articlesDirectory as NSString).deletingLastPathComponent as NSString).appendingPathComponent(
                "images/authors"))
        // Every article has its related list before the first reader arrives.
        try await store.refreshAllRelatedLists()
        return results
    }

    /// Each demo author's picture, `<author-slug>.png` in `directory` (drawn by
    /// Demo/images/make_demo_images.py). A missing picture leaves its author without one.
    func installAuthorPictures(from directory: String) async throws {
        guard let images = store as? any ImageStoring & TaxonomyEditing else { return }
        for author in try await images.allAuthors() {
            let path = (directory as NSString).appendingPathComponent("\(author.slug).png")
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let image = try await ArticleImage(store: images, processor: ImageProcessor()).store(
                fileAt: path, writtenAs: path)
            _ = try await images.setAuthorImage(authorID: author.id, imageID: image.id)
        }
    }

    /// How many of the demo's oldest articles the archive rule puts behind the gate at install.
    public static let gatedArticleCount = 4

    /// The archive rule's days that gate exactly the `gated` oldest of articles published at
    /// `publishedDates`, as of `now`: the demo's articles have fixed dates, so a fixed number of
    /// days would gate none of them on one day and all of them a few months later. Nil when
    /// there are too few articles or the next one is not older than a day.
    static func archiveAfterDays(publishedDates: [Date], gated: Int, now: Date) -> Int? {
        let newestFirst = publishedDates.sorted(by: >)
        guard gated > 0, newestFirst.count > gated else { return nil }
        // The newest article that stays public: the rule must not have caught it yet.
        let youngestPublic = newestFirst[newestFirst.count - gated - 1]
        let days = Int(now.timeIntervalSince(youngestPublic) / 86_400) + 1
        let youngestGated = newestFirst[newestFirst.count - gated]
        guard days >= 1, now.timeIntervalSince(youngestGated) >= TimeInterval(days) * 86_400 else { return nil }
        return days
    }
}
