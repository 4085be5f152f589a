import TideSim

/// The text report of `tidesim run`.
enum RunReportText {
    static func render(_ report: RunReport, file: String, top: Int) -> String {
        let m = report.model
        let n = report.replications.count
        let measured = m.measuredDays
        var out = "\(m.name) (\(file)), tidesim \(report.provenance.version)\n"
        out += "policy \(report.policy), seed \(report.seed), \(n) replication\(n == 1 ? "" : "s"), "
        out += "\(measured) day\(measured == 1 ? "" : "s") measured"
        out += m.warmupDays > 0 ? " after \(m.warmupDays) warm-up day\(m.warmupDays == 1 ? "" : "s")\n" : "\n"
        if !report.provenance.whatIfs.isEmpty { out += "what-ifs: \(report.provenance.whatIfs.joined(separator: " "))\n" }
        if n > 1 { out += "values are means ± the half-width of the 95% confidence interval\n" }

        out += "\nSystem\n"
        var kpis = TextTable(header: ["", ""])
        kpis.rows = []
        func add(_ k: SystemKPI, label: String? = nil) {
            kpis.add([label ?? k.label(measuredDays: measured), Format.summary(report[k], k.info)])
        }
        add(.tripAttempts)
        add(.tripsServed)
        add(.tripsWalked, label: "  of which walked")
        add(.tripsLost)
        add(.serviceLevel)
        add(.failedReturns)
        add(.overflowBikeHours)
        add(.peakOverflowBikes)
        add(.hotspotZones)
        add(.clearanceBreaches, label: "clearance breaches per day (> \(Format.number(m.clearanceMinutes)) min)")
        if m.hasTrucks || m.holdingCount > 0 {
            for k in [SystemKPI.bikesToHolding, .bikesFromHolding, .holdingPeakFill, .truckKm, .truckBusyHours] { add(k) }
        }
        out += kpis.render().split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")

        let fleet = report.model.fleet
        out += "\nFleet \(Format.number(Double(fleet))) bikes"
        if let cap = m.fleetCap {
            out += cap > 0 ? " against a cap of \(Format.number(Double(cap))) (\(Format.percent(Double(fleet) / Double(cap))))" : " against a cap of 0"
            if fleet > cap { out += ", \(Format.number(Double(fleet - cap))) over the cap" }
        } else {
            out += " (no fleet.cap in the scenario)"
        }
        out += "\nTurnover \(Format.summary(report[.turnover], SystemKPI.turnover.info)) trips per bike per day\n"

        let ranking = report.hotspotRanking().prefix(top)
        let docked = m.zoneRedirects.contains(true)
        let order = docked ? "overflow bike-hours, then failed returns" : "overflow bike-hours"
        out += "\nHotspots (top \(ranking.count) of \(m.zoneCount) zones by \(order); peak = most bikes / capacity)\n"
        var table = TextTable(header: ["zone", "name", "capacity", "peak", "peak time", "over cap", "minutes over cap",
                                       "episodes", "longest min", "breaches", "overflow bike-h"]
                                + (docked ? ["failed returns"] : []) + ["lost rentals"],
                              leftAligned: [0, 1])
        // Each column with one number format (never `0` beside `80.5`).
        let kpiColumns: [ZoneKPI] = [.peakPressure, .minutesOverCapacity, .overflowEpisodes, .longestOverflowMinutes, .clearanceBreaches,
                                     .overflowBikeHours] + (docked ? [.failedReturns] : []) + [.lostRentals]
        let cells = kpiColumns.map { k in Format.summaries(ranking.map { report[zone: $0, k] }, k.info) }
        for (row, z) in ranking.enumerated() {
            let span = report.clock(zone: z, .firstOverCapacity).map { "\($0)-\(report.clock(zone: z, .lastOverCapacity) ?? "")" }
            table.add([m.zoneID[z], m.zoneName[z], Format.number(Double(m.zoneCapacity[z])), cells[0][row],
                       report.clock(zone: z, .peakTime) ?? "-", span ?? "-"] + cells.dropFirst().map { $0[row] })
        }
        out += table.render()

        if m.holdingCount > 0 {
            // The busiest first, at most --top of them.
            let areas = (0..<m.holdingCount).sorted {
                let a = report.holdingAreas[$0][HoldingKPI.bikesIn.rawValue].mean ?? 0, b = report.holdingAreas[$1][HoldingKPI.bikesIn.rawValue].mean ?? 0
                return a != b ? a > b : $0 < $1
            }.prefix(top)
            out += areas.count < m.holdingCount
                ? "\nHolding areas (the \(areas.count) busiest of \(m.holdingCount) by bikes in)\n" : "\nHolding areas\n"
            var holding = TextTable(header: ["area", "name", "capacity", "open", "peak fill", "mean bikes", "bikes in", "bikes out"],
                                    leftAligned: [0, 1])
            let kpis: [HoldingKPI] = [.peakFill, .meanBikes, .bikesIn, .bikesOut]
            let cells = kpis.map { k in Format.summaries(areas.map { report.holdingAreas[$0][k.rawValue] }, k.info) }
            for (row, h) in areas.enumerated() {
                holding.add([m.holdingID[h], m.holdingName[h], Format.number(Double(m.holdingCapacity[h])),
                             m.holdingOpen[h]?.description ?? "all day"] + cells.map { $0[row] })
            }
            out += holding.render()
        }
        return out
    }
}
