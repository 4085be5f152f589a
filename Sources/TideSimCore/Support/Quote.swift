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
        guard hasControls(s, keeping: keeping) else { return s }
        var out = ""
        for u in s.unicodeScalars {
            if isControl(u) && !keeping.contains(u) { out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}" } else { out.unicodeScalars.append(u) }
        }
        return out
    }

    static func isControl(_ u: Unicode.Scalar) -> Bool { u.value < 0x20 || (0x7F...0x9F).contains(u.value) }

    /// Whether `s` has a control character not in `keeping`, read from its UTF-8 bytes (a C1
    /// control is 0xC2 then 0x80-0x9F): a 34 MB report is checked at memory speed, not scalar by
    /// scalar.
    static func hasControls(_ s: String, keeping: Set<Unicode.Scalar>) -> Bool {
        var kept: UInt32 = 0     // bit b: C0 control b is kept
        for u in keeping where u.value < 0x20 { kept |= 1 << u.value }
        let keepsDelete = keeping.contains("\u{7F}")
        var s = s
        return s.withUTF8 { bytes in
            var previous: UInt8 = 0
            for b in bytes {
                if b < 0x20 {
                    if kept & (1 << UInt32(b)) == 0 { return true }
                } else if b == 0x7F {
                    if !keepsDelete { return true }
                } else if previous == 0xC2 && b >= 0x80 && b <= 0x9F {
                    if !keeping.contains(Unicode.Scalar(UInt32(b))!) { return true }
                }
                previous = b
            }
            return false
        }
    }

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
