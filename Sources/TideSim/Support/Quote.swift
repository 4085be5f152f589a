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

    /// The same, with another cap (a path of keys may be longer than a value).
    public static func bare(_ s: String, limit: Int) -> String { bare(s, maximum: limit) }

    /// The same, without the quotes (for a key inside a path).
    public static func bare(_ s: String) -> String { bare(s, maximum: maximumLength) }

    private static func bare(_ s: String, maximum: Int) -> String {
        var out = ""
        var shown = 0
        for u in s.unicodeScalars {
            if shown == maximum {
                return out + "… (\(s.unicodeScalars.count - shown) more characters)"
            }
            if isControl(u) {
                out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(u)
            }
            shown += 1
        }
        return out
    }
}
