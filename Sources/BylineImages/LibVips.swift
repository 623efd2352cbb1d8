import CVips
import Synchronization

/// libvips' process-wide state: started once, its error buffer read and cleared per call.
enum LibVips {
    private static let started = Mutex<Int32?>(nil)

    static func start() throws {
        let status = started.withLock { state in
            if state == nil { state = byline_vips_start() }
            return state!
        }
        if status != 0 { throw ImageError.processing("libvips did not start") }
    }

    /// The last error libvips noted, on one line, and clears it.
    static func takeError() -> String {
        let text = String(cString: vips_error_buffer()).split(whereSeparator: \.isNewline).first.map(String.init)
        vips_error_clear()
        return text ?? "unknown error"
    }

    static func clearError() { vips_error_clear() }

    static func intField(_ image: UnsafeMutablePointer<VipsImage>, _ name: String) -> Int? {
        guard vips_image_get_typeof(image, name) != 0 else { return nil }
        var value: Int32 = 0
        guard vips_image_get_int(image, name, &value) == 0 else {
            vips_error_clear()
            return nil
        }
        return Int(value)
    }
}
