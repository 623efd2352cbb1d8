import BylineCore

/// The uploaded images a page shows, read in one go before its views are made: feature images
/// by fingerprint (posts keep an address), author pictures and the site's images by id.
struct ImageLookup {
    var byFingerprint: [String: StoredImage] = [:]
    var byID: [Int64: StoredImage] = [:]

    /// The author's picture, square-ish and small beside a byline or atop their page.
    func authorPicture(_ author: Author) -> ImageView? {
        guard let id = author.imageID, let image = byID[id] else { return nil }
        return ImageView(image, alt: author.name, placement: .authorPicture)
    }
}
