import ArgumentParsing
import TideSim

/// Where the commands write files: one place that turns a failed write into the command's error.
///
/// Every command stages its files, checks that it may replace what is at the targets, prints
/// what it has to say, and only then moves the files into place: a standard output that fails
/// (a full disk, a closed pipe) leaves no file behind, and nothing is printed for a set that
/// would be refused.
enum Output {
    /// `--spreadsheet-safe`: CSV text cells a spreadsheet would run as formulas get a leading `'`.
    static let spreadsheetSafe = OptionSpec.flag("--spreadsheet-safe", "In CSV files, prefix text that a spreadsheet would run as a formula (=, +, -, @) with '.")

    /// The names `run --out` and `compare --out` write: an output directory holding only these
    /// is theirs to replace.
    static let outputSetNames: Set<String> = ["system.csv", "zones.csv", "holding.csv", "transfers.csv", "timeseries.csv", "paired.csv",
                                              "zones.geojson", "provenance.json", "plan.csv"]

    /// The opening every command shares: its arguments parsed against its spec, or nil when help
    /// was asked for (and printed).
    static func open(_ arguments: [String], spec: CommandSpec) throws(CommandFailure) -> ParsedArguments? {
        let args: ParsedArguments
        do { args = try ArgumentParser.parse(arguments, spec: spec) } catch { throw CommandFailure(error) }
        if args.helpRequested {
            Console.out(HelpRenderer.help(spec))
            return nil
        }
        return args
    }

    /// Starts an output set: the whole directory of `run --out` and `compare --out`, or files
    /// beside others in a directory (``OutputDirectory/Staging``).
    static func staging(_ directory: String, whole: Bool, command: String, spreadsheetSafe: Bool = false) throws(CommandFailure) -> OutputDirectory.Staging {
        do {
            return try OutputDirectory.Staging(directory: directory, mode: whole ? .wholeDirectory(replaceable: outputSetNames) : .filesInDirectory,
                                               spreadsheetSafe: spreadsheetSafe)
        } catch {
            throw CommandFailure(error, command: command)
        }
    }

    /// Stages one text file at `path` (an HTML report, a sweep's table).
    static func stageFile(_ contents: String, at path: String, command: String) throws(CommandFailure) -> OutputDirectory.Staging {
        let set = try staging(FilePath.parent(path), whole: false, command: command)
        try add([OutputFile(name: FilePath.lastComponent(path), text: contents)], to: set, command: command)
        return set
    }

    /// Starts a file of a set.
    static func begin(_ name: String, in staging: OutputDirectory.Staging, command: String) throws(CommandFailure) -> ByteSink {
        do { return try staging.begin(name) } catch { throw CommandFailure(error, command: command) }
    }

    /// Ends a file of a set.
    static func end(_ name: String, _ sink: inout ByteSink, in staging: OutputDirectory.Staging, command: String) throws(CommandFailure) {
        do { try staging.end(name, &sink) } catch { throw CommandFailure(error, command: command) }
    }

    /// Writes whole files into a set.
    static func add(_ files: [OutputFile], to staging: OutputDirectory.Staging, command: String) throws(CommandFailure) {
        do { for file in files { try staging.add(file) } } catch { throw CommandFailure(error, command: command) }
    }

    /// Checks that every set may replace what is at its targets (abandoning them all if not).
    static func check(_ sets: [OutputDirectory.Staging], command: String) throws(CommandFailure) {
        do {
            for set in sets { try set.check() }
        } catch {
            for set in sets { set.abandon() }
            throw CommandFailure(error, command: command)
        }
    }

    /// Moves the sets' files into place, in order.
    static func commit(_ sets: [OutputDirectory.Staging], command: String) throws(CommandFailure) {
        do {
            for set in sets { try set.commit() }
        } catch {
            for set in sets { set.abandon() }
            throw CommandFailure(error, command: command)
        }
    }

    /// The end of `run` and `compare`: `--out DIR`'s files (a whole-directory set), then the
    /// report. With `--html -` the page takes the report's place on standard output; with
    /// `--html FILE` it is written beside the other files, all moved into place after printing.
    static func finishReport(_ args: ParsedArguments, files: [OutputFile], sets: [OutputDirectory.Staging] = [], page: () -> String,
                             json: () -> String, text: () -> String, command: String) throws(CommandFailure) {
        var sets = sets
        if let dir = args.value("--out"), !files.isEmpty {
            let set = try staging(dir, whole: true, command: command, spreadsheetSafe: args.flag("--spreadsheet-safe"))
            try add(files, to: set, command: command)
            sets.append(set)
        }
        let html = args.value("--html")
        if html == "-" {
            try finish(sets, printing: page(), command: command)
        } else {
            if let html { sets.append(try stageFile(page(), at: html, command: command)) }
            // A JSON document escapes every control character itself (JSONWriter.quote): printed
            // as it is, not scanned again (a large city's document is tens of megabytes).
            let asJSON = args.flag("--json")
            try finish(sets, printing: asJSON ? json() : text(), escaped: asJSON, command: command)
        }
        // On a terminal, one line says what was written (scripts and pipes see nothing but errors).
        guard Console.stderrIsTerminal else { return }
        let written = (args.value("--out").map { [$0.hasSuffix("/") ? $0 : $0 + "/"] } ?? []) + (html.flatMap { $0 == "-" ? nil : [$0] } ?? [])
        if !written.isEmpty { Console.err("\(command): wrote \(written.joined(separator: " and "))") }
    }

    /// What a command does last: checks its sets, prints `text` to standard output (`escaped`:
    /// it has no control character but newlines), then moves the files into place.
    static func finish(_ sets: [OutputDirectory.Staging], printing text: String, escaped: Bool = false, command: String) throws(CommandFailure) {
        try check(sets, command: command)
        if escaped { Console.out(escaped: text) } else { Console.out(text) }
        try commit(sets, command: command)
    }
}
