import TideSim

/// The text report of `tidesim run`.
enum RunReportText {
    static func render(_ report: RunReport, file: String, top: Int) -> String {
        let s = report.model.scenario
        let n = report.replications.count
        let measured = report.model.measuredDays
        var out = "\(s.name) (\(file))\n"
        out += "policy \(report.policy), seed \(report.seed), \(n) replication\(n == 1 ? "" : "s"), "
        out += "\(measured) day\(measured == 1 ? "" : "s") measured"
        out += s.warmupDays > 0 ? " after \(s.warmupDays) warm-up day\(s.warmupDays == 1 ? "" : "s")\n" : "\n"
        if n > 1 { out += "values are means ± the half-width of the 95% confidence interval\n" }

        out += "\nSystem\n"
        var kpis = TextTable(header: ["", ""])
        kpis.rows = []
        func add(_ label: String, _ k: SystemKPI, decimals: Int = 1, percent: Bool = false) {
            kpis.add([label, Format.summary(report[k], decimals: decimals, percent: percent)])
        }
        add("trip attempts", .tripAttempts)
        add("trips served", .tripsServed)
        add("  of which walked", .tripsWalked)
        add("trips lost", .tripsLost)
        add("service level", .serviceLevel, percent: true)
        add("failed returns", .failedReturns)
        add("overflow bike-hours", .overflowBikeHours)
        add("peak overflow bikes", .peakOverflowBikes)
        add("hotspot zones", .hotspotZones)
        if (s.trucks?.count ?? 0) > 0 || !s.holdingAreas.isEmpty {
            add("bikes to holding", .bikesToHolding)
            add("bikes from holding", .bikesFromHolding)
            add("holding peak fill", .holdingPeakFill, percent: true)
            add("truck km", .truckKm)
            add("truck busy hours", .truckBusyHours)
        }
        out += kpis.render().split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")

        let fleet = report.model.fleet
        out += "\nFleet \(Format.number(Double(fleet))) bikes"
        if let cap = s.fleetCap {
            out += cap > 0 ? " against a cap of \(Format.number(Double(cap))) (\(Format.percent(Double(fleet) / Double(cap))))" : " against a cap of 0"
            if fleet > cap { out += ", \(Format.number(Double(fleet - cap))) over the cap" }
        } else {
            out += " (no fleet.cap in the scenario)"
        }
        out += "\nTurnover \(Format.summary(report[.turnover], decimals: 2)) trips per bike per day\n"

        let ranking = report.hotspotRanking().prefix(top)
        let docked = s.zones.contains { $0.overflow == .redirect }
        let order = docked ? "overflow bike-hours, then failed returns" : "overflow bike-hours"
        out += "\nHotspots (top \(ranking.count) of \(report.model.zoneCount) zones by \(order))\n"
        var table = TextTable(header: ["zone", "name", "capacity", "peak pressure", "peak time", "min over cap",
                                       "overflow bike-h"] + (docked ? ["failed returns"] : []) + ["lost rentals"],
                              leftAligned: [0, 1])
        for z in ranking {
            let zone = s.zones[z]
            let row = report.zones[z]
            table.add([zone.id, zone.name, Format.number(Double(zone.capacity)),
                       Format.summary(row[ZoneKPI.peakPressure.rawValue], decimals: 2),
                       report.zonePeakTime[z].map { formatClock(Int($0)) } ?? "-",
                       Format.summary(row[ZoneKPI.minutesOverCapacity.rawValue], decimals: 0),
                       Format.summary(row[ZoneKPI.overflowBikeHours.rawValue])]
                + (docked ? [Format.summary(row[ZoneKPI.failedReturns.rawValue])] : [])
                + [Format.summary(row[ZoneKPI.lostRentals.rawValue])])
        }
        out += table.render()

        if !s.holdingAreas.isEmpty {
            out += "\nHolding areas\n"
            var holding = TextTable(header: ["area", "name", "capacity", "open", "peak fill", "mean bikes", "bikes in", "bikes out"],
                                    leftAligned: [0, 1])
            for (h, area) in s.holdingAreas.enumerated() {
                let row = report.holdingAreas[h]
                holding.add([area.id, area.name, Format.number(Double(area.capacity)), area.open?.description ?? "all day",
                             Format.summary(row[HoldingKPI.peakFill.rawValue], percent: true),
                             Format.summary(row[HoldingKPI.meanBikes.rawValue]),
                             Format.summary(row[HoldingKPI.bikesIn.rawValue]),
                             Format.summary(row[HoldingKPI.bikesOut.rawValue])])
            }
            out += holding.render()
        }
        return out
    }
}
