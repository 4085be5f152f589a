import ArgumentParsing
import TideSim

/// `tidesim run`: simulate a scenario and report KPIs and hotspots.
enum RunCommand {
    static let spec = CommandSpec(
        name: "tidesim run",
        abstract: "Simulate a scenario and report the system KPIs and the hotspot table.",
        discussion: """
            Prints trip KPIs, the fleet against its cap, turnover, and the zones ranked by overflow
            bike-hours. With several replications every number is a mean with its 95% interval.
            """,
        arguments: [ArgumentSpec("scenario", "The scenario file (JSON).")],
        options: [
            .value("--policy", "P", "Transfer policy: \(ScenarioOptions.policyList) (default: the scenario's policy.name)."),
            .value("--replications", "N", "Independent replications (default 1)."),
            .value("--seed", "S", "Base seed (default: the scenario's seed)."),
        ] + ScenarioOptions.whatIf + ScenarioOptions.replayOptions + [
            .value("--threads", "N", "Worker threads for replications (default: all cores). Results do not depend on it."),
            .value("--top", "N", "Zones in the hotspot table (default 10)."),
            .value("--out", "DIR", "Write system.csv, zones.csv, holding.csv, transfers.csv, timeseries.csv, zones.geojson and provenance.json into DIR."),
            .value("--html", "FILE", "Write one self-contained HTML report: map, pressure heatmap, the day's state, hotspots."),
            Output.spreadsheetSafe,
            ScenarioOptions.language,
            .flag("--json", "Print one JSON document instead of the text report."),
        ])

    /// The most memory the recorded time series may take (bytes).
    static let timeSeriesLimit = 4e9

    static func execute(_ arguments: [String]) throws(CommandFailure) {
        let args: ParsedArguments
        do { args = try ArgumentParser.parse(arguments, spec: spec) } catch { throw CommandFailure(error) }
        if args.helpRequested { Console.out(HelpRenderer.help(spec)); return }
        let (replications, threads, seedFlag) = try ScenarioOptions.replicationSettings(args, defaultReplications: 1, command: spec.name)
        let top = try ScenarioOptions.count(args, "--top", default: 10, in: 1...1_000_000, command: spec.name)
        let language = try ScenarioOptions.language(args, command: spec.name)
        let scenario = try ScenarioOptions.load(args, command: spec.name)

        let model = try ScenarioOptions.replay(args, scenario: scenario, model: Model(scenario), command: spec.name)
        let seed = seedFlag ?? scenario.seed
        let recording = args.value("--out") != nil || args.value("--html") != nil
        // Say up front when the time series of --out or --html cannot fit, rather than fail later.
        let bytes = model.timeSeriesBytes(replications: replications)
        if recording && bytes > RunCommand.timeSeriesLimit {
            throw CommandFailure(usage: "--out and --html keep the time series in memory: \(replications) replication\(replications == 1 ? "" : "s") "
                + "× \(model.sampleCount) samples × \(model.zoneCount + model.holdingCount + 2) sites is about "
                + "\(Format.number(bytes / 1e9)) GB, more than \(Format.number(RunCommand.timeSeriesLimit / 1e9)) GB; "
                + "raise sampleMinutes, measure fewer days or run fewer replications", command: spec.name)
        }
        let progress = Progress(label: "tidesim run", total: replications)
        progress.update(0, of: "replications")
        let policy = scenario.policy.name
        let results = Replications.run(model: model, policy: policy, seed: seed, count: replications, threads: threads,
                                       recordTimeSeries: recording,
                                       progress: { progress.update($0, of: "replications") })
        progress.finish()
        var report = RunReport(model: model, policy: policy, seed: seed, replications: results)
        report.provenance = ScenarioOptions.provenance(args, scenario: scenario, seed: seed, policies: [policy], replications: replications)

        if let dir = args.value("--out") { try Output.write(ReportTables.files(report), to: dir, command: spec.name,
                                                               spreadsheetSafe: args.flag("--spreadsheet-safe")) }
        if let file = args.value("--html") { try Output.write(RunHTML.render(report, top: max(top, 15), language: language), toFile: file, command: spec.name) }
        if args.flag("--json") {
            Console.out(ReportJSON.render(report))
        } else {
            Console.out(RunReportText.render(report, file: args.positionals[0], top: top, language: language))
        }
    }
}
