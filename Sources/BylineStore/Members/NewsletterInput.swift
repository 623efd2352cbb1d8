/// A newsletter as the admin writes it (create or update).
public struct NewsletterInput: Sendable, Equatable {
    public var name: String
    /// Nil: derived from the name (on create), kept (on update).
    public var slug: String?
    public var description: String
    public var sortOrder: Int
    public var active: Bool

    public init(name: String, slug: String? = nil, description: String = "", sortOrder: Int = 0, active: Bool = true) {
        self.name = name
        self.slug = slug
        self.description = description
        self.sortOrder = sortOrder
        self.active = active
    }
}
