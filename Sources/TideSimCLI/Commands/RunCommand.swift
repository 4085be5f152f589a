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
            .value("--out", "DIR", "Write system.csv, zones.csv, holding.csv, transfers.csv, timeseries.csv, zones.geojson and provenance.json into DIR, which each run replaces whole (a DIR holding other files is refused)."),
            .value("--html", "FILE", "Write one self-contained HTML report: map, pressure heatmap, the day's state, hotspots (- for standard output, in place of the text report)."),
            Output.spreadsheetSafe,
            ScenarioOptions.language,
            .flag("--json", "Print one JSON document instead of the text report."),
        ])

    /// The most memory the time series of the replications in flight, and what `--html` keeps
    /// of them, may take (bytes).
    static let timeSeriesLimit = 4e9

    /// What a run holds of its time series (bytes): the series of the replications in flight
    /// (those running and those waiting for an earlier one to be written, see
    /// ``TimeSeriesStream``), and with `--html` their running totals and means (8 bytes a site
    /// and sample each) and the page's heatmap (about 500 bytes a sample for each of its rows).
    static func timeSeriesMemory(_ model: Model, held: Int, html: Bool, heatmapRows: Int) -> Double {
        let one = model.timeSeriesBytes(replications: 1)
        return Double(held) * one + (html ? 4 * one + 500 * Double(model.sampleCount) * Double(min(heatmapRows, model.zoneCount)) : 0)
    }

    /// Refuses up front a run whose time series cannot be held (``timeSeriesMemory``) or whose
    /// `timeseries.csv` would not fit on the disk, rather than fail late.
    static func checkRoomForTimeSeries(_ model: Model, replications: Int, workers: Int, outDir: String?, html: Bool,
                                       heatmapRows: Int) throws(CommandFailure) {
        let held = outDir == nil ? min(replications, workers) : min(replications, 2 * workers + 1)
        let bytes = timeSeriesMemory(model, held: held, html: html, heatmapRows: heatmapRows)
        let sites = "\(model.sampleCount) samples × \(model.zoneCount + model.holdingCount + 2) sites"
        if bytes > timeSeriesLimit {
            let what = outDir != nil && html ? "--out and --html hold" : (html ? "--html holds" : "--out holds")
            let kept = html ? "; the report's totals, means and heatmap besides" : ""
            throw CommandFailure(usage: "\(what) the time series of up to \(held) replication\(held == 1 ? "" : "s") in memory at once "
                + "(those running and those waiting to be written\(kept)): \(held) × \(sites) comes to about "
                + "\(Format.number(bytes / 1e9)) GB, more than \(Format.number(timeSeriesLimit / 1e9)) GB; "
                + "raise sampleMinutes, measure fewer days or use fewer --threads", command: spec.name)
        }
        guard let outDir, let free = OutputDirectory.freeBytes(at: outDir) else { return }
        let fileBytes = TimeSeriesStream.fileBytes(model: model, replications: replications)
        if fileBytes > free {
            let path = FilePath.join(outDir, "timeseries.csv")
            throw CommandFailure(TideSimError.cannotCreateOutput(path: path, reason: "it would take about \(Format.number(fileBytes / 1e9)) GB "
                + "(\(replications) replication\(replications == 1 ? "" : "s") × \(sites)), more than the "
                + "\(Format.number(free / 1e9)) GB free there; raise sampleMinutes, measure fewer days or run fewer replications"),
                command: spec.name)
        }
    }

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
            try checkRoomForTimeSeries(model, replications: replications, workers: workers, outDir: outDir, html: htmlFile != nil,
                                       heatmapRows: max(top, 15))
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
        let progress = Progress(label: "tidesim run", total: replications)
        progress.update(0, of: "replications")
        let policy = scenario.policy.name
        let results = Replications.run(model: model, policy: policy, seed: seed, count: replications, threads: threads,
                                       timeSeries: handOn,
                                       progress: { progress.update($0, of: "replications") })
        progress.finish()
        var report = RunReport(model: model, policy: policy, seed: seed, replications: results)
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
