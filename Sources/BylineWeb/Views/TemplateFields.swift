import Mustache

/// A view model that names its template fields, so Mustache finds them by dictionary look-up
/// instead of reflecting over the value for every `{{name}}` (Mirror made rendering much slower,
/// measured with `byline serve --no-page-cache` under wrk).
///
/// The tables are `nonisolated(unsafe)` only because key paths are not `Sendable`; they are
/// immutable constants.
protocol TemplateFields: MustacheParent {
    static var templateFields: [String: PartialKeyPath<Self>] { get }
}

extension TemplateFields {
    func child(named name: String) -> Any? {
        guard let keyPath = Self.templateFields[name] else { return nil }
        let value = self[keyPath: keyPath]
        // An optional field read through a key path arrives boxed: an `Any` holding `nil` is not
        // nil to Mustache, and `{{#field}}` would render its section for a missing value.
        if let optional = value as? any OptionalField { return optional.wrappedValue }
        return value
    }
}

/// Lets ``TemplateFields`` see through an optional hidden in an `Any`.
private protocol OptionalField {
    var wrappedValue: Any? { get }
}

extension Optional: OptionalField {
    fileprivate var wrappedValue: Any? { self.map { $0 as Any } }
}

extension PostCardView: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Self>] = [
        "title": \.title, "url": \.url, "excerpt": \.excerpt, "authorName": \.authorName, "authorUrl": \.authorUrl,
        "dateISO": \.dateISO, "dateDisplay": \.dateDisplay, "readingTime": \.readingTime, "tags": \.tags,
        "isLead": \.isLead, "isGated": \.isGated, "gateLabel": \.gateLabel, "hasComments": \.hasComments,
        "commentsLabel": \.commentsLabel, "image": \.image,
    ]
}

extension ImageView: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Self>] = [
        "src": \.src, "jpegSrcset": \.jpegSrcset, "webpSrcset": \.webpSrcset, "sizes": \.sizes, "width": \.width,
        "height": \.height, "hasSize": \.hasSize, "hasSrcset": \.hasSrcset, "alt": \.alt, "caption": \.caption,
        "eager": \.eager,
    ]
}

extension GateView: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Self>] = [
        "returnPath": \.returnPath, "signInUrl": \.signInUrl, "isPaid": \.isPaid,
    ]
}

extension OverlayView: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Self>] = [
        "scrollPercent": \.scrollPercent, "dismissDays": \.dismissDays, "returnPath": \.returnPath,
    ]
}

extension ReaderView: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Self>] = [
        "isMember": \.isMember, "isStaff": \.isStaff,
    ]
}

extension LinkView: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Self>] = [
        "name": \.name, "url": \.url, "current": \.current,
    ]
}

extension PaginationView: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Self>] = [
        "isPaginated": \.isPaginated, "hasPrev": \.hasPrev, "prevUrl": \.prevUrl, "hasNext": \.hasNext,
        "nextUrl": \.nextUrl, "current": \.current, "total": \.total,
    ]
}

extension PostView: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Self>] = [
        "id": \.id, "title": \.title, "url": \.url, "bodyHTML": \.bodyHTML, "excerpt": \.excerpt,
        "authorName": \.authorName, "authorUrl": \.authorUrl, "authorBio": \.authorBio, "dateISO": \.dateISO,
        "dateDisplay": \.dateDisplay, "updatedISO": \.updatedISO, "readingTime": \.readingTime, "tags": \.tags,
        "primaryTag": \.primaryTag, "featureImage": \.featureImage, "image": \.image,
        "authorPicture": \.authorPicture,
    ]
}

extension FeatureImageView: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Self>] = [
        "url": \.url, "alt": \.alt,
    ]
}

extension ShareView: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Self>] = [
        "url": \.url, "title": \.title, "twitterUrl": \.twitterUrl, "facebookUrl": \.facebookUrl,
        "linkedinUrl": \.linkedinUrl, "emailUrl": \.emailUrl, "whatsappUrl": \.whatsappUrl,
        "telegramUrl": \.telegramUrl, "blueskyUrl": \.blueskyUrl, "redditUrl": \.redditUrl,
    ]
}

extension PageMeta: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Self>] = [
        "title": \.title, "ogTitle": \.ogTitle, "description": \.description, "canonical": \.canonical,
        "ogType": \.ogType, "publishedISO": \.publishedISO, "jsonLD": \.jsonLD, "noindex": \.noindex,
        "image": \.image, "feedURL": \.feedURL, "feedTitle": \.feedTitle, "imageWidth": \.imageWidth,
        "imageHeight": \.imageHeight, "imageAlt": \.imageAlt, "hasImageSize": \.hasImageSize,
    ]
}

extension SiteView.Site: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Self>] = [
        "title": \.title, "description": \.description, "footerNote": \.footerNote, "language": \.language,
        "accentCSS": \.accentCSS,
        "logo": \.logo, "icon": \.icon,
    ]
}

extension ArchiveOwnerView: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Self>] = [
        "name": \.name, "url": \.url, "description": \.description, "bio": \.bio, "postCount": \.postCount,
        "picture": \.picture,
    ]
}

extension ArchiveYearView: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Self>] = [
        "year": \.year, "months": \.months,
    ]
}

extension ArchiveYearView.Month: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Self>] = [
        "name": \.name, "label": \.label, "url": \.url,
    ]
}

extension ArchiveMonthView: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Self>] = [
        "label": \.label, "url": \.url, "postCount": \.postCount, "posts": \.posts,
    ]
}

extension ArchiveMonthView.Entry: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Self>] = [
        "title": \.title, "url": \.url, "dateISO": \.dateISO, "dateDisplay": \.dateDisplay, "authorName": \.authorName,
        "authorUrl": \.authorUrl,
    ]
}

extension SearchView: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Self>] = [
        "query": \.query, "hasQuery": \.hasQuery, "isShortened": \.isShortened, "maxLength": \.maxLength,
        "maxWords": \.maxWords, "count": \.count, "countText": \.countText, "results": \.results,
        "hasResults": \.hasResults,
    ]
}

extension SearchResultView: TemplateFields {
    nonisolated(unsafe) static let templateFields: [String: PartialKeyPath<Self>] = [
        "titleHTML": \.titleHTML, "url": \.url, "dateISO": \.dateISO, "dateDisplay": \.dateDisplay,
        "authorName": \.authorName, "authorUrl": \.authorUrl, "snippetHTML": \.snippetHTML, "isGated": \.isGated,
        "gateLabel": \.gateLabel,
    ]
}
