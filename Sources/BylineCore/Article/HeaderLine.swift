/// One of the optional lines between an article file's author line and its body.
enum HeaderLine: Equatable {
    case readingTime(Int)
    case date(CalendarDay)
    case tags([String])
    case invalidDate(String)
    case invalidReadingTime(String)
    /// `Image: path/to/file.jpg`, relative to the article file.
    case image(String)
    /// `Image-Alt: what the picture shows`.
    case imageAlt(String)

    init?(_ line: String) {
        let lower = line.lowercased().collapsingWhitespace()
        if lower.hasPrefix("date:") {
            let value = String(line.drop(while: { $0 != ":" }).dropFirst()).trimmingWhitespace()
            self = CalendarDay(iso: value).map(HeaderLine.date) ?? .invalidDate(value)
        } else if lower.hasPrefix("image-alt:") {
            self = .imageAlt(String(line.drop(while: { $0 != ":" }).dropFirst()).collapsingWhitespace())
        } else if lower.hasPrefix("image:") {
            self = .image(String(line.drop(while: { $0 != ":" }).dropFirst()).trimmingWhitespace())
        } else if lower.hasPrefix("tags:") {
            let value = line.drop(while: { $0 != ":" }).dropFirst()
            var seen = Set<String>()
            let tags = value.split(separator: ",").map { String($0).collapsingWhitespace() }
                .filter { !$0.isEmpty && seen.insert(TitleKey.make($0)).inserted }
            self = .tags(tags)
        } else if let minutes = Self.readingMinutes(lower) {
            self = minutes > 0 && minutes < 1000 ? .readingTime(minutes) : .invalidReadingTime(line)
        } else {
            return nil
        }
    }

    /// "4 min read", "4 minute read", "4 mins read", "4-min read".
    private static func readingMinutes(_ lower: String) -> Int? {
        let digits = lower.prefix(while: \.isNumber)
        guard !digits.isEmpty, digits.count <= 6 else { return nil }
        let rest = String(lower.dropFirst(digits.count).map { $0 == "-" ? " " : $0 }).collapsingWhitespace()
        let forms = ["min read", "mins read", "minute read", "minutes read"]
        guard forms.contains(rest) else { return nil }
        return Int(digits)
    }
}
