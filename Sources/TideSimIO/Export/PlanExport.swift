import TideSimEngine
import TideSimModel
import TideSimCore

/// The outputs of `tidesim plan`: `plan.csv` (a row per design) and the `--json` document.
public enum PlanExport {
    /// `plan.csv`: design, the lever values, cost, replications, verdict, chosen, then each
    /// target's KPI mean, 95% half-width and the one-sided bound that decided it.
    public static func table(_ o: Planner.Outcome, levers: SweepPlan, targets: [PlanTarget]) -> CSVTable {
        CSVTable(name: "plan.csv", header: header(levers: levers, targets: targets)) { emit in
            for row in rows(o, designs: o.designs.indices, targets: targets) { emit(row) }
        }
    }

    public static func header(levers: SweepPlan, targets: [PlanTarget]) -> [String] {
        ["design"] + levers.axes.map(\.path) + ["cost", "replications", "verdict", "chosen"]
            + targets.flatMap { ["\($0.kpi.key).mean", "\($0.kpi.key).ci95", "\($0.kpi.key).bound"] }
    }

    /// The rows of some designs (0-based indices; written 1-based).
    public static func rows(_ o: Planner.Outcome, designs: Range<Int>, targets: [PlanTarget]) -> [[String]] {
        designs.map { i in
            let d = o.designs[i]
            return [String(i + 1)] + d.design.values + [ReportTables.cell(d.design.cost), String(d.replications.count), d.verdict.rawValue,
                                                        o.chosen == i ? "yes" : ""]
                + targets.indices.flatMap { t -> [String] in
                    guard t < d.targets.count else { return ["", "", ""] }
                    return [ReportTables.cell(d.targets[t].mean), ReportTables.cell(d.targets[t].ci95), ReportTables.cell(d.targets[t].bound)]
                }
        }
    }

    /// The `--json` document: `chosen` (lever path to value, or null), `runs`, `bruteForceRuns`,
    /// the targets and every design's state.
    public static func document(_ o: Planner.Outcome, levers: SweepPlan, targets: [PlanTarget], settings: Planner.Settings,
                                provenance: Provenance, currency: String?) -> JSONValue {
        func values(_ d: Planner.Design) -> JSONValue { .object(zip(levers.axes.map(\.path), d.values).map { ($0, .string($1)) }) }
        let designs: [JSONValue] = o.designs.map { d in
            .object([("levers", values(d.design)), ("cost", .number(d.design.cost)), ("replications", .number(Double(d.replications.count))),
                     ("verdict", .string(d.verdict.rawValue)),
                     ("targets", .array(zip(targets, d.targets).map { t, s in
                         .object([("target", .string(t.description)), ("mean", ReportJSON.number(s.mean)), ("ci95", ReportJSON.number(s.ci95)),
                                  ("bound", ReportJSON.number(s.bound)), ("met", s.met.map { .bool($0) } ?? .null)])
                     }))])
        }
        return .object([
            ("tidesim", .string(TideSimVersion.string)),
            ("scenarioFile", .string(provenance.scenarioFile)),
            ("scenario", .string(provenance.scenarioName)),
            ("seed", .integer(provenance.seed)),
            ("whatIfs", .array(provenance.whatIfs.map { .string($0) })),
            ("targets", .array(targets.map { .string($0.description) })),
            ("confidence", .number(settings.confidence)),
            ("currency", currency.map { .string($0) } ?? .null),
            ("chosen", o.chosen.map { values(o.designs[$0].design) } ?? .null),
            ("cost", o.chosen.map { .number(o.designs[$0].design.cost) } ?? .null),
            ("runs", .number(Double(o.runs))),
            ("bruteForceRuns", .number(Double(o.bruteForceRuns))),
            ("budgetSpent", .bool(o.budgetSpent)),
            ("designs", .array(designs)),
        ])
    }
}
