/// Why ``StoreOpener`` cannot open the configured store.
public enum StoreOpenError: Error, Equatable, CustomStringConvertible {
    /// The database URL names no engine Byline has (the text is shown without its password).
    case unsupportedURL(String)
    /// The data folder cannot be created: the folder and the reason.
    case dataFolder(String, String)

    public var description: String {
        switch self {
        case .unsupportedURL(let url):
            "unsupported database URL \"\(url)\": use postgres://user:password@host:port/database, "
                + "or none for SQLite in the data folder"
        case .dataFolder(let folder, let reason): "cannot create data folder \(folder): \(reason)"
        }
    }
}
