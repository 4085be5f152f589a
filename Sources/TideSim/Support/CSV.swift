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

    /// Parses text into records. Blank lines are skipped; a field may be quoted, with `""` for a
    /// quote inside; LF and CRLF line ends are both accepted.
    public static func parse(_ text: String) throws(SyntaxError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var fieldWasQuoted = false
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var i = 0
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
        }
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") {
                        field.append(b); i += 2; continue
                    }
                    inQuotes = false
                } else {
                    if b == UInt8(ascii: "\n") { line += 1 }
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case UInt8(ascii: ","):
                endField()
            case UInt8(ascii: "\""):
                guard field.isEmpty && !fieldWasQuoted else {
                    throw SyntaxError(line: line, message: "a quote inside an unquoted field (quote the whole field)")
                }
                inQuotes = true
                fieldWasQuoted = true
            case UInt8(ascii: "\r") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n"):
                break
            case UInt8(ascii: "\n"):
                endRecord()
                line += 1
                recordLine = line
            default:
                if fieldWasQuoted {
                    throw SyntaxError(line: line, message: "text after a closing quote")
                }
                field.append(b)
            }
            i += 1
        }
        if inQuotes { throw SyntaxError(line: recordLine, message: "unterminated quoted field") }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        return records
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
