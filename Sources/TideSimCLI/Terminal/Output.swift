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
}
