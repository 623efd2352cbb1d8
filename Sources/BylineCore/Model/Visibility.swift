/// Who may read a post's full text; everyone else gets its free preview and the gate
/// (see ``GatePolicy``).
public enum Visibility: String, Sendable, Codable, CaseIterable {
    case `public`
    /// Any confirmed member (a subscriber to the free newsletter counts).
    case members
    /// Members of a paid tier. Paid tiers come later: until then ``GatePolicy`` treats it as
    /// `members`, so the setting an editor makes today keeps its meaning.
    case paid
}
