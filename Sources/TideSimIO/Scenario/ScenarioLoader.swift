import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
import Suggestions
import Foundation

/// Loads a scenario from disk: parses the JSON, inlines the CSV tables it names, applies `--set`
/// overrides, validates everything and applies `--fleet`.
public enum ScenarioLoader {
    /// Loads and validates a scenario file.
    /// - Parameters:
    ///   - path: The scenario file as the user named it (used in every message).
    ///   - overrides: `--set` what-ifs, applied in order before validation.
    ///   - fleet: `--fleet N`: rescale the zones' initial bikes so the fleet totals N.
    /// - Throws: ``TideSimError``: `inputMissing` for unreadable files, `invalidScenario` with
    ///   every problem, `usage` for a bad override or fleet.
    public static func load(path: String, overrides: [Override] = [], fleet: FleetTarget? = nil) throws(TideSimError) -> Scenario {
        let text = try readText(path)
        let defaultName = FilePath.removingExtension(FilePath.lastComponent(path))
        return try load(text: text, file: path, directory: FilePath.directoryPart(path),
                        defaultName: defaultName, overrides: overrides, fleet: fleet)
    }

    /// Loads a scenario from text; CSV tables are looked up in `tables` (name to contents: files
    /// about to be written), else in `directory`.
    public static func load(text: String, file: String, directory: String = ".", defaultName: String = "scenario",
                            overrides: [Override] = [], fleet: FleetTarget? = nil, tables memoryTables: [String: String] = [:]) throws(TideSimError) -> Scenario {
        var root: JSONValue
        do {
            root = try JSONParser.parse(text)
        } catch {
            throw .invalidScenario([ScenarioIssue(Place(file: file), "not valid JSON: \(error)")])
        }
        // A table that no override reaches into is kept as columns: no object per row.
        let keptAsColumns = Set(["zones", "demand"]).subtracting(overrides.compactMap {
            if case .key(let k)? = $0.steps.first { return k } else { return nil }
        })
        let tables = try inlineTables(&root, file: file, directory: directory, memoryTables: memoryTables, asColumns: keptAsColumns)
        var overridden: [(Override, String)] = []
        for o in overrides { overridden.append((o, try o.apply(to: &root))) }

        var decoder = ScenarioDecoder(file: file, defaultName: defaultName, tables: tables)
        var scenario: Scenario
        switch decoder.decode(root) {
        case .success(let s):
            scenario = s
        case .failure(.invalidScenario(let issues)):
            // A problem at or inside a field an override set, or at the object that holds it
            // (thresholds out of order), is the override's: a usage error naming it.
            for issue in issues {
                let path = issue.place.jsonPath
                if let (o, _) = overridden.last(where: { within(path, $0.1) || (!path.isEmpty && within($0.1, path)) }) {
                    throw .usage("\(o.origin): \(path): \(issue.message)\(o.hint(for: issue))")
                }
            }
            throw .invalidScenario(issues)
        case .failure(let other):
            throw other
        }
        if let fleet { try FleetRescaling.rescale(&scenario, to: fleet) }
        return scenario
    }

    /// Whether `path` is `prefix` or lies inside it.
    private static func within(_ path: String, _ prefix: String) -> Bool {
        path == prefix || path.hasPrefix(prefix + ".") || path.hasPrefix(prefix + "[")
    }

    /// A whole text file (a scenario or a GBFS document), read through ``InputFile``: devices,
    /// silent pipes and files over 1 GiB are refused with one line. Read with open(2)/read(2):
    /// FileManager.contents(atPath:) leaks a buffer on some files (found by the fuzzer).
    static func readText(_ path: String) throws(TideSimError) -> String {
        let bytes = try InputFile.readAll(path, what: "JSON document")
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .invalidScenario([ScenarioIssue(Place(file: path), "not UTF-8 text")])
        }
        return text
    }

    // MARK: - CSV tables

    /// The columns of each table, which are required and which hold numbers (``ScenarioFields``).
    private static let zoneColumns = ScenarioFields.csvColumns(of: "zones[]")
    private static let flowColumns = ScenarioFields.csvColumns(of: "demand.flows[]")

    /// Reads the CSV tables the scenario names into the tree, or, for the tables whose top-level
    /// key is in `asColumns`, into columns beside it (an empty array in the tree).
    private static func inlineTables(_ root: inout JSONValue, file: String, directory: String, memoryTables: [String: String],
                                     asColumns: Set<String>) throws(TideSimError)
        -> [String: ScenarioDecoder.TableOrigin]
    {
        guard case .object(var members) = root else { return [:] }
        var tables: [String: ScenarioDecoder.TableOrigin] = [:]
        var issues: [ScenarioIssue] = []
        if let i = members.firstIndex(where: { $0.key == "zones" }), case .string(let name) = members[i].value {
            if let (rows, origin) = try readTable(name, directory: directory, columns: zoneColumns, memoryTables: memoryTables,
                                                  asColumns: asColumns.contains("zones"), issues: &issues) {
                members[i].value = .array(rows)
                tables["zones"] = origin
            }
        }
        if let d = members.firstIndex(where: { $0.key == "demand" }), case .object(var demand) = members[d].value,
           let i = demand.firstIndex(where: { $0.key == "flows" }), case .string(let name) = demand[i].value {
            if let (rows, origin) = try readTable(name, directory: directory, columns: flowColumns, memoryTables: memoryTables,
                                                  asColumns: asColumns.contains("demand"), issues: &issues) {
                demand[i].value = .array(rows)
                members[d].value = .object(demand)
                tables["demand.flows"] = origin
            }
        }
        if !issues.isEmpty { throw .invalidScenario(issues) }
        root = .object(members)
        return tables
    }

    private static func readTable(_ name: String, directory: String,
                                  columns: (all: [String], required: [String], numeric: Set<String>),
                                  memoryTables: [String: String] = [:], asColumns: Bool, issues: inout [ScenarioIssue]) throws(TideSimError)
        -> ([JSONValue], ScenarioDecoder.TableOrigin)?
    {
        let path = name.hasPrefix("/") || directory.isEmpty ? name : FilePath.join(directory, name)
        // Read as bytes in a stream: numbers are parsed from the bytes, only text columns become
        // strings (a 164,000-row table is read without a String per cell).
        var reader: CSVStreamReader
        if let inMemory = memoryTables[name] { reader = CSVStreamReader(bytes: Array(inMemory.utf8)) } else { reader = try CSVStreamReader(path: path) }
        defer { reader.close() }
        func issue(_ line: Int, _ message: String) {
            issues.append(ScenarioIssue(Place(file: path, jsonPath: "", csvLine: line, csvColumn: nil), message))
        }
        let hasHeader: Bool
        do { hasHeader = try reader.next() } catch { issue(error.line, error.message); return nil }
        guard hasHeader else {
            issue(1, "empty table; expected a header row with \(columns.all.joined(separator: ","))")
            return nil
        }
        let headerLine = reader.line
        let header = (0..<reader.fieldCount).map { reader.validString($0) }
        guard !header.contains(nil) else { issue(headerLine, "not UTF-8 text"); return nil }
        let names = header.map { $0! }
        // A file whose first line names none of the columns is not such a table: say so without
        // echoing what it holds (it may be any file on the machine).
        guard names.contains(where: { columns.all.contains($0) }) else {
            issue(headerLine, "not a table of this kind: the first line names none of the columns \(columns.all.joined(separator: ","))")
            return nil
        }
        var ok = true
        for (i, n) in names.enumerated() where !columns.all.contains(n) || names[..<i].contains(n) {
            let hint = Suggestion.hint(for: n, among: columns.all)
            let what = columns.all.contains(n) ? "duplicate column \(Quote.input(n))" : "unknown column \(Quote.input(n))\(hint)"
            issue(headerLine, "\(what); expected columns \(columns.all.joined(separator: ","))")
            ok = false
        }
        for r in columns.required where !names.contains(r) {
            issue(headerLine, "missing column \(Quote.input(r))")
            ok = false
        }
        guard ok else { return nil }
        let numeric = names.map { columns.numeric.contains($0) }
        var rows: [JSONValue] = []
        var cells: [JSONValue] = []
        var lines: [Int] = []
        while true {
            do { guard try reader.next() else { break } } catch { issue(error.line, error.message); return nil }
            guard reader.fieldCount == names.count else {
                issue(reader.line, "expected \(names.count) fields as in the header, got \(reader.fieldCount)")
                continue
            }
            // A cell: a number in a numeric column, else text; nil when empty (or not UTF-8).
            func cell(_ i: Int) -> JSONValue? {
                switch reader.cell(i, numeric: numeric[i]) {
                case .empty: return nil
                case .number(let x): return .number(x)
                case .text(let text): return .string(text)
                case .notUTF8:
                    issue(reader.line, "not UTF-8 text")
                    return nil
                }
            }
            if asColumns {
                for i in 0..<names.count { cells.append(cell(i) ?? .null) }
            } else {
                var object: [(key: String, value: JSONValue)] = []
                object.reserveCapacity(names.count)
                for i in 0..<names.count { if let v = cell(i) { object.append((names[i], v)) } }
                rows.append(.object(object))
            }
            lines.append(reader.line)
        }
        var origin = ScenarioDecoder.TableOrigin(file: path, lines: lines)
        if asColumns { origin.cells = TableCells(columns: names, cells: cells) }
        return (rows, origin)
    }
}
