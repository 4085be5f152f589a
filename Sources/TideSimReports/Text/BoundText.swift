import TideSimIO
import TideSimEngine
import TideSimModel
import TideSimCore

/// The dispatch bound in the text reports (`--bound`): the bound beside no dispatch, and the
/// share of the gap between them that each policy closes.
enum BoundText {
    /// The share of a gap as a whole percentage ("31%"), or "-" where there is none.
    static func share(_ x: Double?) -> String {
        x.map { NumberFormat.number($0 * 100, decimals: 0) + "%" } ?? "-"
    }

    /// A KPI's cells across the policies, then the bound's when there is one (empty for a KPI it
    /// does not bound), formatted together.
    static func cells(_ runs: [RunReport], _ bound: BoundReport?, _ k: SystemKPI) -> [String] {
        guard let bound else { return NumberFormat.summaries(runs.map { $0[k] }, k.info) }
        guard let b = bound[k] else { return NumberFormat.summaries(runs.map { $0[k] }, k.info) + [""] }
        return NumberFormat.summaries(runs.map { $0[k] } + [b], k.info)
    }

    /// The section: a table of none, the bound and each policy's share of the gap, then a line
    /// per policy in words.
    static func section(_ bound: BoundReport, runs: [RunReport], measuredDays: Int, _ w: ReportWords, _ language: ReportLanguage) -> String {
        var out = "\n" + w("The best any dispatch could do (lower bounds on the same riders, docs/bound.md)") + "\n"
        let runs = runs.filter { $0.policy != "none" }
        var table = TextTable(header: [w("KPI"), "none", w("bound")] + runs.map { w("{0} closes", $0.policy) })
        for (i, k) in DispatchBound.kpis.enumerated() {
            table.add([k.label(measuredDays: measuredDays, language)] + NumberFormat.summaries([bound.none[i], bound.bound[i]], k.info)
                      + runs.map { share(bound.closes($0, k)) })
        }
        out += table.render()
        for run in runs {
            var parts: [String] = []
            for k in DispatchBound.kpis {
                guard let x = bound.closes(run, k) else { continue }
                let label = k.label(measuredDays: measuredDays, language)
                parts.append(parts.isEmpty ? w("{0} of what any dispatch could on {1}", share(x), label) : w("{0} on {1}", share(x), label))
            }
            out += "  " + (parts.isEmpty ? w("{0}: no gap between none and the bound", run.policy)
                : w("{0} closes {1}", run.policy, parts.joined(separator: w(", ")))) + "\n"
        }
        return out
    }
}
