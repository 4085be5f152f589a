import TideSim

/// The text report of `tidesim compare`: each policy's KPIs, the paired differences against the
/// first policy, what each policy trades, and the hotspots side by side. Tables have a column per
/// policy, so four policies fit in about 100 columns.
enum CompareReportText {
    /// The system KPIs compared, in order (from the one KPI table).
    static let kpis: [SystemKPI] = [
        .tripsServed, .tripsLost, .serviceLevel, .failedReturns, .overflowBikeHours, .peakOverflowBikes, .hotspotZones,
        .clearanceBreaches, .bikesToHolding, .bikesFromHolding, .holdingPeakFill, .truckKm, .truckBusyHours, .turnover,
    ]

    static func render(_ report: ComparisonReport, file: String, top: Int) -> String {
        let base = report.runs[0]
        let m = base.model
        let n = base.replications.count
        var out = "\(m.name) (\(file)), tidesim \(report.provenance.version)\n"
        if !report.provenance.whatIfs.isEmpty { out += "what-ifs: \(report.provenance.whatIfs.joined(separator: " "))\n" }
        out += "\(n) replication\(n == 1 ? "" : "s") per policy, seed \(base.seed); every policy faces the same riders\n"
        out += "values are means ± the half-width of the 95% confidence interval\n"
        out += "\nSystem KPIs\n"
        var table = TextTable(header: ["KPI"] + report.runs.map(\.policy))
        for k in [SystemKPI.tripAttempts] + kpis {
            table.add([k.label(measuredDays: m.measuredDays)] + Format.summaries(report.runs.map { $0[k] }, k.info))
        }
        out += table.render()

        if report.runs.count > 1 {
            out += "\nPaired differences against \(base.policy) (same riders; an interval that excludes 0 is a real difference)\n"
            var paired = TextTable(header: ["KPI"] + report.runs.dropFirst().map { "\($0.policy) − \(base.policy)" })
            for k in kpis {
                paired.add([k.label(measuredDays: m.measuredDays)] + report.paired.map { signed($0[k.rawValue], k.info) })
            }
            out += paired.render()
            out += "\nWhat each policy trades against \(base.policy)\n"
            for (i, run) in report.runs.dropFirst().enumerated() {
                out += "  \(run.policy): \(report.tradeOff(i))\n"
            }
        }

        let ranking = base.hotspotRanking().prefix(top)
        out += "\nHotspots side by side (top \(ranking.count) zones by overflow bike-hours under \(base.policy))\n"
        for (title, cell) in hotspotColumns {
            out += "  \(title)\n"
            var hot = TextTable(header: ["zone", "capacity"] + report.runs.map(\.policy))
            for z in ranking {
                hot.add([m.zoneID[z], Format.number(Double(m.zoneCapacity[z]))] + report.runs.map { cell($0, z) })
            }
            out += hot.render(indent: 4)
        }
        return out
    }

    /// The stacked hotspot tables: a title and what each policy's cell shows.
    static let hotspotColumns: [(String, @Sendable (RunReport, Int) -> String)] = [
        ("overflow bike-hours", { run, z in Format.number(run[zone: z, .overflowBikeHours].mean ?? 0) }),
        ("lost rentals", { run, z in Format.number(run[zone: z, .lostRentals].mean ?? 0) }),
        ("over capacity, first to last (median over replications)", { run, z in
            run.clock(zone: z, .firstOverCapacity).map { "\($0)-\(run.clock(zone: z, .lastOverCapacity) ?? "")" } ?? "-"
        }),
    ]

    static func signed(_ s: Summary, _ info: KPIInfo) -> String {
        guard let mean = s.mean else { return "-" }
        let scale = info.percent ? 100.0 : 1.0
        let unit = info.percent ? "%" : ""
        let body = (mean >= 0 ? "+" : "") + Format.number(mean * scale, decimals: info.decimals) + unit
        guard let ci = s.ci95 else { return body }
        return body + " ± " + Format.number(ci * scale, decimals: info.decimals) + unit
    }
}
