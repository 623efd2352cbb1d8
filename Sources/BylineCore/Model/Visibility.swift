/// Who may read a post's full text. The subscriber gate uses `members`.
public enum Visibility: String, Sendable, Codable, CaseIterable {
    case `public`
    case members
}
