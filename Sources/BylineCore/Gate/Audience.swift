/// Who is reading, as far as the gate cares: what decides which posts they get in full.
/// Pages are cached per audience, never per person.
public enum Audience: String, Sendable, Hashable, CaseIterable {
    /// No session, or one that is no longer good.
    case anonymous
    /// A signed-in confirmed member.
    case member
    /// Signed-in staff: every post in full, pages rendered for them alone.
    case staff
}
