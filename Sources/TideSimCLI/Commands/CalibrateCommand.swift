import ArgumentParsing
import Foundation
import TideSim

/// `tidesim calibrate`: fit a scenario's demand to trip records.
enum CalibrateCommand {
    static let spec = CommandSpec(
        name: "tidesim calibrate",
        abstract: "Fit a scenario's demand (flows, hourly profiles, ride times) to trip records.",
        discussion: """
            Reads trip records (a file, or - for standard input) in a layout recognised from the header:
            Bay Area Bike Share 2013-15, Citi Bike before 2021, the 2021+ layout of Citi Bike, Divvy, Bay
            Wheels and Capital Bikeshare, Divvy 2019, Capital Bikeshare before 2020, Ford GoBike 2017-19,
            and the Mobike 2017 records (geohashes). Records match zones by station id, else by the
            nearest zone within --snap metres. tripsPerDay is the mean over the selected days of the
            records' date range. Writes the scenario of --zones with its demand replaced; its zones and
            flows go into CSV tables beside it when it has over 300 zones or 2,000 flows.
            """,
        arguments: [ArgumentSpec("trips", "The trip records (CSV), or - to read standard input.")],
        options: [
            .value("--zones", "SCENARIO", "The scenario whose zones the trips are matched to (required)."),
            .value("--out", "NEW.json", "The calibrated scenario to write (required)."),
            .value("--days", "D", "weekdays, weekends or all (default weekdays)."),
            .value("--from", "DATE", "First date used, YYYY-MM-DD (default: the first record's)."),
            .value("--to", "DATE", "Last date used, YYYY-MM-DD (default: the last record's)."),
            .value("--snap", "METERS", "Match records without a known station id to the nearest zone within this distance (default 200)."),
            .value("--columns", "MAP", "Columns of another layout: ROLE=COLUMN,... with roles start, end, duration, from, to, fromLat, fromLon, toLat, toLon, fromGeohash, toGeohash."),
        ])

    static func execute(_ arguments: [String]) throws(CommandFailure) {
        let args: ParsedArguments
        do { args = try ArgumentParser.parse(arguments, spec: spec) } catch { throw CommandFailure(error) }
        if args.helpRequested { Console.out(HelpRenderer.help(spec)); return }
        guard let zonesPath = args.value("--zones") else { throw CommandFailure(usage: "missing '--zones <SCENARIO>'", command: spec.name) }
        guard let out = args.value("--out") else { throw CommandFailure(usage: "missing '--out <NEW.json>'", command: spec.name) }
        guard out.hasSuffix(".json") else {
            throw CommandFailure(usage: "--out names the scenario file to write and ends in .json, got \(Quote.input(out))", command: spec.name)
        }
        let options = try TripOptions.read(args, command: spec.name)
        do {
            let base = try ScenarioLoader.load(path: zonesPath)
            let records = try TripReader.read(path: args.positionals[0], zones: base.zones, options: options)
            TripOptions.reportUnmatched(records, command: "calibrate", file: args.positionals[0])
            let fit = try Calibration.fit(base, records: records, options: options)
            let written = try ScenarioWriter.write(fit.scenario, to: out,
                                                   tables: fit.scenario.zones.count > 300 || fit.scenario.demand.flows.count > 2000)
            Console.out(summary(fit, records: records, files: written))
        } catch {
            throw CommandFailure(error, command: spec.name)
        }
    }

    static func summary(_ fit: Calibration, records: TripRecords, files: [String]) -> String {
        let n = { (x: Int) in Format.number(Double(x)) }
        func count(_ x: Int, _ one: String, _ many: String) -> String { "\(n(x)) \(x == 1 ? one : many)" }
        let d = fit.scenario.demand
        let perDay = d.flows.reduce(0) { $0 + $1.tripsPerDay }
        var lines = ["wrote \(files.joined(separator: ", "))",
                     "\(records.layout) layout: \(count(fit.trips, "trip", "trips")) on \(count(fit.days, "selected day", "selected days")) from \(fit.firstDay) to \(fit.lastDay)",
                     "demand: \(Format.number(perDay, decimals: 1)) trip attempts per day in \(count(d.flows.count, "flow", "flows")); hourly profiles: "
                        + "\(count(fit.pairProfiles, "pair", "pairs")), \(count(fit.originProfiles, "origin", "origins"))\(fit.sharedProfile ? ", 1 shared by the sparse rest" : "")"]
        if let m = fit.medianMinutes {
            var ride = "rides: median \(Format.number(m, decimals: 1)) min"
            if let cv = fit.fittedCV { ride += ", cv \(Format.number(cv, decimals: 2))" }
            if let s = fit.fittedSpeedKmh { ride += ", speed \(Format.number(s, decimals: 1)) km/h over the detoured distance" }
            lines.append(ride)
        } else {
            lines.append("rides: the records have no durations; ride times come from distances (demand.ride)")
        }
        lines.append("note: records are served trips; demand while a zone was empty is not in them (docs/real-data.md)")
        return lines.joined(separator: "\n") + "\n"
    }
}

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
    static func reportUnmatched(_ r: TripRecords, command: String, file: String) {
        guard r.unmatched > 0 else { return }
        let n = { (x: Int) in Format.number(Double(x)) }
        let selected = r.records - r.notSelected
        Console.err("tidesim \(command): \(n(r.unmatched)) of \(n(selected)) selected records in \(file == "-" ? "standard input" : file) match no zone "
            + "(\(n(r.unmatchedOrigin)) at the start, \(n(r.unmatchedDestination)) at the end: an unknown station id, or no zone within --snap) and are left out")
    }
}
