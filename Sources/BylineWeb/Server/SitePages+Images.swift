import BylineCore
import BylineStore

/// The images a page shows (``ImageLookup``), and the picture a shared link shows.
extension SitePages {
    /// One read per kind for the page: the feature images among `urls` that were uploaded here,
    /// and the images with `ids`. A store without images (some tests) finds none.
    func imageLookup(featureImages urls: [String], ids: [Int64] = []) async throws -> ImageLookup {
        guard let images = store as? any ImageStoring else { return ImageLookup() }
        let fingerprints = urls.compactMap(ImagePath.fingerprint(inURL:))
        async let byFingerprint = images.images(fingerprints: fingerprints)
        async let byID = images.images(ids: ids)
        return ImageLookup(byFingerprint: try await byFingerprint, byID: try await byID)
    }

    /// The absolute address of the JPEG a shared link shows for `image`: about 1200 px wide,
    /// what Facebook, X and LinkedIn ask for, with its size.
    func shareImage(_ image: StoredImage) -> (url: String, width: Int, height: Int) {
        let width = image.variantWidth(closestTo: 1200)
        return (absolute(image.variantPath(width: width, format: "jpg")), width, image.height(atWidth: width))
    }
}
