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
        guard let args = try Output.open(arguments, spec: spec) else { return }
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
            _ = try ScenarioWriter.write(fit.scenario, to: out, tables: fit.scenario.zones.count > 300 || fit.scenario.demand.flows.count > 2000,
                                         inputs: [zonesPath, args.positionals[0]]) { written in
                Console.out(summary(fit, records: records, files: written))
            }
        } catch {
            throw CommandFailure(error, command: spec.name)
        }
    }

    static func summary(_ fit: Calibration, records: TripRecords, files: [String]) -> String {
        let count = ReportWords(.en).count
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
            let why = records.unusableDurations > 0 ? "no record has a usable duration (zero, less or over 30 days)" : "the records have no durations"
            lines.append("rides: \(why); ride times come from distances (demand.ride)")
        }
        lines.append("note: records are served trips; demand while a zone was empty is not in them (docs/real-data.md)")
        return lines.joined(separator: "\n") + "\n"
    }
}
