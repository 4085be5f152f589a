import TideSimIO
import TideSimEngine
import TideSimModel
import TideSimCore

/// The text report of `tidesim run`, in English or Chinese.
public enum RunReportText {
    public static func render(_ report: RunReport, file: String, top: Int, language: ReportLanguage = .en) -> String {
        let w = ReportWords(language)
        let m = report.model
        let n = report.replications.count
        let measured = m.measuredDays
        var out = "\(m.name) (\(file)), tidesim \(report.provenance.version)\n"
        out += w("policy {0}, seed {1}, {2}, {3} measured", report.policy, report.seed, w.count(n, "replication", "replications"),
                 w.count(measured, "day", "days"))
        out += m.warmupDays > 0 ? w(" after {0}", w.count(m.warmupDays, "warm-up day", "warm-up days")) + "\n" : "\n"
        if !report.provenance.whatIfs.isEmpty { out += w("what-ifs: {0}", report.provenance.whatIfs.joined(separator: " ")) + "\n" }
        if m.demand.flowOrigin.isEmpty && m.replayDay == nil {
            out += w("no demand: the scenario has no flows; add them with tidesim calibrate, or replay a real day with --replay") + "\n"
        }
        if n > 1 { out += w("values are means ± the half-width of the 95% confidence interval") + "\n" }

        out += "\n" + w("System") + "\n"
        var kpis = TextTable(header: ["", ""])
        func add(_ k: SystemKPI, label: String? = nil) {
            kpis.add([label ?? k.label(measuredDays: measured, language), NumberFormat.summary(report[k], k.info)])
        }
        let dockedOnly = ReportLayout.dockedOnly(m)
        for k in ReportLayout.runSystem(transfers: m.hasTrucks || m.holdingCount > 0, dockedOnly: dockedOnly) {
            switch k {
            case .tripsWalked: add(k, label: "  " + w("of which walked") + (measured > 1 ? " " + w("(over {0} days)", measured) : ""))
            case .clearanceBreaches: add(k, label: w("clearance breaches per day (> {0} min)", NumberFormat.number(m.clearanceMinutes)))
            default: add(k)
            }
        }
        out += kpis.render().split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")

        let fleet = report.model.fleet
        out += "\n" + w("Fleet {0} bikes", NumberFormat.number(Double(fleet)))
        if let cap = m.fleetCap {
            out += cap > 0 ? w(" against a cap of {0} ({1})", NumberFormat.number(Double(cap)), NumberFormat.percent(Double(fleet) / Double(cap)))
                : w(" against a cap of 0")
            if fleet > cap { out += w(", {0} over the cap", NumberFormat.number(Double(fleet - cap))) }
        } else {
            out += w(" (no fleet.cap in the scenario)")
        }
        out += "\n" + w("Turnover {0} trips per bike per day", NumberFormat.summary(report[.turnover], SystemKPI.turnover.info)) + "\n"
        if let day = m.costPerDay { out += costLine(day, w) + "\n" }
        if let bound = report.bound { out += BoundText.section(bound, runs: [report], measuredDays: m.measuredDays, w, language) }
        if !m.operators.isEmpty { out += OperatorTables.text(report, top: top, w) }
        if m.inspections != nil { out += InspectionTables.text(report, top: top, w, language) }

        let ranking = report.hotspotRanking().prefix(top)
        let docked = m.zoneRedirects.contains(true)
        let order = dockedOnly ? w("failed returns, then lost rentals")
            : docked ? w("overflow bike-hours, then failed returns") : w("overflow bike-hours")
        out += "\n" + w("Hotspots (top {0} of {1} zones by {2}; peak = most bikes / capacity)", ranking.count, m.zoneCount, order) + "\n"
        let header = dockedOnly ? ["zone", "name", "capacity", "peak", "peak time", "failed returns", "lost rentals", "minutes empty"].map { w($0) }
            : ["zone", "name", "capacity", "peak", "peak time", "over cap", "minutes over cap",
               "episodes", "longest min", "breaches", "overflow bike-h"].map { w($0) } + (docked ? [w("failed returns")] : []) + [w("lost rentals")]
        var table = TextTable(header: header, leftAligned: [0, 1])
        // Each column with one number format (never `0` beside `80.5`).
        let kpiColumns = ReportLayout.hotspotColumns(docked: docked, dockedOnly: dockedOnly)
        let cells = kpiColumns.map { k in NumberFormat.summaries(ranking.map { report[zone: $0, k] }, k.info) }
        for (row, z) in ranking.enumerated() {
            let span = report.clock(zone: z, .firstOverCapacity).map { "\($0)-\(report.clock(zone: z, .lastOverCapacity) ?? "")" }
            table.add([m.zoneID[z], m.zoneName[z], NumberFormat.number(Double(m.zoneCapacity[z])), cells[0][row],
                       report.clock(zone: z, .peakTime) ?? "-"] + (dockedOnly ? [] : [span ?? "-"]) + cells.dropFirst().map { $0[row] })
        }
        out += table.render()

        if m.holdingCount > 0 {
            // The busiest first, at most --top of them.
            let areas = (0..<m.holdingCount).sorted {
                let a = report.holdingAreas[$0][HoldingKPI.bikesIn.rawValue].mean ?? 0, b = report.holdingAreas[$1][HoldingKPI.bikesIn.rawValue].mean ?? 0
                return a != b ? a > b : $0 < $1
            }.prefix(top)
            out += "\n" + (areas.count < m.holdingCount
                ? w("Holding areas (the {0} busiest of {1} by bikes in)", areas.count, m.holdingCount) : w("Holding areas")) + "\n"
            var holding = TextTable(header: ["area", "name", "capacity", "open", "peak fill", "mean bikes", "bikes in", "bikes out"].map { w($0) },
                                    leftAligned: [0, 1])
            let kpis = ReportLayout.holdingColumns
            let cells = kpis.map { k in NumberFormat.summaries(areas.map { report.holdingAreas[$0][k.rawValue] }, k.info) }
            for (row, h) in areas.enumerated() {
                holding.add([m.holdingID[h], m.holdingName[h], NumberFormat.number(Double(m.holdingCapacity[h])),
                             m.holdingOpen[h]?.description ?? w("all day")] + cells.map { $0[row] })
            }
            out += holding.render()
        }
        return out
    }

    /// `Cost of the levers 5,300 CNY a day: 2 trucks 1,600, 1 holding area 500, 640 bikes 3,200`.
    static func costLine(_ d: Costs.Day, _ w: ReportWords) -> String {
        let money = { (x: Double) in NumberFormat.number(x, decimals: 2) }
        return w("Cost of the levers {0} {1} a day: {2} {3}, {4} {5}, {6} {7}", money(d.total), d.currency,
                 w.count(d.trucks, "truck", "trucks"), money(d.truckCost), w.count(d.holdingAreas, "holding area", "holding areas"),
                 money(d.holdingAreaCost), w.count(d.bikes, "bike", "bikes"), money(d.bikeCost))
    }
}
