import BylineCore
import BylineStore
import Hummingbird

/// The settings form's "Images" fieldset: the upload limit in megabytes, and the logo, icon and
/// default sharing image as the addresses of uploaded images (the image library shows them; the
/// script fills them from an upload). The store keeps the images' ids.
extension AdminSitePages {
    static let imageFields = ["logo_image", "icon_image", "default_share_image"]

    /// The fieldset over `current`; a form without it keeps what is stored. An address that is
    /// not an uploaded image's is a 422 naming its field; an empty one clears the setting.
    func imageSettings(_ form: FormFields, over current: ImageSettings) async throws -> ImageSettings {
        var images = current
        if form["image_max_mb"] != nil {
            let range = ImageSettings.maxBytesRange
            images.maxBytes =
                try Self.number(form, "image_max_mb", (range.lowerBound >> 20)...(range.upperBound >> 20)) << 20
        }
        if form["logo_image"] != nil { images.logoImageID = try await imageID(form, "logo_image") }
        if form["icon_image"] != nil { images.iconImageID = try await imageID(form, "icon_image") }
        if form["default_share_image"] != nil {
            images.defaultShareImageID = try await imageID(form, "default_share_image")
        }
        return images
    }

    private func imageID(_ form: FormFields, _ name: String) async throws -> Int64? {
        let address = form.optional(name) ?? ""
        if address.isEmpty { return nil }
        guard let fingerprint = ImagePath.fingerprint(inURL: address),
            let image = try await (env.store as? any ImageStoring)?.image(fingerprint: fingerprint)
        else {
            throw NewsroomError.invalidField(
                field: name, reason: "must be the address of an uploaded image (see Images), or empty")
        }
        return image.id
    }

    /// What the fieldset shows: what was typed when a save was refused, else the stored images'
    /// addresses.
    func imageSettingsValues(_ images: ImageSettings, typed: FormFields?) async throws -> [String: Any] {
        let ids = [images.logoImageID, images.iconImageID, images.defaultShareImageID].compactMap { $0 }
        let stored = try await (env.store as? any ImageStoring)?.images(ids: ids) ?? [:]
        func address(_ id: Int64?) -> String { id.flatMap { stored[$0]?.originalPath } ?? "" }
        return [
            "maxMegabytes": typed?["image_max_mb"] ?? String(images.maxBytes >> 20),
            "logo": typed?["logo_image"] ?? address(images.logoImageID),
            "icon": typed?["icon_image"] ?? address(images.iconImageID),
            "share": typed?["default_share_image"] ?? address(images.defaultShareImageID),
        ]
    }
}
