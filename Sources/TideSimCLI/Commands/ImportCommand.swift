import ArgumentParsing
import Foundation
import TideSim

/// `tidesim import gbfs`: a scenario from an operator's GBFS feed.
enum ImportCommand {
    static let spec = CommandSpec(
        name: "tidesim import",
        abstract: "Make a scenario from a GBFS feed (v2.0-v2.3, v3.0), or apply a city's MDS Policy (1.x, 2.x) to one.",
        discussion: """
            With gbfs DIR: reads station_information.json, station_status.json, free_bike_status.json
            (v2) or vehicle_status.json (v3), geofencing_zones.json and system_information.json where
            present. Stations become docked zones with zone id = station_id, so trip records join by id;
            virtual stations and free-floating vehicles become dockless zones (vehicles grouped into grid
            cells of --cell metres); cells where a ride may not end get capacity 0. The scenario has no
            demand: add it with tidesim calibrate. What cannot be placed is counted in one line on stderr.

            With mds-policy POLICY.json --geographies GEOGRAPHIES.json --zones SCENARIO.json: count
            rules with provider_ids over the whole area become the operators' quotas (operators of the
            same id; a scenario without operators gets one per provider, shares in proportion to the
            quotas); count rules over a geography cap the zones whose lat and lon lie inside it (a
            maximum shared by several zones is split by capacity, largest remainder); start_time,
            end_time and days make rush-hour windows; maximum 0 makes no-parking zones. Every other rule
            is listed on stderr as ignored.
            """,
        arguments: [ArgumentSpec("format", "gbfs or mds-policy."),
                    ArgumentSpec("path", "The directory of the feed's files (gbfs), or the policy file (mds-policy).")],
        options: [
            .value("--out", "SCENARIO.json", "The scenario to write (required)."),
            .value("--cell", "METERS", "gbfs: side of the grid cells free-floating vehicles are grouped into (default 100)."),
            .value("--cap", "N", "gbfs: parking capacity of a dockless zone: the city's cap per cell or per virtual station without a capacity (default 40)."),
            .value("--geographies", "FILE", "mds-policy: the MDS geographies the policy's rules name (required)."),
            .value("--zones", "SCENARIO", "mds-policy: the scenario the policy applies to (required)."),
        ])

    static func execute(_ arguments: [String]) throws(CommandFailure) {
        guard let args = try Output.open(arguments, spec: spec) else { return }
        guard ["gbfs", "mds-policy"].contains(args.positionals[0]) else {
            throw CommandFailure(usage: "unknown format \(Quote.input(args.positionals[0])); expected gbfs or mds-policy", command: spec.name)
        }
        guard let out = args.value("--out") else { throw CommandFailure(usage: "missing '--out <SCENARIO.json>'", command: spec.name) }
        guard out.hasSuffix(".json") else {
            throw CommandFailure(usage: "--out names the scenario file to write and ends in .json, got \(Quote.input(out))", command: spec.name)
        }
        if args.positionals[0] == "mds-policy" { return try importPolicy(args, out: out) }
        var settings = GBFSImport.Settings()
        if let text = args.value("--cell") {
            guard let m = Double(text), m >= 10, m <= 10_000 else {
                throw CommandFailure(usage: "--cell expects metres from 10 to 10000, got \(Quote.input(text))", command: spec.name)
            }
            settings.cellMeters = m
        }
        settings.docklessCapacity = try ScenarioOptions.count(args, "--cap", default: settings.docklessCapacity, in: 0...1_000_000, command: spec.name)
        do throws(TideSimError) {
            let (scenario, summary) = try GBFSImport.load(directory: args.positionals[1], settings: settings)
            // The note on what was not placed comes first: it is about the feed, whatever is written.
            if let note = summary.unplacedNote { Console.err("tidesim import: not placed: \(note)") }
            if let advice = summary.statusAdvice { Console.err("tidesim import: \(advice)") }
            let n = { (x: Int) in Format.number(Double(x)) }
            let count = ReportWords(.en).count
            var text = "GBFS \(summary.version): \(count(summary.stations, "station", "stations")) (\(n(summary.virtualStations)) virtual) with \(count(summary.bikesAtStations, "rentable bike", "rentable bikes")); "
            text += "\(count(summary.bikesInCells, "free-floating bike", "free-floating bikes")) in \(count(summary.cells, "cell", "cells")) of \(Format.number(settings.cellMeters)) m"
            text += summary.disabledOrReserved > 0 ? "; \(n(summary.disabledOrReserved)) disabled or reserved left out\n" : "\n"
            if summary.geofencingZones > 0 {
                text += "geofencing: \(count(summary.geofencingZones, "zone", "zones")) read; \(count(summary.noParkingCells, "cell lies", "cells lie")) where rides may not end (capacity 0)\n"
            }
            text += "no demand yet: add it with tidesim calibrate TRIPS.csv --zones \(out) --out NEW.json\n"
            let feed = GBFSImport.fileNames.map { FilePath.join(args.positionals[1], $0) }
            _ = try ScenarioWriter.write(scenario, to: out, tables: scenario.zones.count > 300, inputs: feed) { written in
                Console.out("wrote \(written.joined(separator: ", "))\n" + text)
            }
        } catch {
            throw CommandFailure(error, command: spec.name)
        }
    }

    /// `import mds-policy`: the scenario with the policy's quotas, caps and windows.
    private static func importPolicy(_ args: ParsedArguments, out: String) throws(CommandFailure) {
        guard let geographies = args.value("--geographies") else { throw CommandFailure(usage: "missing '--geographies <GEOGRAPHIES.json>'", command: spec.name) }
        guard let zonesPath = args.value("--zones") else { throw CommandFailure(usage: "missing '--zones <SCENARIO.json>'", command: spec.name) }
        let policy = args.positionals[1]
        do throws(TideSimError) {
            let base = try ScenarioLoader.load(path: zonesPath)
            let outcome = try MDSPolicyImport.apply(policy: policy, geographies: geographies, to: base, scenarioFile: zonesPath)
            for line in outcome.ignored { Console.err("tidesim import: ignored: \(line)") }
            let n = { (x: Int) in Format.number(Double(x)) }
            var text = "MDS policy: "
            text += outcome.quotas.isEmpty ? "no quotas" : "quotas " + outcome.quotas.map { "\($0.operator) \(n($0.quota))" }.joined(separator: ", ")
            if outcome.operatorsMade > 0 { text += " (\(n(outcome.operatorsMade)) operators made from the providers, shares by quota)" }
            let count = ReportWords(.en).count
            text += "; \(count(outcome.capped, "zone cap", "zone caps")), \(count(outcome.windows, "rush-hour window", "rush-hour windows")), "
                + "\(n(outcome.noParking)) of them no-parking; \(count(outcome.ignored.count, "rule", "rules")) ignored\n"
            _ = try ScenarioWriter.write(outcome.scenario, to: out, tables: outcome.scenario.zones.count > 300,
                                         inputs: [zonesPath, policy, geographies]) { written in
                Console.out("wrote \(written.joined(separator: ", "))\n" + text)
            }
        } catch {
            throw CommandFailure(error, command: spec.name)
        }
    }
}
