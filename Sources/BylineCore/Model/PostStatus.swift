/// Where a post is in its life: only `published` posts whose time has come are public.
public enum PostStatus: String, Sendable, Codable, CaseIterable {
    case draft
    case scheduled
    case published
}
