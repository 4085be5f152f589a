import TideSimEngine
import TideSimModel
import TideSimCore
@_spi(RawBytes) import TideSimBuffers
/// Writes JSON deterministically: keys in the order given, numbers in the shortest form that reads
/// back to the same double, integral values without a decimal point, non-finite numbers as null.
///
/// A writer is used by one document at a time (``render(_:pretty:)``, or the streaming pieces of
/// `JSONWriter+Streaming.swift` through `inout`): its bytes live in a buffer that copies share.
public struct JSONWriter {
    /// The document so far, as UTF-8 bytes in raw memory (appending bytes, not `String` pieces,
    /// and without an array's per-append checks, is what makes a large document fast).
    let out = ByteBuffer()
    let indentUnit: String?
    /// The containers a streamed document has open (``beginObject()``, ``beginArray(inline:)``).
    var openContainers: [(count: Int, inline: Bool)] = []

    /// A writer that indents by two spaces when `pretty`, else writes one line.
    public init(pretty: Bool = true) { indentUnit = pretty ? "  " : nil }

    /// Renders a value as text (with a final newline when pretty).
    public static func render(_ value: JSONValue, pretty: Bool = true) -> String {
        var w = JSONWriter(pretty: pretty)
        w.write(value, level: 0)
        if pretty { w.out.append(UInt8(ascii: "\n")) }
        return w.out.string
    }

    /// Formats a number as JSON and CSV write it: `3`, `0.25`, `1e-07`; null for NaN/infinity.
    public static func format(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    @inline(__always) mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { out.append($0) }
    }

    @inline(__always) private mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { out.append($0) }
    }

    /// A newline and `2 × level` spaces, appended at once (a static string: read in place, with
    /// no array to retain; a report writes a million of them).
    private static let newlineAndSpaces: StaticString = "\n                                                                "

    mutating func newline(_ level: Int) {
        guard indentUnit != nil else { return }
        var spaces = 2 * level
        let n = min(spaces, 64)
        out.append(UnsafeBufferPointer(start: JSONWriter.newlineAndSpaces.utf8Start, count: 1 + n))
        spaces -= n
        while spaces > 0 { out.append(UInt8(ascii: " ")); spaces -= 1 }
    }

    /// A number as ``format(_:)`` writes it, without a String.
    mutating func number(_ x: Double) { out.append(number: x) }

    mutating func write(_ value: JSONValue, level: Int) {
        switch value {
        case .null: append("null")
        case .bool(let b): append(b ? "true" : "false")
        case .number(let x): number(x)
        case .integer(let n): append(String(n))
        case .string(let s): quote(s)
        case .array(let items):
            if items.isEmpty { append("[]"); return }
            let inline = items.allSatisfy { if case .array = $0 { return false }; if case .object = $0 { return false }; return true }
            append("[")
            for (i, item) in items.enumerated() {
                if i > 0 { if inline && indentUnit != nil { append(", ") } else { append(",") } }
                if !inline { newline(level + 1) }
                write(item, level: level + 1)
            }
            if !inline { newline(level) }
            append("]")
        case .object(let members):
            if members.isEmpty { append("{}"); return }
            append("{")
            for (i, member) in members.enumerated() {
                if i > 0 { append(",") }
                newline(level + 1)
                quote(member.key)
                if indentUnit == nil { append(":") } else { append(": ") }
                write(member.value, level: level + 1)
            }
            newline(level)
            append("}")
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A JSON string: quotes, backslashes and control characters escaped, everything else as its
    /// UTF-8 bytes.
    mutating func quote(_ s: String) {
        out.append(UInt8(ascii: "\""))
        // Most strings (ids, names, keys) need no escape: one append, read in place.
        let plain: Bool? = s.utf8.withContiguousStorageIfAvailable { bytes in
            // (0x7F is DEL; 0xC2 starts the C1 controls, escaped too: see below.)
            for b in bytes where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b == 0x7F || b == 0xC2 { return false }
            out.append(bytes)
            return true
        }
        if plain == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        // Every control character is escaped (C0, DEL, and C1, which UTF-8 writes as 0xC2 then
        // 0x80-0x9F), so a document can be printed to a terminal as it is.
        var s = s
        s.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                i += 1
                if b == 0xC2, i < bytes.count, (0x80...0x9F).contains(bytes[i]) {
                    escape(bytes[i])
                    i += 1
                    continue
                }
                switch b {
                case UInt8(ascii: "\""): append("\\\"")
                case UInt8(ascii: "\\"): append("\\\\")
                case UInt8(ascii: "\n"): append("\\n")
                case UInt8(ascii: "\r"): append("\\r")
                case UInt8(ascii: "\t"): append("\\t")
                case 0..<0x20, 0x7F: escape(b)
                default: out.append(b)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// A character below U+0100 as `\u00XX`.
    private mutating func escape(_ code: UInt8) {
        append("\\u00")
        out.append(JSONWriter.hexDigits[Int(code >> 4)])
        out.append(JSONWriter.hexDigits[Int(code & 15)])
    }
}
