import BylineCore
import BylineImages
import BylineStore
import Foundation

/// Fills an empty site with the demo "Scoop Hub": its settings and the article files shipped in `Demo/articles`.
public struct DemoSite: Sendable {
    public static let settings = SiteSettings(
        title: "Scoop Hub",
        description: "Independent news from Europe and beyond.",
        postsPerPage: 9)

    /// Shown on each article the demo installs, and on no other: a site that began as the demo
    /// and then imported real articles must not call them fiction.
    public static let noteText =
        "This article is fiction, written for Byline's demonstration site Scoop Hub: the people quoted are invented, and no real person's words are quoted."

    /// The demo's writers, so their pages and the articles' author boxes say who they are.
    /// Invented, like their articles.
    public static let authorBios = [
        "Mara Ellison":
            "Mara Ellison covers European politics, energy and farming from London and Brussels. She is a reporter invented for Byline's demonstration site.",
        "Tomasz Okafor":
            "Tomasz Okafor reports on diplomacy, markets and technology in Turkey and Central Europe. He is a reporter invented for Byline's demonstration site.",
    ]

    /// The demo's two newsletters, as a newsroom would run them: every day, and when news breaks.
    public static let newsletters = [
        NewsletterInput(
            name: "Daily Briefing", slug: "daily-briefing",
            description: "The day's stories from Scoop Hub, every morning.", sortOrder: 0),
        NewsletterInput(
            name: "Breaking News", slug: "breaking-news",
            description: "Only when something big happens.", sortOrder: 1),
    ]

    let store: any SettingsStore & PostWriting & MemberStore & RelatedLists & TaxonomyEditing

    public init(store: any SettingsStore & PostWriting & MemberStore & RelatedLists & TaxonomyEditing) {
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
        let saved = results.compactMap { result -> SavedPost? in
            if case .imported(_, let saved, _) = result { return saved }
            return nil
        }
        var settings = Self.settings
        settings.demoNote = DemoNote(text: Self.noteText, postIDs: Set(saved.map(\.id)))
        if let days = Self.archiveAfterDays(
            publishedDates: saved.compactMap(\.publishedAt), gated: Self.gatedArticleCount, now: Date())
        {
            settings.gate.archiveAfterDays = days
        }
        try await store.saveSettings(settings)
        for author in try await store.allAuthors() where author.bio.isEmpty {
            guard let bio = Self.authorBios[author.name] else { continue }
            _ = try await store.updateAuthor(id: author.id, name: author.name, slug: author.slug, bio: bio)
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
