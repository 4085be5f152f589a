/// Writes JSON deterministically: keys in the order given, numbers in the shortest form that reads
/// back to the same double, integral values without a decimal point, non-finite numbers as null.
public struct JSONWriter {
    private var out = ""
    private let indentUnit: String?

    /// A writer that indents by two spaces when `pretty`, else writes one line.
    public init(pretty: Bool = true) { indentUnit = pretty ? "  " : nil }

    /// Renders a value as text (with a final newline when pretty).
    public static func render(_ value: JSONValue, pretty: Bool = true) -> String {
        var w = JSONWriter(pretty: pretty)
        w.write(value, level: 0)
        if pretty { w.out += "\n" }
        return w.out
    }

    /// Formats a number as JSON and CSV write it: `3`, `0.25`, `1e-07`; null for NaN/infinity.
    public static func format(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    private mutating func newline(_ level: Int) {
        guard let unit = indentUnit else { return }
        out += "\n" + String(repeating: unit, count: level)
    }

    private mutating func write(_ value: JSONValue, level: Int) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let x): out += JSONWriter.format(x)
        case .integer(let n): out += String(n)
        case .string(let s): JSONWriter.quote(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            let inline = items.allSatisfy { if case .array = $0 { return false }; if case .object = $0 { return false }; return true }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += inline && indentUnit != nil ? ", " : "," }
                if !inline { newline(level + 1) }
                write(item, level: level + 1)
            }
            if !inline { newline(level) }
            out += "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{"
            for (i, member) in members.enumerated() {
                if i > 0 { out += "," }
                newline(level + 1)
                JSONWriter.quote(member.key, into: &out)
                out += indentUnit == nil ? ":" : ": "
                write(member.value, level: level + 1)
            }
            newline(level)
            out += "}"
        }
    }

    private static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
