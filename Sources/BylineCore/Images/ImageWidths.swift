/// The widths an uploaded image is served at, shared by the processor that makes the variants
/// and the pages that list them in `srcset`, so both always agree without asking the database.
public enum ImageWidths {
    /// Phone, phone at 2x, column, wide column, full width.
    public static let standard = [320, 640, 960, 1280, 1920]

    /// The offered widths below the original, and the original's own width when it is at most
    /// the largest offered one (an image is never enlarged). Smallest first.
    public static func variants(originalWidth: Int, offered: [Int] = standard) -> [Int] {
        let offered = offered.sorted()
        var targets = offered.filter { $0 < originalWidth }
        if let largest = offered.last, originalWidth <= largest { targets.append(originalWidth) }
        if targets.isEmpty, let largest = offered.last { targets = [largest] }
        return targets
    }
}
