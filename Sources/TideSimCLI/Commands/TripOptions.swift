import ArgumentParsing
import TideSim

/// The options `calibrate` and `run --replay` share for reading trip records.
enum TripOptions {
    /// Reads `--days`, `--from`, `--to`, `--snap` and `--columns` when the command has them.
    static func read(_ args: ParsedArguments, command: String, days defaultDays: DaySelection = .weekdays) throws(CommandFailure) -> TripReader.Options {
        var o = TripReader.Options(columns: args.value("--columns"), days: defaultDays)
        if let text = args.value("--days") {
            guard let d = DaySelection(rawValue: text) else {
                throw CommandFailure(usage: "--days expects weekdays, weekends or all, got \(Quote.input(text))", command: command)
            }
            o.days = d
        }
        for (flag, keyPath) in [("--from", \TripReader.Options.from), ("--to", \TripReader.Options.to)] {
            guard let text = args.value(flag) else { continue }
            guard let date = CivilDate(parsing: text) else {
                throw CommandFailure(usage: "\(flag) expects a date YYYY-MM-DD, got \(Quote.input(text))", command: command)
            }
            o[keyPath: keyPath] = date
        }
        if let f = o.from, let t = o.to, f > t {
            throw CommandFailure(usage: "--from \(f) is after --to \(t)", command: command)
        }
        if let text = args.value("--snap") {
            guard let m = Double(text), m >= 0, m <= 100_000 else {
                throw CommandFailure(usage: "--snap expects metres from 0 to 100000, got \(Quote.input(text))", command: command)
            }
            o.snapMeters = m
        }
        return o
    }

    /// One line on stderr for the records that match no zone: counted, never silently dropped.
    /// Also one line for the records whose duration cannot be a ride's (kept, with their pair's
    /// mean ride time), so that `calibrate` and `run --replay` say the same about a file.
    static func reportUnmatched(_ r: TripRecords, command: String, file: String) {
        let n = { (x: Int) in Format.number(Double(x)) }
        let source = file == "-" ? "standard input" : file
        if r.unusableDurations > 0 {
            Console.err("tidesim \(command): \(n(r.unusableDurations)) matched records in \(source) have a duration of zero, less or over 30 days; "
                + "they are kept and ride for their pair's mean ride time")
        }
        guard r.unmatched > 0 else { return }
        let selected = r.records - r.notSelected
        Console.err("tidesim \(command): \(n(r.unmatched)) of \(n(selected)) selected records in \(source) match no zone "
            + "(\(n(r.unmatchedOrigin)) at the start, \(n(r.unmatchedDestination)) at the end: an unknown station id, or no zone within --snap) and are left out")
    }
}
