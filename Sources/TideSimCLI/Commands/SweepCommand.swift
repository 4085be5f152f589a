import ArgumentParsing
import TideSim

/// `tidesim sweep`: a grid of what-ifs times replications, one CSV row per grid point.
enum SweepCommand {
    static let spec = CommandSpec(
        name: "tidesim sweep",
        abstract: "Run a grid of what-ifs with replications and write one CSV row per grid point.",
        discussion: """
            Each --grid PATH=V1,V2,... is an axis (any --set path, or 'fleet' for the --fleet rescaling);
            the grid is their Cartesian product, the last axis varying fastest. Every point uses the same
            seed and replications, so all points face the same riders. --shard I/N runs only the I-th of
            N contiguous slices; the shards' files, concatenated in order, are the whole sweep (only shard
            1 writes the header). See docs/sweeps.md.
            """,
        arguments: [ArgumentSpec("scenario", "The scenario file (JSON).")],
        options: [
            .value("--grid", "PATH=V1,V2,...", "An axis of the grid. Repeatable.", repeats: true),
            .value("--replications", "N", "Replications per grid point (default 5)."),
            .value("--seed", "S", "Base seed (default: the scenario's seed)."),
            .value("--policy", "P", "Transfer policy for every point (default: the scenario's policy.name)."),
        ] + ScenarioOptions.whatIf + [
            .value("--threads", "N", "Worker threads for replications (default: all cores). Results do not depend on it."),
            .value("--shard", "I/N", "Run only the I-th of N slices of the grid (1-based)."),
            .value("--baseline", "POINT", "Add every point's paired differences against this grid point (1-based; the same riders)."),
            .value("--out", "FILE", "The CSV file to write (required)."),
        ])

    static func execute(_ arguments: [String]) throws(CommandFailure) {
        guard let args = try Output.open(arguments, spec: spec) else { return }
        guard let out = args.value("--out") else { throw CommandFailure(usage: "missing '--out <FILE>'", command: spec.name) }
        let (replications, threads, seedFlag) = try ScenarioOptions.replicationSettings(args, defaultReplications: 5, command: spec.name)
        let plan: SweepPlan
        var shard = (index: 1, count: 1)
        var baseline: Int?
        do throws(TideSimError) {
            plan = try SweepPlan(parsing: args.all("--grid"))
            if let s = try ScenarioOptions.shard(args) { shard = s }
            if let b = try ScenarioOptions.integer(args, "--baseline", in: 1...Int.max) {
                guard b <= plan.count else { throw .usage("--baseline \(b): the grid has \(plan.count) point\(plan.count == 1 ? "" : "s")") }
                baseline = b - 1
            }
        } catch {
            throw CommandFailure(error, command: spec.name)
        }

        // Sweep.run loads and checks every point of this shard before running any, so a bad value runs nothing.
        let points = plan.shard(shard.index, of: shard.count)
        let progress = Progress(label: "tidesim sweep", total: points.count)
        let outcome: Sweep.Outcome
        do {
            outcome = try Sweep.run(plan, points: points, header: shard.index == 1, seed: seedFlag,
                                 replications: replications, threads: threads, baseline: baseline,
                                 provenance: Provenance(scenarioFile: args.positionals[0], scenarioName: "", seed: seedFlag ?? 0,
                                                        policies: [], replications: replications,
                                                        whatIfs: args.all("--set").map { "--set \($0)" }
                                                            + (args.value("--fleet").map { ["--fleet \($0)"] } ?? [])),
                                 load: { k throws(TideSimError) in
                                     let whatIfs = Sweep.whatIfs(plan, point: k)
                                     return Model(try ScenarioOptions.load(args, moreSets: whatIfs.sets, fleet: whatIfs.fleet))
                                 },
                                 progress: { done, _ in progress.update(done, of: "grid points") })
        } catch {
            throw CommandFailure(error, command: spec.name)
        }
        progress.finish()
        let set = try Output.stageFile(outcome.csv, at: out, command: spec.name)
        try Output.finish([set], printing: summary(outcome, plan: plan, baseline: baseline, out: out, replications: replications), command: spec.name)
    }

    /// The KPIs shown on screen for each point (the file has them all).
    static let summaryKPIs: [SystemKPI] = [.tripsLost, .serviceLevel, .overflowBikeHours, .clearanceBreaches, .truckKm]

    /// A short table of the points on screen: the main KPIs (mean ± 95% half-width), the day's
    /// cost of the levers when the scenario states costs, and with a baseline the paired
    /// differences of trips lost, overflow and breaches against it.
    static func summary(_ o: Sweep.Outcome, plan: SweepPlan, baseline: Int?, out: String, replications: Int) -> String {
        let n = o.points.count
        var text = "wrote \(out): \(n) grid point\(n == 1 ? "" : "s") of \(plan.count), \(replications) replication\(replications == 1 ? "" : "s") each, the same riders at every point\n"
        let costs = o.points.first?.report.model.costPerDay
        let diffs: [SystemKPI] = baseline == nil ? [] : [.tripsLost, .overflowBikeHours, .clearanceBreaches]
        var header = ["point"] + plan.axes.map(\.path) + summaryKPIs.map(\.key)
        if let costs { header.append("cost/day (\(costs.currency))") }
        header += diffs.map { "Δ \($0.key)" }
        var table = TextTable(header: header)
        for p in o.points {
            var row = [String(p.index + 1)] + plan.point(p.index) + summaryKPIs.map { Format.summary(p.report[$0], $0.info) }
            if costs != nil { row.append(Format.number(p.report.model.costPerDay?.total ?? 0, decimals: 2)) }
            if let paired = p.paired { row += diffs.map { Format.signed(paired[$0.rawValue], $0.info) } }
            table.add(row)
        }
        text += table.render()
        if let baseline { text += "Δ: paired difference against point \(baseline + 1) (\(plan.point(baseline).joined(separator: ", "))), replication by replication\n" }
        return text
    }
}
