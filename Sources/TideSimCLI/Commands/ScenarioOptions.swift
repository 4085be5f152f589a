import Foundation
import Suggestions
import ArgumentParsing
import TideSim

/// Options shared by the commands that load a scenario: what-ifs and seeds.
enum ScenarioOptions {
    static let whatIf: [OptionSpec] = [
        .value("--fleet", "N", "What-if: rescale the zones' initial bikes so the whole fleet is N bikes, or changes by a percentage (-30%, +10%)."),
        .value("--set", "PATH=VALUE", "What-if: override one scenario field, e.g. trucks.count=6, zones[metro-sq].capacity=200, demand.scale=1.2. Repeatable.", repeats: true),
    ]

    /// Loads the scenario named by the first positional argument, with `--set`, `--fleet` and,
    /// when given, `--policy` (as an override of `policy.name`, so the scenario is checked for it).
    static func load(_ args: ParsedArguments, command: String) throws(CommandFailure) -> Scenario {
        do {
            return try load(args)
        } catch {
            throw CommandFailure(error, command: command)
        }
    }

    /// The same, with more `--set` texts after the user's and a `--fleet` value that replaces
    /// theirs (a sweep's grid point).
    static func load(_ args: ParsedArguments, moreSets: [String] = [], fleet fleetText: String? = nil) throws(TideSimError) -> Scenario {
        var overrides: [Override] = []
        for text in args.all("--set") + moreSets { overrides.append(try Override(parsing: text)) }
        if let name = args.value("--policy") {
            try checkPolicyName(name, flag: "--policy")
            overrides.append(try Override(parsing: "policy.name=\"\(name)\"", origin: "--policy \(name)"))
        }
        let fleet = try fleetTarget(fleetText ?? args.value("--fleet"))
        var scenario = try ScenarioLoader.load(path: args.positionals[0], overrides: overrides, fleet: fleet)
        // --policy is the policy of the run: every operator's trucks follow it.
        if let name = args.value("--policy") {
            for o in scenario.operators.indices where !scenario.operators[o].fleets.isEmpty { scenario.operators[o].policy = name }
        }
        if let fleet { warnIfOverCapacity(scenario, fleet: fleet.description) }
        return scenario
    }

    /// A warning (the run goes on) when `--fleet N` leaves zones above their capacity before the
    /// day starts: how many, by how much, and the worst.
    static func warnIfOverCapacity(_ scenario: Scenario, fleet: String) {
        if let warning = ScenarioText.overCapacityWarning(scenario, fleet: fleet) { Console.err(warning) }
    }

    /// What produced a run: the file, the scenario, the seed, the policies and the what-ifs as typed.
    static func provenance(_ args: ParsedArguments, scenario: Scenario, seed: UInt64, policies: [String], replications: Int)
        -> Provenance
    {
        let replay = args.value("--replay").map { ["--replay \($0) --date \(args.value("--date") ?? "")"] } ?? []
        let whatIfs = replay + args.all("--set").map { "--set \($0)" } + (args.value("--fleet").map { ["--fleet \($0)"] } ?? [])
        return Provenance(scenarioFile: args.positionals[0], scenarioName: scenario.name, seed: seed, policies: policies,
                          replications: replications, whatIfs: whatIfs)
    }

    /// `--replay TRIPS --date D` and the record options it shares with `calibrate`.
    static let replayOptions: [OptionSpec] = [
        .value("--replay", "TRIPS", "Replay a real day: every trip record of --date is one attempt (any layout calibrate reads; - for standard input)."),
        .value("--date", "DATE", "The day to replay, YYYY-MM-DD (with --replay)."),
        .value("--snap", "METERS", "With --replay: match records without a known station id to the nearest zone within this distance (default 200)."),
        .value("--columns", "MAP", "With --replay: the columns of another layout, as for calibrate."),
    ]

    /// The model with its attempts replayed from `--replay` records of `--date`, or as it is.
    static func replay(_ args: ParsedArguments, scenario: Scenario, model: Model, command: String) throws(CommandFailure) -> Model {
        guard let file = args.value("--replay") else {
            for flag in ["--date", "--snap", "--columns"] where args.value(flag) != nil {
                throw CommandFailure(usage: "\(flag) goes with --replay TRIPS", command: command)
            }
            return model
        }
        guard let text = args.value("--date") else { throw CommandFailure(usage: "--replay needs --date YYYY-MM-DD: the day to replay", command: command) }
        guard let date = CivilDate(parsing: text) else {
            throw CommandFailure(usage: "--date expects a date YYYY-MM-DD, got \(Quote.input(text))", command: command)
        }
        let options = try TripOptions.read(args, command: command, days: .all)
        do throws(TideSimError) {
            let records = try Replay.records(of: date, path: file, scenario: scenario, options: options)
            TripOptions.reportUnmatched(records, command: String(command.split(separator: " ").last ?? ""), file: file)
            let replaying = try Replay.model(model, replaying: records, of: date, path: file, scenario: scenario, snapMeters: options.snapMeters)
            if scenario.demand.scale != 1 {
                Console.err("warning: demand.scale \(Format.number(scenario.demand.scale, decimals: 2)) scales drawn flows only; the \(records.trips.count) replayed records are replayed as they are")
            }
            return replaying
        } catch {
            throw CommandFailure(error, command: command)
        }
    }

    /// `--lang L`: the language of the text and HTML reports.
    static let language = OptionSpec.value("--lang", "L", "Language of the text and HTML reports: en or zh (default: TIDESIM_LANG, else en).")

    /// The reports' language from `--lang`, else `TIDESIM_LANG`, else English.
    static func language(_ args: ParsedArguments, command: String) throws(CommandFailure) -> ReportLanguage {
        do {
            return try ReportLanguage.choose(flag: args.value("--lang"), environment: ProcessInfo.processInfo.environment["TIDESIM_LANG"])
        } catch {
            throw CommandFailure(error, command: command)
        }
    }

    /// `--replications`, `--threads` and `--seed`, shared by run, compare and sweep.
    static func replicationSettings(_ args: ParsedArguments, defaultReplications: Int, command: String) throws(CommandFailure)
        -> (replications: Int, threads: Int, seed: UInt64?)
    {
        (try count(args, "--replications", default: defaultReplications, in: 1...100_000, command: command),
         try count(args, "--threads", default: Replications.defaultThreads, in: 1...1024, command: command),
         try seed(args, command: command))
    }

    /// The built-in policies for help texts: `none, threshold, predictive or rebalance`.
    static var policyList: String {
        let names = PolicyCatalog.names
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    /// A usage error for a name that is not a built-in policy.
    static func checkPolicyName(_ name: String, flag: String) throws(TideSimError) {
        guard !PolicyCatalog.names.contains(name) else { return }
        let hint = Suggestion.hint(for: name, among: PolicyCatalog.names)
        throw .usage("\(flag): unknown policy '\(name)'\(hint); expected one of: \(PolicyCatalog.names.joined(separator: ", "))")
    }

    /// `--fleet N` or `--fleet ±P%`, or nil when absent.
    static func fleetTarget(_ text: String?) throws(TideSimError) -> FleetTarget? {
        guard let text else { return nil }
        guard let target = FleetTarget(parsing: text) else {
            throw .usage("--fleet expects a whole number of bikes from 0 to \(FleetTarget.maximumBikes), or a change in percent above -100% and up to +1000% such as -30% or +10%, got \(Quote.input(text))")
        }
        return target
    }

    /// `--shard I/N` (sweep and plan): the I-th of N slices, or nil when absent.
    static func shard(_ args: ParsedArguments) throws(TideSimError) -> (index: Int, count: Int)? {
        guard let text = args.value("--shard") else { return nil }
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 1, i <= n else {
            throw .usage("--shard expects I/N with 1 <= I <= N, such as 3/8, got \(Quote.input(text))")
        }
        return (i, n)
    }

    /// An integer option within a range, or nil when absent.
    static func integer(_ args: ParsedArguments, _ name: String, in range: ClosedRange<Int>) throws(TideSimError) -> Int? {
        try integer(args.value(name), name, in: range)
    }

    /// An integer option's text within a range, or nil when absent.
    static func integer(_ text: String?, _ name: String, in range: ClosedRange<Int>) throws(TideSimError) -> Int? {
        guard let text else { return nil }
        guard let n = Int(text), range.contains(n) else {
            throw .usage("\(name) expects a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return n
    }

    /// `--seed S`: any unsigned 64-bit integer.
    static func seed(_ args: ParsedArguments, command: String) throws(CommandFailure) -> UInt64? {
        guard let text = args.value("--seed") else { return nil }
        guard let s = UInt64(text) else {
            throw CommandFailure(usage: "--seed expects a whole number from 0 to \(UInt64.max), got '\(text)'", command: command)
        }
        return s
    }

    /// An integer option, reported as a usage error.
    static func count(_ args: ParsedArguments, _ name: String, default value: Int, in range: ClosedRange<Int>,
                      command: String) throws(CommandFailure) -> Int {
        do {
            return try integer(args, name, in: range) ?? value
        } catch {
            throw CommandFailure(error, command: command)
        }
    }
}
