import TideSimBuffers
/// Where in the input a value sits: a JSON path in the scenario file (`zones[3].capacity`) or a
/// row and column of a CSV table beside it (`line 17, column from`).
public struct Place: Sendable, Equatable, CustomStringConvertible {
    /// The file as the user named it.
    public let file: String
    /// The JSON path is kept in parts and joined only when asked for (in an error message or to
    /// tie an error to a `--set`): checking a table of 164,000 rows builds no path at all.
    private let prefix: String
    private let index: Int?
    private let key: String?
    /// The CSV line of the row, when the value came from a table.
    public let csvLine: Int?
    /// The CSV column, when the value came from a table.
    let csvColumn: String?

    /// The JSON path of the value in the scenario after tables are inlined, used to tie an error
    /// to a `--set` override (`zones[3].capacity`, `demand.flows[2].from`).
    public var jsonPath: String {
        var path = prefix
        if let index { path += "[\(index)]" }
        if let key { path += path.isEmpty ? key : "." + key }
        return path
    }

    /// The root of a scenario file.
    public init(file: String) {
        self.init(file: file, jsonPath: "", csvLine: nil, csvColumn: nil)
    }

    package init(file: String, jsonPath: String, csvLine: Int?, csvColumn: String?) {
        self.init(file: file, prefix: jsonPath, index: nil, key: nil, csvLine: csvLine, csvColumn: csvColumn)
    }

    private init(file: String, prefix: String, index: Int?, key: String?, csvLine: Int?, csvColumn: String?) {
        self.file = file
        self.prefix = prefix
        self.index = index
        self.key = key
        self.csvLine = csvLine
        self.csvColumn = csvColumn
    }

    /// The place of a member.
    public func child(_ key: String) -> Place {
        let base = self.key == nil ? prefix : jsonPath
        return Place(file: file, prefix: base, index: self.key == nil ? index : nil, key: key,
                     csvLine: csvLine, csvColumn: csvLine == nil ? nil : key)
    }

    /// The place of an array element.
    public func index(_ i: Int) -> Place {
        Place(file: file, prefix: jsonPath, index: i, key: nil, csvLine: csvLine, csvColumn: csvColumn)
    }

    /// The place of a row of a CSV table that stands for element `i` of the array at this place.
    package func csvRow(_ i: Int, file csvFile: String, line: Int) -> Place {
        Place(file: csvFile, prefix: jsonPath, index: i, key: nil, csvLine: line, csvColumn: nil)
    }

    public static func == (a: Place, b: Place) -> Bool {
        a.file == b.file && a.jsonPath == b.jsonPath && a.csvLine == b.csvLine && a.csvColumn == b.csvColumn
    }

    /// The place as the user reads it: `zones[3].capacity` or `line 17, column from`; empty for a
    /// table as a whole (line 0: a gzip stream that is corrupt, found before any record is blamed).
    public var description: String {
        if csvLine == 0 { return "" }
        if let line = csvLine {
            return csvColumn.map { "line \(line), column \(Quote.bare($0))" } ?? "line \(line)"
        }
        return jsonPath.isEmpty ? "top level" : Quote.bare(jsonPath, limit: 160)
    }
}

/// One problem found in a scenario: `file: place: what was expected`.
public struct ScenarioIssue: Sendable, Equatable, CustomStringConvertible {
    public let place: Place
    public let message: String

    public init(_ place: Place, _ message: String) {
        self.place = place
        self.message = message
    }

    public var description: String {
        let where_ = place.description
        return "\(Quote.bare(place.file, limit: 200)): " + (where_.isEmpty ? "" : where_ + ": ") + message
    }
}

/// Errors of the library, each mapped by the command line to a sysexits code.
public enum TideSimError: Error, Sendable, CustomStringConvertible {
    /// A file that does not exist or cannot be read (exit 66).
    case inputMissing(path: String, reason: String)
    /// A scenario with one or more problems (exit 65); all of them are listed.
    case invalidScenario([ScenarioIssue])
    /// A bad command-line value, such as a `--set` path or value (exit 64).
    case usage(String)
    /// An output that cannot be written (exit 73).
    case cannotCreateOutput(path: String, reason: String)

    public var description: String {
        switch self {
        case .inputMissing(let path, let reason): return "\(Quote.bare(path, limit: 200)): \(reason)"
        case .invalidScenario(let issues): return issues.map(\.description).joined(separator: "\n")
        case .usage(let message): return message
        case .cannotCreateOutput(let path, let reason): return "\(path): cannot write: \(reason)"
        }
    }
}
