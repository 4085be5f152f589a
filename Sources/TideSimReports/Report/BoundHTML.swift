import TideSimIO
import TideSimEngine
import TideSimModel
import TideSimCore

/// The dispatch bound in the HTML reports (`--bound`): none, the bound and each policy's share of
/// the gap between them, as a table and as one line per KPI from none (0%) to the bound (100%).
enum BoundHTML {
    static func section(_ bound: BoundReport, runs: [RunReport], model m: Model, _ w: ReportWords, _ language: ReportLanguage) -> String {
        let runs = runs.filter { $0.policy != "none" }
        var out = "<h2>\(SVG.escape(w("The best any dispatch could do")))</h2><p class=\"note\">"
        out += SVG.escape(w("Lower bounds on the same riders that no dispatch with these trucks, shifts and holding areas can beat (docs/bound.md), and the share of the gap between none and the bound that each policy closes."))
        out += "</p>"
        out += HTMLPage.table([w("KPI"), "none", w("bound")] + runs.map { w("{0} closes", $0.policy) }, DispatchBound.kpis.enumerated().map { i, k in
            [RunHTML.label(k, m, language)] + NumberFormat.summaries([bound.none[i], bound.bound[i]], k.info)
                + runs.map { BoundText.share(bound.closes($0, k)) }
        })
        out += gapChart(bound, runs: runs, model: m, w, language)
        return out
    }

    /// For each KPI a bar per policy: the share of the gap it closes, on an axis from none (0%) to
    /// the bound (100%); a policy worse than none gets no bar, its share written at the axis.
    static func gapChart(_ bound: BoundReport, runs: [RunReport], model m: Model, _ w: ReportWords, _ language: ReportLanguage) -> String {
        let width = 640.0, left = 120.0, right = 60.0, bar = 16.0, gap = 6.0, top = 24.0, groupGap = 26.0
        let kpis = DispatchBound.kpis
        let groupHeight = Double(runs.count) * (bar + gap) + groupGap
        let height = top + groupHeight * Double(kpis.count)
        func px(_ share: Double) -> Double { left + (width - left - right) * min(max(share, 0), 1) }
        var out = "<svg class=\"chart\" viewBox=\"0 0 \(SVG.n(width)) \(SVG.n(height))\" role=\"img\" aria-label=\"\(SVG.escape(w("Share of the gap each policy closes")))\">"
        out += "<text x=\"\(SVG.n(px(0)))\" y=\"14\" text-anchor=\"middle\">none 0%</text>"
        out += "<text x=\"\(SVG.n(px(1)))\" y=\"14\" text-anchor=\"middle\">\(SVG.escape(w("bound"))) 100%</text>"
        for share in [0.0, 0.25, 0.5, 0.75, 1.0] {
            out += "<line x1=\"\(SVG.n(px(share)))\" y1=\"18\" x2=\"\(SVG.n(px(share)))\" y2=\"\(SVG.n(height - 4))\" stroke=\"#ccc\"\(share == 0 || share == 1 ? "" : " stroke-dasharray=\"3 3\"")/>"
        }
        for (g, k) in kpis.enumerated() {
            let y0 = top + groupHeight * Double(g)
            out += "<text x=\"4\" y=\"\(SVG.n(y0 + 10))\" font-weight=\"bold\">\(SVG.escape(RunHTML.label(k, m, language)))</text>"
            for (i, run) in runs.enumerated() {
                let y = y0 + 16 + Double(i) * (bar + gap)
                out += "<text x=\"\(SVG.n(left - 6))\" y=\"\(SVG.n(y + bar - 4))\" text-anchor=\"end\">\(SVG.escape(run.policy))</text>"
                guard let share = bound.closes(run, k) else { continue }
                if share > 0 {
                    out += "<rect x=\"\(SVG.n(px(0)))\" y=\"\(SVG.n(y))\" width=\"\(SVG.n(px(share) - px(0)))\" height=\"\(SVG.n(bar))\" fill=\"#4a8a5c\"><title>\(SVG.escape(run.policy)): \(BoundText.share(share))</title></rect>"
                }
                out += "<text x=\"\(SVG.n(px(share) + 4))\" y=\"\(SVG.n(y + bar - 4))\">\(BoundText.share(share))</text>"
            }
        }
        return out + "</svg>"
    }
}
