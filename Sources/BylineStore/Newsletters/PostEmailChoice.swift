/// The editor's "send by email" choice as a publication states it.
public enum PostEmailChoice: Sendable, Equatable {
    /// Leaves whatever the post has.
    case keep
    /// Not emailed when it goes live.
    case none
    /// Emailed to the newsletter's confirmed subscribers when it goes live.
    case newsletter(id: Int64)
}
