import TideSimIO
import TideSimEngine
import TideSimModel
import TideSimCore

/// The text report of `tidesim plan`: the chosen design and its KPIs, the cheaper designs and why
/// they lost, the runs against the brute force, and what the confidence guarantees.
public enum PlanReportText {
    public static func render(_ o: Planner.Outcome, levers: SweepPlan, targets: [PlanTarget], settings: Planner.Settings, scenario: Scenario,
                       file: String, currency: String) -> String {
        let money = { (x: Double) in "\(NumberFormat.number(x, decimals: 2)) \(currency) a day" }
        func name(_ d: Planner.Design) -> String { zip(levers.axes.map(\.path), d.values).map { "\($0)=\($1)" }.joined(separator: ", ") }
        func kpis(_ s: Planner.DesignState) -> String {
            zip(targets, s.targets).map { t, st in
                let summary = st.mean.map { t.kpi.info.percent ? NumberFormat.percent($0) : NumberFormat.number($0, decimals: 2) } ?? "-"
                let ci = st.ci95.map { " ± " + (t.kpi.info.percent ? NumberFormat.percent($0) : NumberFormat.number($0, decimals: 2)) } ?? ""
                let verdict = st.met == true ? "met" : (st.met == false ? "fails" : "undecided")
                return "\(t.kpi.key) \(summary)\(ci) (\(t.description): \(verdict))"
            }.joined(separator: "; ")
        }
        var out = "\(scenario.name) (\(file)), tidesim \(TideSimVersion.string)\n"
        out += "plan: \(o.designs.count) designs of \(levers.axes.map { "\($0.path) (\($0.values.count))" }.joined(separator: " × ")); "
        out += "targets \(targets.map(\.description).joined(separator: ", ")); confidence \(NumberFormat.percent(settings.confidence))\n"
        out += "values are means ± the half-width of the 95% confidence interval over the design's replications\n\n"
        if let c = o.chosen {
            let s = o.designs[c]
            out += "Chosen: \(name(s.design)), \(money(s.design.cost))\n"
            out += "  after \(s.replications.count) replications: \(kpis(s))\n"
            let ties = o.designs.indices.filter { $0 != c && o.designs[$0].design.cost == s.design.cost && o.designs[$0].verdict == .meets }
            for t in ties { out += "  as cheap, and meets the targets too: \(name(o.designs[t].design))\n" }
        } else if o.budgetSpent {
            out += "No design chosen: the budget of \(settings.budget ?? o.bruteForceRuns) replications ran out before a design was shown to meet every target\n"
        } else {
            out += "No design meets every target at \(NumberFormat.percent(settings.confidence)) confidence\n"
            for (i, t) in targets.enumerated() {
                let run = o.designs.filter { $0.replications.count > 0 && i < $0.targets.count }
                guard !run.isEmpty, run.allSatisfy({ $0.targets[i].met == false }) else { continue }
                let best = run.min { t.shortfall($0.targets[i].mean ?? .infinity) < t.shortfall($1.targets[i].mean ?? .infinity) }!
                out += "  \(t.description) fails in every design; the closest is \(name(best.design)) at \(NumberFormat.number(best.targets[i].mean ?? 0, decimals: 2)), "
                    + "\(NumberFormat.number(t.shortfall(best.targets[i].mean ?? 0), decimals: 2)) short\n"
            }
        }
        let cheaper = o.designs.indices.filter { i in
            o.designs[i].replications.count > 0 && i != o.chosen && (o.chosen.map { o.designs[i].design.cost <= o.designs[$0].design.cost } ?? true)
                && o.designs[i].verdict != .meets
        }.sorted { (o.designs[$0].design.cost, $0) < (o.designs[$1].design.cost, $1) }
        if !cheaper.isEmpty {
            out += "\n\(o.chosen == nil ? "Designs run" : "Cheaper designs"), and why they lost:\n"
            for i in cheaper {
                let s = o.designs[i]
                out += "  \(name(s.design)), \(money(s.design.cost)): \(s.verdict == .fails ? "fails" : "undecided") after \(s.replications.count) replications; \(kpis(s))\n"
            }
        }
        let notRun = o.designs.filter { $0.verdict == .notRun }.count
        out += "\nRuns: \(o.runs) replications, against \(o.bruteForceRuns) for the brute-force grid (\(o.designs.count) designs × \(settings.maximumReplications)): "
            + "\(NumberFormat.percent(Double(o.runs) / Double(o.bruteForceRuns)))"
        out += notRun > 0 ? "; \(notRun) dearer design\(notRun == 1 ? "" : "s") never run\n" : "\n"
        out += "Each verdict holds at \(NumberFormat.percent(settings.confidence)) confidence (Bonferroni over the \(targets.count) target\(targets.count == 1 ? "" : "s") "
            + "and the \(settings.looks) looks a design can get; docs/planning.md says when it does not)\n"
        return out
    }
}
