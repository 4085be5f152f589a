import TideSimBuffers
/// Input echoed in a message: quoted, with control characters escaped and a length cap, so that
/// an error stays one bounded line whatever the input holds.
public enum Quote {
    /// The longest input shown, in characters; the rest is summarised.
    public static let maximumLength = 60

    /// `'text'`, control characters as `\u{1B}`, cut after ``maximumLength`` characters with a count
    /// of the rest.
    public static func input(_ s: String) -> String { "'" + bare(s) + "'" }

    /// `s` with control characters (C0, DEL, C1) written as `\u{1B}`, except those in `keeping`.
    public static func escapingControls(_ s: String, keeping: Set<Unicode.Scalar> = []) -> String {
        guard s.unicodeScalars.contains(where: { isControl($0) && !keeping.contains($0) }) else { return s }
        var out = ""
        for u in s.unicodeScalars {
            if isControl(u) && !keeping.contains(u) { out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}" } else { out.unicodeScalars.append(u) }
        }
        return out
    }

    static func isControl(_ u: Unicode.Scalar) -> Bool { u.value < 0x20 || (0x7F...0x9F).contains(u.value) }

    /// `s` escaped like ``escapingControls(_:keeping:)``, without quotes, cut after `limit`
    /// characters with a count of the rest (a path of keys may get a longer cap than a value).
    public static func bare(_ s: String, limit: Int = maximumLength) -> String {
        let scalars = s.unicodeScalars
        guard scalars.count > limit else { return escapingControls(s) }
        var head = String.UnicodeScalarView()
        head.append(contentsOf: scalars.prefix(limit))
        return escapingControls(String(head)) + "… (\(scalars.count - limit) more characters)"
    }
}
