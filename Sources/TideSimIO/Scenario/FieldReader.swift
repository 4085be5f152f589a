import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
import Suggestions
/// Reads typed values out of a parsed JSON tree, recording every problem with its place instead of
/// stopping at the first, so that a user sees all the mistakes of a scenario in one go.
struct FieldReader {
    private(set) var issues: [ScenarioIssue] = []

    mutating func report(_ place: Place, _ message: String) {
        issues.append(ScenarioIssue(place, message))
    }

    /// An object's members, with unknown keys reported (with a suggestion for likely typos).
    /// `null` members are treated as absent.
    mutating func object(_ value: JSONValue, at place: Place, allowed: [String]) -> Members? {
        guard case .object(let members) = value else {
            report(place, "expected an object, got \(value.typeDescription)")
            return nil
        }
        var clean = true
        for member in members {
            if case .null = member.value { clean = false; continue }
            guard !allowed.contains(member.key) else { continue }
            clean = false
            let hint = Suggestion.hint(for: member.key, among: allowed)
            report(place.child(member.key), "unknown key\(hint); expected one of: \(allowed.joined(separator: ", "))")
        }
        // Most objects (every table row) have only known, non-null members: no copy then.
        if clean { return Members(place: place, members: members) }
        return Members(place: place, members: members.filter { allowed.contains($0.key) && $0.value != .null })
    }

    /// A number within `range`, or the default when absent; nil (and an issue) when invalid, or
    /// when absent without a default and `required`.
    mutating func number(_ m: Members, _ key: String, default value: Double? = nil, in range: ClosedRange<Double>,
                         integer: Bool = false, required: Bool = false) -> Double? {
        // The place is built only for a report: building its path for every field read is what
        // made a 164,000-row table slow to check.
        var place: Place { m.place.child(key) }
        guard let raw = m[key] else {
            if required { report(place, "missing; expected \(integer ? "a whole number" : "a number") \(describe(range))") }
            return value
        }
        guard case .number(let x) = raw else {
            if case .string(let s) = raw {
                report(place, "expected \(integer ? "a whole number" : "a number"), got \(Quote.input(s))")
            } else {
                report(place, "expected \(integer ? "a whole number" : "a number"), got \(raw.typeDescription)")
            }
            return nil
        }
        if integer && x != x.rounded() {
            report(place, "must be a whole number, got \(JSONWriter.format(x))")
            return nil
        }
        guard range.contains(x) else {
            report(place, "must be \(describe(range)), got \(JSONWriter.format(x))")
            return nil
        }
        return x
    }

    /// A whole number within `range`.
    mutating func int(_ m: Members, _ key: String, default value: Int? = nil, in range: ClosedRange<Int>,
                      required: Bool = false) -> Int? {
        number(m, key, default: value.map(Double.init), in: Double(range.lowerBound)...Double(range.upperBound),
               integer: true, required: required).map { Int($0) }
    }

    /// A string, or the default when absent.
    mutating func string(_ m: Members, _ key: String, default value: String? = nil, required: Bool = false,
                         nonEmpty: Bool = false) -> String? {
        var place: Place { m.place.child(key) }
        guard let raw = m[key] else {
            if required { report(place, "missing; expected a string") }
            return value
        }
        guard case .string(let s) = raw else {
            if case .number(let x) = raw, m.place.csvLine != nil { return JSONWriter.format(x) }
            report(place, "expected a string, got \(raw.typeDescription)")
            return nil
        }
        if nonEmpty && s.allSatisfy({ $0 == " " || $0 == "\t" }) {
            report(place, "must not be empty")
            return nil
        }
        return s
    }

    /// One of a fixed set of strings.
    mutating func choice(_ m: Members, _ key: String, default value: String, among options: [String]) -> String? {
        guard let s = string(m, key, default: value) else { return nil }
        guard options.contains(s) else {
            let hint = Suggestion.hint(for: s, among: options)
            report(m.place.child(key), "unknown value \(Quote.input(s))\(hint); expected one of: \(options.joined(separator: ", "))")
            return nil
        }
        return s
    }

    /// An array of time windows (shifts): each element read as ``window(_:at:)``.
    mutating func windows(_ raw: JSONValue, at place: Place, example: String) -> [TimeWindow] {
        guard case .array(let items) = raw else {
            report(place, "expected an array of time windows such as [\"\(example)\"], got \(raw.typeDescription)")
            return []
        }
        return items.indices.compactMap { window(items[$0], at: place.index($0)) }
    }

    /// A time window `"HH:MM-HH:MM"`.
    mutating func window(_ raw: JSONValue, at place: Place) -> TimeWindow? {
        guard case .string(let s) = raw else {
            report(place, "expected a time window such as \"06:30-10:00\", got \(raw.typeDescription)")
            return nil
        }
        guard let w = TimeWindow(parsing: s) else {
            report(place, "expected a time window \"HH:MM-HH:MM\" (00:00 to 24:00, start and end different), got \(Quote.input(s))")
            return nil
        }
        return w
    }

    /// A clock time `"HH:MM"` (00:00 to 23:59), in seconds after midnight.
    mutating func clock(_ m: Members, _ key: String) -> Int? {
        guard let raw = m[key] else { return nil }
        guard case .string(let s) = raw, let t = TimeWindow.clock(Substring(s)), t < 86_400 else {
            let got: String
            if case .string(let s) = raw { got = "\(Quote.input(s))" } else { got = raw.typeDescription }
            report(m.place.child(key), "expected a clock time \"HH:MM\" from 00:00 to 23:59, got \(got)")
            return nil
        }
        return t
    }

    /// A threshold: a fraction of capacity from 0 to `maximum`. A value above the maximum that
    /// reads as a percent (`90`) is refused with the fraction it probably meant.
    mutating func fraction(_ m: Members, _ key: String, default value: Double? = nil, maximum: Double) -> Double? {
        guard let x = number(m, key, default: value, in: 0...Double.greatestFiniteMagnitude) else { return nil }
        guard x <= maximum else {
            let hint = x <= 1000 ? "; thresholds are fractions of capacity, so write \(JSONWriter.format(x / 100)) for \(JSONWriter.format(x))%" : ""
            report(m.place.child(key), "must be a fraction of capacity between 0 and \(JSONWriter.format(maximum)), got \(JSONWriter.format(x))\(hint)")
            return nil
        }
        return x
    }

    private func describe(_ range: ClosedRange<Double>) -> String {
        let lo = JSONWriter.format(range.lowerBound), hi = JSONWriter.format(range.upperBound)
        if range.upperBound == .greatestFiniteMagnitude { return ">= \(lo)" }
        return "between \(lo) and \(hi)"
    }
}

/// The accepted members of one object and its place.
struct Members {
    /// Where the object is; for a table row, made only when asked (for an error), since a
    /// table of 164,000 rows is read without one.
    var place: Place { rows.map { $0.place(ofRow: row) } ?? objectPlace! }
    private let objectPlace: Place?
    /// An object's members; or, for a row of a table kept as columns, the table and the row.
    private let members: [(key: String, value: JSONValue)]
    private let rows: TableRows?
    private let row: Int, start: Int

    init(place: Place, members: [(key: String, value: JSONValue)]) {
        objectPlace = place
        self.members = members
        rows = nil
        row = 0
        start = 0
    }

    init(rows: TableRows, row: Int) {
        objectPlace = nil
        members = []
        self.rows = rows
        self.row = row
        start = row * rows.cells.columns.count
    }

    /// For a row of a table kept as columns: where its cells start in the table's cells.
    var tableStart: Int? { rows == nil ? nil : start }

    subscript(key: String) -> JSONValue? {
        guard let rows else { return members.first(where: { $0.key == key })?.value }
        return rows.cells.cell(start, key)
    }
}

/// A table's rows as the decoder reads them: the cells, and what it takes to place an error
/// (the array's place in the scenario, the CSV file and each row's line).
final class TableRows {
    let cells: TableCells
    private let arrayPlace: Place, file: String, lines: [Int]

    init(cells: TableCells, place: Place, file: String, lines: [Int]) {
        self.cells = cells
        arrayPlace = place
        self.file = file
        self.lines = lines
    }

    var count: Int { lines.count }

    func place(ofRow i: Int) -> Place { arrayPlace.csvRow(i, file: file, line: lines[i]) }
}

/// A CSV table kept as columns: its header and one value per row and column, row after row
/// (`.null` for an empty cell). One object shared by the rows' ``Members``.
final class TableCells: @unchecked Sendable {
    let columns: [String]
    let cells: [JSONValue]

    init(columns: [String], cells: [JSONValue]) {
        self.columns = columns
        self.cells = cells
    }

    /// The column read after the last one: rows are read field by field in the same order, so
    /// the column asked for is nearly always this one, or the last one again (a comparison of
    /// equal short strings is a compare of their bits; unequal ones take a slower path, so a
    /// search compares only names of the same length). Rows of one table are read on one thread.
    private var nextColumn = 0

    /// The cell of column `key` in the row starting at `start`; nil when empty or no such column.
    func cell(_ start: Int, _ key: String) -> JSONValue? {
        guard let c = column(key) else { return nil }
        nextColumn = c + 1
        let v = cells[start + c]
        return v == .null ? nil : v
    }

    /// The index of column `key`; nil when the table has none.
    func index(of key: String) -> Int? { columns.firstIndex(of: key) }

    private func column(_ key: String) -> Int? {
        let next = nextColumn
        if next < columns.count && columns[next] == key { return next }
        if next > 0 && columns[next - 1] == key { return next - 1 }
        let length = key.utf8.count
        return columns.indices.first { columns[$0].utf8.count == length && columns[$0] == key }
    }
}
