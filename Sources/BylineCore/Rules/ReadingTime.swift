/// Reading time as DESIGN.md fixes it: 230 words a minute plus 12 s an image, rounded up, at least 1.
public enum ReadingTime {
    public static let wordsPerMinute = 230
    public static let secondsPerImage = 12

    public static func minutes(words: Int, images: Int) -> Int {
        let seconds = max(0, words) * 60 + max(0, images) * secondsPerImage * wordsPerMinute
        let perMinute = 60 * wordsPerMinute
        return max(1, (seconds + perMinute - 1) / perMinute)
    }

    /// "4 min read".
    public static func label(minutes: Int) -> String {
        "\(minutes) min read"
    }
}
