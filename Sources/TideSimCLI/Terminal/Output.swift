import ArgumentParsing
import TideSim

/// Where the commands write files: one place that turns a failed write into the command's error.
enum Output {
    /// `--spreadsheet-safe`: CSV text cells a spreadsheet would run as formulas get a leading `'`.
    static let spreadsheetSafe = OptionSpec.flag("--spreadsheet-safe", "In CSV files, prefix text that a spreadsheet would run as a formula (=, +, -, @) with '.")

    /// Writes a set of files into a directory, all or nothing (``OutputDirectory``).
    static func write(_ files: [OutputFile], to directory: String, command: String, spreadsheetSafe: Bool = false) throws(CommandFailure) {
        do {
            try OutputDirectory.write(files, to: directory, spreadsheetSafe: spreadsheetSafe)
        } catch {
            throw CommandFailure(error, command: command)
        }
    }

    /// Writes one file atomically.
    static func write(_ contents: String, toFile path: String, command: String) throws(CommandFailure) {
        do {
            try OutputDirectory.writeFile(contents, to: path)
        } catch {
            throw CommandFailure(error, command: command)
        }
    }

    /// Starts an output set in a directory, for files written while a command works
    /// (``OutputDirectory/Staging``).
    static func staging(_ directory: String, command: String, spreadsheetSafe: Bool) throws(CommandFailure) -> OutputDirectory.Staging {
        do { return try OutputDirectory.Staging(directory: directory, spreadsheetSafe: spreadsheetSafe) } catch { throw CommandFailure(error, command: command) }
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

    /// Moves a set's files into place.
    static func commit(_ staging: OutputDirectory.Staging, command: String) throws(CommandFailure) {
        do { try staging.commit() } catch { throw CommandFailure(error, command: command) }
    }
}
