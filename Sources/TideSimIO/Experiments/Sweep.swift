import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
/// Runs a sweep: every grid point of a shard, each with its own what-ifs, the same seed and the
/// same replications (so every point faces the same riders), one CSV row per point.
public enum Sweep {
    /// The what-ifs of grid point `k`: a `--set PATH=VALUE` text per axis, and the `--fleet`
    /// value when an axis is `fleet`.
    public static func whatIfs(_ plan: SweepPlan, point k: Int) -> (sets: [String], fleet: String?) {
        var sets: [String] = []
        var fleet: String?
        for (axis, value) in zip(plan.axes, plan.point(k)) {
            if axis.path == "fleet" { fleet = value } else { sets.append("\(axis.path)=\(value)") }
        }
        return (sets, fleet)
    }

    /// What a sweep ran: each point's report and, against a baseline point, the paired
    /// differences of every system KPI; and the CSV text.
    public struct Outcome: Sendable {
        public struct Point: Sendable {
            /// The grid point (0-based).
            public let index: Int
            public let report: RunReport
            /// Point minus baseline, per system KPI (indexed by ``SystemKPI/rawValue``), replication
            /// by replication; nil without a baseline.
            public let paired: [Summary]?
        }

        public let points: [Point]
        public let csv: String
    }

    /// Loads the model of every point of `points` first, so that a bad value anywhere runs
    /// nothing, then runs each point and returns the reports and the CSV text (with the header
    /// when `header`).
    /// - Parameters:
    ///   - load: The model of a grid point (the caller applies ``whatIfs(_:point:)``).
    ///   - seed: The base seed, or nil for each point's scenario seed.
    ///   - baseline: A grid point (0-based) every point is paired against, replication by
    ///     replication; it is run too when it lies outside `points` (another shard's).
    ///   - provenance: The file and the user's what-ifs; each row adds its point's.
    ///   - progress: Called before each point with (points done, points in all).
    public static func run(_ plan: SweepPlan, points: Range<Int>, header: Bool, seed: UInt64?, replications: Int, threads: Int,
                           baseline: Int? = nil, provenance: Provenance,
                           load: (Int) throws(TideSimError) -> Model, progress: (Int, Int) -> Void = { _, _ in })
        throws(TideSimError) -> Outcome
    {
        var models: [Model] = []
        for k in points { models.append(try load(k)) }
        let baselineModel: Model? = try baseline.map { (b: Int) throws(TideSimError) -> Model in points.contains(b) ? models[b - points.lowerBound] : try load(b) }
        func report(_ model: Model, point k: Int) -> RunReport {
            let pointSeed = seed ?? model.seed
            let results = Replications.run(model: model, policy: nil, seed: pointSeed, count: replications, threads: threads)
            var report = RunReport(model: model, policy: model.policyLabel, seed: pointSeed, replications: results)
            let point = whatIfs(plan, point: k)
            report.provenance = provenance
            report.provenance.scenarioName = model.name
            report.provenance.seed = pointSeed
            report.provenance.policies = [model.policy.name]
            report.provenance.whatIfs += point.sets.map { "--set \($0)" } + (point.fleet.map { ["--fleet \($0)"] } ?? [])
            return report
        }
        var reports: [RunReport] = []
        for (i, k) in points.enumerated() {
            progress(i, points.count)
            reports.append(report(models[i], point: k))
        }
        let base: RunReport? = baseline.map { b in points.contains(b) ? reports[b - points.lowerBound] : report(baselineModel!, point: b) }
        let costs = (models.first ?? baselineModel)?.costPerDay != nil
        // With an inspections block, every point reports their KPIs (empty where it has no inspector).
        let inspected = (models + [baselineModel].compactMap { $0 }).contains(where: \.declaresInspections)
        var outcome: [Outcome.Point] = []
        var rows: [[String]] = []
        for (i, k) in points.enumerated() {
            let paired = base.map { Summary.pairedDifferences(reports[i].replications, $0.replications) }
            outcome.append(Outcome.Point(index: k, report: reports[i], paired: paired))
            rows.append(SweepTable.row(plan, point: k, report: reports[i], costs: costs, paired: paired, inspections: inspected))
        }
        return Outcome(points: outcome, csv: CSV.render(header: header ? SweepTable.header(plan, costs: costs, baseline: baseline != nil, inspections: inspected) : nil, rows: rows))
    }
}
