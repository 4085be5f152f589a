import ArgumentParsing
import Foundation
import TideSim

/// `tidesim run`: simulate a scenario and report KPIs and hotspots.
enum RunCommand {
    static let spec = CommandSpec(
        name: "tidesim run",
        abstract: "Simulate a scenario and report the system KPIs and the hotspot table.",
        discussion: """
            Prints trip KPIs, the fleet against its cap, turnover, and the zones ranked by overflow
            bike-hours (where every zone is docked, by failed returns, then lost rentals). With
            several replications every number is a mean with its 95% interval.
            """,
        arguments: [ArgumentSpec("scenario", "The scenario file (JSON).")],
        options: [
            .value("--policy", "P", "Transfer policy: \(ScenarioOptions.policyList) (default: the scenario's policy.name)."),
            .value("--replications", "N", "Independent replications (default 1)."),
            .value("--seed", "S", "Base seed (default: the scenario's seed)."),
        ] + ScenarioOptions.whatIf + ScenarioOptions.replayOptions + [
            .flag("--bound", "Also compute, on each replication's riders, lower bounds on trips lost and overflow bike-hours that no dispatch with the scenario's trucks can beat, and the share of the gap between none and the bound the policy closes (docs/bound.md)."),
            .value("--threads", "N", "Worker threads for replications (default: all cores). Results do not depend on it."),
            .value("--top", "N", "Zones in the hotspot table (default 10)."),
            .value("--out", "DIR", "Write system.csv, zones.csv, holding.csv, transfers.csv, timeseries.csv, zones.geojson and provenance.json into DIR, which each run replaces whole (a DIR holding other files is refused)."),
            .value("--html", "FILE", "Write one self-contained HTML report: map, pressure heatmap, the day's state, hotspots (- for standard output, in place of the text report)."),
            Output.spreadsheetSafe,
            ScenarioOptions.language,
            .flag("--json", "Print one JSON document instead of the text report."),
        ])

    static func execute(_ arguments: [String]) throws(CommandFailure) {
        guard let args = try Output.open(arguments, spec: spec) else { return }
        let (replications, threads, seedFlag) = try ScenarioOptions.replicationSettings(args, defaultReplications: 1, command: spec.name)
        let top = try ScenarioOptions.count(args, "--top", default: 10, in: 1...1_000_000, command: spec.name)
        let language = try ScenarioOptions.language(args, command: spec.name)
        let scenario = try ScenarioOptions.load(args, command: spec.name)

        let model = try ScenarioOptions.replay(args, scenario: scenario, model: Model(scenario), command: spec.name)
        let seed = seedFlag ?? scenario.seed
        let outDir = args.value("--out"), htmlFile = args.value("--html")
        if htmlFile == "-" && args.flag("--json") {
            throw CommandFailure(usage: "--html - writes the page to standard output, in place of the report; it cannot go with --json", command: spec.name)
        }
        let recording = outDir != nil || htmlFile != nil
        let workers = min(threads, replications)
        if recording {
            do throws(TideSimError) {
                try TimeSeriesBudget.check(model, replications: replications, workers: workers, outDir: outDir, html: htmlFile != nil,
                                           heatmapRows: max(top, 15))
            } catch {
                throw CommandFailure(error, command: spec.name)
            }
        }
        // timeseries.csv is written while the replications run, into the output set that the
        // other files join afterwards; the HTML report gets the series' totals.
        var staging: OutputDirectory.Staging?
        var seriesFile: ByteSink?
        if let outDir {
            let set = try Output.staging(outDir, whole: true, command: spec.name, spreadsheetSafe: args.flag("--spreadsheet-safe"))
            seriesFile = try Output.begin("timeseries.csv", in: set, command: spec.name)
            staging = set
        }
        let stream = recording ? TimeSeriesStream(model: model, file: seriesFile, totals: htmlFile != nil, window: workers) : nil
        var handOn: (@Sendable (Int, TimeSeries) -> Void)?
        if let stream { handOn = { replication, series in stream.take(replication, series) } }
        let bound = args.flag("--bound")
        let progress = Progress(label: "tidesim run", total: replications * (bound ? 2 : 1))
        let unit = bound ? "replications and bounds" : "replications"
        progress.update(0, of: unit)
        let policy = model.policyLabel
        let results = Replications.run(model: model, policy: nil, seed: seed, count: replications, threads: threads,
                                       timeSeries: handOn,
                                       progress: { progress.update($0, of: unit) })
        var report = RunReport(model: model, policy: policy, seed: seed, replications: results)
        if bound {
            report.bound = BoundReport.run(model: model, seed: seed, count: replications, threads: threads,
                                           progress: { progress.update(replications + $0, of: unit) })
        }
        progress.finish()
        report.provenance = ScenarioOptions.provenance(args, scenario: scenario, seed: seed, policies: [policy], replications: replications)
        let streamed = stream?.finish()
        report.timeSeriesTotals = streamed?.totals

        var sets: [OutputDirectory.Staging] = []
        if let staging, var file = streamed?.file {
            try Output.end("timeseries.csv", &file, in: staging, command: spec.name)
            try Output.add(ReportTables.files(report, timeSeries: false), to: staging, command: spec.name)
            sets.append(staging)
        }
        try Output.finishReport(args, files: [], sets: sets, page: { RunHTML.render(report, top: max(top, 15), language: language) },
                                json: { ReportJSON.render(report) },
                                text: { RunReportText.render(report, file: args.positionals[0], top: top, language: language) }, command: spec.name)
    }
}
