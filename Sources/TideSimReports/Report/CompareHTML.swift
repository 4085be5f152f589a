import TideSimIO
import TideSimEngine
import TideSimModel
import TideSimCore
/// `compare --html FILE`: each KPI per policy with its interval, the paired differences with
/// theirs, what each policy trades (in words and as a chart), and the hotspots side by side.
public enum CompareHTML {
    public static func render(_ report: ComparisonReport, top: Int = 15, language: ReportLanguage = .en) -> String {
        let w = ReportWords(language)
        let base = report.runs[0]
        let m = base.model
        var body = ""
        if report.runs.count > 1 {
            body += "<h2>\(SVG.escape(w("What each policy trades against {0}", base.policy)))</h2><ul>"
            for (i, run) in report.runs.dropFirst().enumerated() {
                body += "<li><b>\(SVG.escape(run.policy))</b>: \(SVG.escape(report.tradeOff(i, language)))</li>"
            }
            body += "</ul><p class=\"note\">\(w("Paired differences over the same riders; a change is named only when its 95% interval excludes 0."))</p>"
            // Trips lost against overflow: no trade where nothing piles.
            if !ReportLayout.dockedOnly(m) { body += tradeOffChart(report, w) }
        }

        body += "<h2>\(w("System KPIs"))</h2><p class=\"note\">\(w("Means ± the half-width of the 95% confidence interval over {0} replications per policy.", base.replications.count))</p>"
        // Every KPI, but those of piles where no zone piles (docked stations only: always 0).
        let shown = SystemKPI.allCases.filter { !ReportLayout.dockedOnly(m) || !ReportLayout.overflowKPIs.contains($0) }
        body += HTMLPage.table([w("KPI")] + report.runs.map(\.policy) + (report.bound == nil ? [] : [w("bound")]), shown.map { k in
            [RunHTML.label(k, m, language)] + BoundText.cells(report.runs, report.bound, k)
        })
        if let bound = report.bound { body += BoundHTML.section(bound, runs: report.runs, model: m, w, language) }

        if report.runs.count > 1 {
            body += "<h2>\(SVG.escape(w("Paired differences against {0}", base.policy)))</h2><p class=\"note\">\(w("Green is better, red worse, where the interval excludes 0."))</p>"
            var rows = "<table><tr><th class=\"l\">\(w("KPI"))</th>"
            for run in report.runs.dropFirst() { rows += "<th>\(SVG.escape(run.policy)) − \(SVG.escape(base.policy))</th>" }
            rows += "</tr>"
            for k in shown where k != .fleet && k != .tripAttempts {
                rows += "<tr><td class=\"l\">\(SVG.escape(RunHTML.label(k, m, language)))</td>"
                for i in 0..<(report.runs.count - 1) {
                    let s = report.paired[i][k.rawValue]
                    rows += "<td class=\"\(verdict(s, k.info.better))\">\(SVG.escape(NumberFormat.signed(s, k.info)))</td>"
                }
                rows += "</tr>"
            }
            body += rows + "</table>"
        }

        let ranking = base.hotspotRanking().prefix(top)
        let dockedOnly = ReportLayout.dockedOnly(m)
        body += "<h2>\(w("Hotspots side by side"))</h2><p class=\"note\">"
            + SVG.escape(dockedOnly ? w("The {0} of {1} zones with the most failed returns under {2}: failed returns, lost rentals and minutes empty.",
                                        ranking.count, m.zoneCount, base.policy)
                         : w("The {0} of {1} zones with the most overflow under {2}: overflow bike-hours, lost rentals, and when the zone was over capacity (first to last, median over replications).",
                             ranking.count, m.zoneCount, base.policy)) + "</p>"
        let docked: [(String, (RunReport, Int) -> String)] = [
            ("Failed returns", { NumberFormat.number($0[zone: $1, .failedReturns].mean ?? 0) }),
            ("Lost rentals", { NumberFormat.number($0[zone: $1, .lostRentals].mean ?? 0) }),
            ("Minutes empty", { NumberFormat.number($0[zone: $1, .emptyMinutes].mean ?? 0) }),
        ]
        let piles: [(String, (RunReport, Int) -> String)] = [
            ("Overflow bike-hours", { NumberFormat.number($0[zone: $1, .overflowBikeHours].mean ?? 0) }),
            ("Lost rentals", { NumberFormat.number($0[zone: $1, .lostRentals].mean ?? 0) }),
            ("Over capacity, first to last", { run, z in
                run.clock(zone: z, .firstOverCapacity).map { "\($0)-\(run.clock(zone: z, .lastOverCapacity) ?? "")" } ?? "-"
            }),
        ]
        body += "<div class=\"grid\">"
        for (title, cell) in dockedOnly ? docked : piles {
            body += "<div><h3>\(w(title))</h3>" + HTMLPage.table([w("zone"), w("capacity")] + report.runs.map(\.policy), ranking.map { z in
                [m.zoneID[z], NumberFormat.number(Double(m.zoneCapacity[z]))] + report.runs.map { cell($0, z) }
            }) + "</div>"
        }
        body += "</div>"
        body += RunHTML.provenanceSection(report.provenance, model: m, w)
        let policies = report.runs.map(\.policy)
        let title = policies.count > 1 ? w("{0} vs {1}", policies[0], policies.dropFirst().joined(separator: ", ")) : w("policy {0}", policies[0])
        return HTMLPage.page(title: "\(m.name): \(title)", provenance: report.provenance, body: body, language: language)
    }

    /// `good`, `bad` or nothing, from the sign of a paired interval that excludes 0.
    static func verdict(_ s: Summary, _ better: KPIInfo.Better) -> String {
        guard let mean = s.mean, let ci = s.ci95, better != .neither, abs(mean) > ci else { return "" }
        return (mean > 0) == (better == .higher) ? "good" : "bad"
    }

    /// Each policy as a point: trips lost (x) against overflow bike-hours (y), both as paired
    /// differences from the first policy with their 95% intervals as bars. Down and left is better.
    static func tradeOffChart(_ report: ComparisonReport, _ w: ReportWords) -> String {
        let width = 640.0, height = 380.0, left = 80.0, right = 20.0, top = 20.0, bottom = 50.0
        let lost = report.paired.map { $0[SystemKPI.tripsLost.rawValue] }
        let over = report.paired.map { $0[SystemKPI.overflowBikeHours.rawValue] }
        func extent(_ s: [Summary]) -> (Double, Double) {
            var lo = 0.0, hi = 0.0
            for x in s { if let mean = x.mean { lo = min(lo, mean - (x.ci95 ?? 0)); hi = max(hi, mean + (x.ci95 ?? 0)) } }
            let pad = max((hi - lo) * 0.12, 1)
            return (lo - pad, hi + pad)
        }
        // The bound as a point too: what no dispatch can beat, against the first policy.
        let boundPoint: (Double, Double)? = report.bound.flatMap { b in
            guard let bl = b[.tripsLost]?.mean, let bo = b[.overflowBikeHours]?.mean,
                  let fl = report.runs[0][.tripsLost].mean, let fo = report.runs[0][.overflowBikeHours].mean else { return nil }
            return (bl - fl, bo - fo)
        }
        let extra = boundPoint.map { [Summary([$0.0]), Summary([$0.1])] }
        let (x0, x1) = extent(lost + (extra.map { [$0[0]] } ?? [])), (y0, y1) = extent(over + (extra.map { [$0[1]] } ?? []))
        func px(_ v: Double) -> Double { left + (width - left - right) * (v - x0) / (x1 - x0) }
        func py(_ v: Double) -> Double { top + (height - top - bottom) * (1 - (v - y0) / (y1 - y0)) }
        var out = "<svg class=\"chart\" viewBox=\"0 0 \(SVG.n(width)) \(SVG.n(height))\" role=\"img\" aria-label=\"\(SVG.escape(w("Trade-off of each policy")))\">"
        out += "<rect x=\"\(SVG.n(left))\" y=\"\(SVG.n(top))\" width=\"\(SVG.n(width - left - right))\" height=\"\(SVG.n(height - top - bottom))\" fill=\"#fafafa\" stroke=\"#ccc\"/>"
        out += "<line x1=\"\(SVG.n(px(0)))\" y1=\"\(SVG.n(top))\" x2=\"\(SVG.n(px(0)))\" y2=\"\(SVG.n(height - bottom))\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>"
        out += "<line x1=\"\(SVG.n(left))\" y1=\"\(SVG.n(py(0)))\" x2=\"\(SVG.n(width - right))\" y2=\"\(SVG.n(py(0)))\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>"
        out += "<text x=\"\(SVG.n(px(0) + 4))\" y=\"\(SVG.n(py(0) - 4))\">\(SVG.escape(report.runs[0].policy))</text>"
        // Each name beside its point where it overlaps no other name, point or the baseline's.
        let points = report.runs.indices.dropLast().compactMap { i in lost[i].mean.flatMap { lx in over[i].mean.map { (px(lx), py($0)) } } }
        var placer = Label.Placer(bounds: Label.Box(x: left, y: top, width: width - left - right, height: height - top - bottom),
                                  obstacles: points.map { Label.Box(x: $0.0 - 5, y: $0.1 - 5, width: 10, height: 10) }
                                      + [Label.Box(x: px(0) + 4, y: py(0) - 16, width: SVG.textWidth(report.runs[0].policy), height: 14)])
        if let (bx, by) = boundPoint {
            out += "<rect x=\"\(SVG.n(px(bx) - 5))\" y=\"\(SVG.n(py(by) - 5))\" width=\"10\" height=\"10\" fill=\"#222\"><title>\(SVG.escape(w("bound: what no dispatch can beat")))</title></rect>"
            let box = placer.place(width: SVG.textWidth(w("bound")) * 1.1, height: 14, around: px(bx), py(by), radius: 6)
                ?? Label.Box(x: px(bx) + 8, y: py(by) - 20, width: 0, height: 14)
            out += "<text x=\"\(SVG.n(box.x))\" y=\"\(SVG.n(box.y + 11))\">\(SVG.escape(w("bound")))</text>"
        }
        for (i, run) in report.runs.dropFirst().enumerated() {
            guard let lx = lost[i].mean, let oy = over[i].mean else { continue }
            let colour = DayCharts.palette[i % DayCharts.palette.count]
            let lc = lost[i].ci95 ?? 0, oc = over[i].ci95 ?? 0
            out += "<line x1=\"\(SVG.n(px(lx - lc)))\" y1=\"\(SVG.n(py(oy)))\" x2=\"\(SVG.n(px(lx + lc)))\" y2=\"\(SVG.n(py(oy)))\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
            out += "<line x1=\"\(SVG.n(px(lx)))\" y1=\"\(SVG.n(py(oy - oc)))\" x2=\"\(SVG.n(px(lx)))\" y2=\"\(SVG.n(py(oy + oc)))\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
            out += "<circle cx=\"\(SVG.n(px(lx)))\" cy=\"\(SVG.n(py(oy)))\" r=\"5\" fill=\"\(colour)\"><title>\(SVG.escape(run.policy)): \(SVG.escape(report.tradeOff(i, w.language)))</title></circle>"
            let box = placer.place(width: SVG.textWidth(run.policy) * 1.1, height: 14, around: px(lx), py(oy), radius: 6)
                ?? Label.Box(x: px(lx) + 8, y: py(oy) - 20, width: 0, height: 14)
            out += "<text x=\"\(SVG.n(box.x))\" y=\"\(SVG.n(box.y + 11))\" font-weight=\"bold\">\(SVG.escape(run.policy))</text>"
        }
        // Ticks on round numbers (the step 1, 2, 2.5 or 5 times a power of ten).
        for (lo, hi, horizontal) in [(x0, x1, true), (y0, y1, false)] {
            let step = SVG.niceStep(from: lo, to: hi)
            var v = (lo / step).rounded(.up) * step
            while v <= hi {
                let label = NumberFormat.number(v == 0 ? 0 : v, decimals: 0)
                out += horizontal
                    ? "<text x=\"\(SVG.n(px(v)))\" y=\"\(SVG.n(height - bottom + 14))\" text-anchor=\"middle\">\(label)</text>"
                    : "<text x=\"\(SVG.n(left - 4))\" y=\"\(SVG.n(py(v) + 4))\" text-anchor=\"end\">\(label)</text>"
                v += step
            }
        }
        out += "<text x=\"\(SVG.n((left + width - right) / 2))\" y=\"\(SVG.n(height - 12))\" text-anchor=\"middle\">\(SVG.escape(w("more trips lost than {0} →", report.runs[0].policy)))</text>"
        out += "<text x=\"14\" y=\"\(SVG.n((top + height - bottom) / 2))\" transform=\"rotate(-90 14 \(SVG.n((top + height - bottom) / 2)))\" text-anchor=\"middle\">\(SVG.escape(w("more overflow bike-hours →")))</text>"
        return out + "</svg>"
    }
}
