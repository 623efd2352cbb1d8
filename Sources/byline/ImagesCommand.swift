import ArgumentParser
import BylineCore
import BylineImages
import Foundation

/// `byline images variants FILE`: what Byline makes of an image file, without storing it: its
/// format and size, each variant's width and bytes, and how long processing took. For checking
/// a file an upload refused, and for measuring (scripts/bench-images).
struct ImagesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "images", abstract: "Inspect how images are processed.", subcommands: [Variants.self])

    struct Variants: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Process an image file as an upload would and print its variants, bytes and time.")

        @Argument(help: "A JPEG, PNG, WebP or GIF file.")
        var file: String

        @Option(help: "Process it this many times and report each time (the first includes starting libvips).")
        var repeats = 1

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read \(file)")
            }
            let bytes = [UInt8](data)
            let processor = ImageProcessor(limits: ImageLimits(maxBytes: max(ImageLimits.defaultMaxBytes, bytes.count)))
            var processed: ProcessedImage?
            var times: [Double] = []
            for _ in 0..<max(1, repeats) {
                let start = ContinuousClock.now
                do {
                    processed = try processor.process(bytes)
                } catch let error as ImageError {
                    print("refused: \(error.description)")
                    throw ExitCode.failure
                }
                let elapsed = ContinuousClock.now - start
                times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            }
            guard let processed else { return }
            print("original: \(processed.format.rawValue) \(processed.width)x\(processed.height), \(bytes.count) bytes")
            var total = 0
            for variant in processed.variants {
                total += variant.bytes.count
                print(
                    "  \(variant.format.fileExtension) \(variant.width)x\(variant.height): \(variant.bytes.count) bytes"
                )
            }
            print("variants: \(processed.variants.count), \(total) bytes in all")
            for format in [ImageFormat.jpeg, .webp] {
                let files = processed.variants.filter { $0.format == format }
                let sum = files.reduce(0) { $0 + $1.bytes.count }
                let largest = files.last?.bytes.count ?? 0
                print(
                    "  \(format.fileExtension): \(sum) bytes for \(files.count) widths; largest \(largest) bytes"
                        + " (\(Int((Double(largest) / Double(bytes.count) * 100).rounded()))% of the original)")
            }
            let formatted = times.map { String(format: "%.3f s", $0) }.joined(separator: ", ")
            print("processing time: \(formatted)")
        }
    }
}
