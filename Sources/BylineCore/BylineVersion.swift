/// The release this build is, printed by `byline --version`.
public enum BylineVersion {
    public static let current = "0.8.0"
}
