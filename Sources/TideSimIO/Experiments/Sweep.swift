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

    /// Loads the model of every point of `points` first, so that a bad value anywhere runs
    /// nothing, then runs each point and returns the CSV text (with the header when `header`).
    /// - Parameters:
    ///   - load: The model of a grid point (the caller applies ``whatIfs(_:point:)``).
    ///   - seed: The base seed, or nil for each point's scenario seed.
    ///   - provenance: The file and the user's what-ifs; each row adds its point's.
    ///   - progress: Called before each point with (points done, points in all).
    public static func run(_ plan: SweepPlan, points: Range<Int>, header: Bool, seed: UInt64?, replications: Int, threads: Int,
                           provenance: Provenance,
                           load: (Int) throws(TideSimError) -> Model, progress: (Int, Int) -> Void = { _, _ in })
        throws(TideSimError) -> String
    {
        var models: [Model] = []
        for k in points { models.append(try load(k)) }
        var rows: [[String]] = []
        for (i, k) in points.enumerated() {
            progress(i, points.count)
            let model = models[i]
            let pointSeed = seed ?? model.seed
            let results = Replications.run(model: model, policy: model.policy.name, seed: pointSeed, count: replications, threads: threads)
            var report = RunReport(model: model, policy: model.policy.name, seed: pointSeed, replications: results)
            let point = whatIfs(plan, point: k)
            report.provenance = provenance
            report.provenance.scenarioName = model.name
            report.provenance.seed = pointSeed
            report.provenance.policies = [model.policy.name]
            report.provenance.whatIfs += point.sets.map { "--set \($0)" } + (point.fleet.map { ["--fleet \($0)"] } ?? [])
            rows.append(SweepTable.row(plan, point: k, report: report))
        }
        return CSV.render(header: header ? SweepTable.header(plan) : nil, rows: rows)
    }
}
