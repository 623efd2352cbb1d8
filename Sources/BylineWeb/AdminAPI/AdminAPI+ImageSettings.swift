import BylineCore
import BylineStore
import Hummingbird

/// The image settings of `PUT /api/admin/settings`: `image_max_bytes`, and `logo_image`,
/// `icon_image`, `default_share_image` as uploaded images' ids (null: none).
extension AdminAPI {
    func imageSettings(_ fields: JSONFields, over current: ImageSettings) async throws -> ImageSettings {
        var images = current
        if fields.has("image_max_bytes") {
            images.maxBytes = try Self.wholeNumber(fields, "image_max_bytes", in: ImageSettings.maxBytesRange)
        }
        if fields.has("logo_image") { images.logoImageID = try await imageID(fields, "logo_image") }
        if fields.has("icon_image") { images.iconImageID = try await imageID(fields, "icon_image") }
        if fields.has("default_share_image") {
            images.defaultShareImageID = try await imageID(fields, "default_share_image")
        }
        return images
    }

    /// An uploaded image's id, or nil for null; 422 for an id that names no image.
    func imageID(_ fields: JSONFields, _ name: String) async throws -> Int64? {
        if fields.values[name] == .null { return nil }
        guard let id = try fields.integer(name), id > 0,
            try await (env.store as? any ImageStoring)?.image(id: id) != nil
        else {
            throw NewsroomError.invalidField(field: name, reason: "must be the id of an uploaded image, or null")
        }
        return id
    }
}
