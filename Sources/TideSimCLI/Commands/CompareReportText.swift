import TideSim

/// The text report of `tidesim compare`.
enum CompareReportText {
    static let kpis: [(String, SystemKPI, Int, Bool)] = [
        ("trips served", .tripsServed, 0, false), ("trips lost", .tripsLost, 1, false), ("service level", .serviceLevel, 1, true),
        ("failed returns", .failedReturns, 1, false), ("overflow bike-hours", .overflowBikeHours, 1, false),
        ("peak overflow bikes", .peakOverflowBikes, 1, false), ("hotspot zones", .hotspotZones, 1, false),
        ("bikes to holding", .bikesToHolding, 1, false), ("bikes from holding", .bikesFromHolding, 1, false),
        ("holding peak fill", .holdingPeakFill, 1, true), ("truck km", .truckKm, 1, false),
        ("truck busy hours", .truckBusyHours, 1, false), ("turnover", .turnover, 2, false),
    ]

    static func render(_ report: ComparisonReport, file: String, top: Int) -> String {
        let base = report.runs[0]
        let s = base.model.scenario
        let n = base.replications.count
        var out = "\(s.name) (\(file))\n"
        out += "\(n) replication\(n == 1 ? "" : "s") per policy, seed \(base.seed); every policy faces the same riders\n"
        out += "values are means ± the half-width of the 95% confidence interval\n"
        out += "\nSystem KPIs\n"
        var table = TextTable(header: ["KPI"] + report.runs.map(\.policy))
        table.add(["trip attempts"] + report.runs.map { Format.summary($0[.tripAttempts], decimals: 1) })
        for (label, k, decimals, percent) in kpis {
            table.add([label] + report.runs.map { Format.summary($0[k], decimals: decimals, percent: percent) })
        }
        out += table.render()

        if report.runs.count > 1 {
            out += "\nPaired differences against \(base.policy) (same riders; an interval that excludes 0 is a real difference)\n"
            var paired = TextTable(header: ["KPI"] + report.runs.dropFirst().map { "\($0.policy) − \(base.policy)" })
            for (label, k, decimals, percent) in kpis {
                paired.add([label] + report.paired.map { signed($0[k.rawValue], decimals: decimals, percent: percent) })
            }
            out += paired.render()
        }

        let ranking = base.hotspotRanking().prefix(top)
        out += "\nHotspots side by side (top \(ranking.count) zones by overflow bike-hours under \(base.policy); bike-h = overflow bike-hours, lost = lost rentals)\n"
        var header = ["zone", "capacity"]
        header += report.runs.map { "bike-h \($0.policy)" }
        header += report.runs.map { "lost \($0.policy)" }
        var hot = TextTable(header: header)
        for z in ranking {
            var row = [s.zones[z].id, Format.number(Double(s.zones[z].capacity))]
            row += report.runs.map { Format.number($0.zones[z][ZoneKPI.overflowBikeHours.rawValue].mean ?? 0) }
            row += report.runs.map { Format.number($0.zones[z][ZoneKPI.lostRentals.rawValue].mean ?? 0) }
            hot.add(row)
        }
        out += hot.render()
        return out
    }

    static func signed(_ s: Summary, decimals: Int, percent: Bool) -> String {
        guard let mean = s.mean else { return "-" }
        let scale = percent ? 100.0 : 1.0
        let body = (mean >= 0 ? "+" : "") + Format.number(mean * scale, decimals: percent ? 1 : decimals) + (percent ? "%" : "")
        guard let ci = s.ci95 else { return body }
        return body + " ± " + Format.number(ci * scale, decimals: percent ? 1 : decimals) + (percent ? "%" : "")
    }
}
