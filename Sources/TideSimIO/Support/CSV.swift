import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
/// RFC 4180 CSV: a reader that keeps each record's line number (for error messages), and a writer
/// that quotes only where needed and ends lines with CRLF as the RFC says.
public enum CSV {
    /// One record of a CSV file and the 1-based line it starts on.
    public struct Record: Sendable, Equatable {
        public let line: Int
        public let fields: [String]
    }

    /// A malformed CSV file.
    public struct SyntaxError: Error, Equatable, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }


    /// Quotes a field if it holds a comma, quote, CR or LF.
    public static func escape(_ field: String) -> String {
        if field.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) {
            return "\"" + field.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
        }
        return field
    }

    /// The first bytes of a cell that ``spreadsheetSafe(_:)`` may guard: `=`, `+`, `-`, `@`, tab, CR.
    static let formulaStarts: Set<UInt8> = [61, 43, 45, 64, 9, 13]

    /// A cell a spreadsheet will not run as a formula: text that starts with `=`, `+`, `-`, `@`,
    /// a tab or a carriage return gets a leading `'` (the OWASP practice); numbers, such as `-3.5`,
    /// are left alone. Used only with `--spreadsheet-safe`, so that pandas and R read ids unchanged
    /// by default.
    public static func spreadsheetSafe(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(field) == nil else { return field }
        return "'" + field
    }

    /// Renders a header (nil for none) and rows as one CSV text with CRLF line ends.
    public static func render(header: [String]?, rows: [[String]]) -> String {
        var out = header.map { $0.map(escape).joined(separator: ",") + "\r\n" } ?? ""
        out.reserveCapacity(rows.count * 64)
        for row in rows { out += row.map(escape).joined(separator: ",") + "\r\n" }
        return out
    }
}
