import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
/// A parameter sweep: the Cartesian product of `--grid PATH=V1,V2,...` axes, in order, the last
/// axis varying fastest; and the contiguous slice of it that one shard runs.
public struct SweepPlan: Sendable, Equatable {
    /// One axis: a `--set` path (or `fleet` for the `--fleet` rescaling) and its values as text.
    public struct Axis: Sendable, Equatable {
        public let path: String
        public let values: [String]
    }

    public let axes: [Axis]

    /// Parses `PATH=V1,V2,...` axes. Values are split at commas outside brackets, braces and
    /// quotes, so a value may be JSON: `trucks.shifts=["06:00-10:00"],["07:00-11:00"]`.
    /// - Throws: ``TideSimError/usage(_:)`` naming the bad axis.
    public init(parsing grids: [String]) throws(TideSimError) {
        var axes: [Axis] = []
        for g in grids {
            guard let eq = g.firstIndex(of: "="), eq != g.startIndex else {
                throw .usage("--grid \(g): expected PATH=V1,V2,..., such as trucks.count=4,8,12")
            }
            let path = String(g[..<eq])
            let values = SweepPlan.splitValues(String(g[g.index(after: eq)...]))
            if values.isEmpty || values.contains(where: \.isEmpty) {
                throw .usage("--grid \(g): expected a comma-separated list of values with none empty")
            }
            if axes.contains(where: { $0.path == path }) { throw .usage("--grid \(g): the path \(path) is already a grid axis") }
            if Set(values).count != values.count { throw .usage("--grid \(g): a value is listed twice") }
            axes.append(Axis(path: path, values: values))
        }
        if axes.isEmpty { throw .usage("missing '--grid PATH=V1,V2,...'") }
        self.axes = axes
    }

    static func splitValues(_ text: String) -> [String] {
        var values: [String] = []
        var current = ""
        var depth = 0
        var inQuotes = false
        var escaped = false
        for c in text {
            if inQuotes {
                current.append(c)
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inQuotes = false }
                continue
            }
            switch c {
            case "\"": inQuotes = true; current.append(c)
            case "[", "{": depth += 1; current.append(c)
            case "]", "}": depth -= 1; current.append(c)
            case "," where depth == 0: values.append(current); current = ""
            default: current.append(c)
            }
        }
        values.append(current)
        return values
    }

    /// Number of grid points.
    public var count: Int { axes.reduce(1) { $0 * $1.values.count } }

    /// The values of point `k` (0-based), one per axis.
    public func point(_ k: Int) -> [String] {
        var rest = k
        var values = [String](repeating: "", count: axes.count)
        for a in axes.indices.reversed() {
            let n = axes[a].values.count
            values[a] = axes[a].values[rest % n]
            rest /= n
        }
        return values
    }

    /// The points shard `index` of `shards` (1-based) runs: a contiguous slice, so that the
    /// shards' outputs, concatenated in order, are the whole sweep.
    public func shard(_ index: Int, of shards: Int) -> Range<Int> {
        precondition(index >= 1 && index <= shards)
        return (count * (index - 1) / shards)..<(count * index / shards)
    }
}

/// The CSV of a sweep: `point`, one column per axis, `replications`, then the mean and the 95%
/// half-width of every system KPI (`tripsServed.mean`, `tripsServed.ci95`, ...); `costPerDay`
/// when the scenario states costs; with a baseline point, every system KPI's paired difference
/// against it and its half-width (`tripsServed.diff`, `tripsServed.diffCi95`, ...); then what
/// produced the row: `tidesim` (version), `scenarioFile`, `scenario`, `seed`, `policy` and
/// `whatIfs` (the user's what-ifs and the point's, space-separated).
public enum SweepTable {
    public static func header(_ plan: SweepPlan, costs: Bool = false, baseline: Bool = false, inspections: Bool = false) -> [String] {
        ["point"] + plan.axes.map(\.path) + ["replications"] + SystemKPI.allCases.flatMap { ["\($0.key).mean", "\($0.key).ci95"] }
            + (costs ? ["costPerDay"] : [])
            + (inspections ? InspectionKPI.allCases.flatMap { ["\($0.key).mean", "\($0.key).ci95"] } : [])
            + (baseline ? SystemKPI.allCases.flatMap { ["\($0.key).diff", "\($0.key).diffCi95"] } : [])
            + ["tidesim", "scenarioFile", "scenario", "seed", "policy", "whatIfs"]
    }

    /// The row of point `k` (0-based; written 1-based).
    /// With `inspections`, the inspection KPIs follow (empty at a point without inspectors).
    public static func row(_ plan: SweepPlan, point k: Int, report: RunReport, costs: Bool = false, paired: [Summary]? = nil,
                           inspections: Bool = false) -> [String] {
        [String(k + 1)] + plan.point(k) + [String(report.replications.count)]
            + SystemKPI.allCases.flatMap { [ReportTables.cell(report[$0].mean), ReportTables.cell(report[$0].ci95)] }
            + (costs ? [ReportTables.cell(report.model.costPerDay?.total)] : [])
            + (inspections ? InspectionKPI.allCases.flatMap { k in
                report.inspection.isEmpty ? ["", ""] : [ReportTables.cell(report[inspection: k].mean), ReportTables.cell(report[inspection: k].ci95)]
            } : [])
            + (paired.map { p in SystemKPI.allCases.flatMap { [ReportTables.cell(p[$0.rawValue].mean), ReportTables.cell(p[$0.rawValue].ci95)] } } ?? [])
            + [report.provenance.version, report.provenance.scenarioFile, report.provenance.scenarioName, String(report.seed),
               report.policy, report.provenance.whatIfs.joined(separator: " ")]
    }
}
