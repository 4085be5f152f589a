/// `run --html FILE`: one self-contained page that shows where and when the tide hits: the map,
/// the pressure heatmap, the day's state, the hotspot table with its clearance measures, the
/// system KPIs with their intervals, and what produced the run.
public enum RunHTML {
    /// Zones in the heatmap: the worst by overflow, then the ones that run empty longest.
    static let heatmapOverflowRows = 20, heatmapEmptyRows = 5

    /// The page. The run must have recorded its time series for the heatmap and the day's charts.
    public static func render(_ report: RunReport, top: Int = 15) -> String {
        let m = report.model
        let series = ReportSeries(report)
        let ranking = report.hotspotRanking()
        var body = ""

        body += "<h2>At a glance</h2><div>"
        for k in [SystemKPI.tripAttempts, .tripsServed, .tripsLost, .serviceLevel, .overflowBikeHours, .hotspotZones,
                  .clearanceBreaches, .bikesToHolding, .bikesFromHolding, .truckKm] {
            body += "<span class=\"kpi\"><b>\(SVG.escape(NumberFormat.summary(report[k], k.info)))</b>\(SVG.escape(label(k, m)))</span>"
        }
        body += "</div>"

        let (map, leftOut) = MapSVG.render(report, ranking: ranking)
        body += "<h2>Where: the map</h2><p class=\"note\">Circles are zones, sized by capacity and coloured by peak pressure "
            + "(most bikes over capacity); squares are holding areas. Hover for names and numbers."
            + (leftOut > 0 ? " The \(leftOut) zones with the least overflow are left out." : "") + "</p>" + map

        var heatZones = Array(ranking.prefix(heatmapOverflowRows).filter { (report[zone: $0, .overflowBikeHours].mean ?? 0) > 0 || (report[zone: $0, .peakPressure].mean ?? 0) > 0 })
        let empty = (0..<m.zoneCount).filter { !heatZones.contains($0) && (report[zone: $0, .emptyMinutes].mean ?? 0) > 0 }
            .sorted { (report[zone: $0, .emptyMinutes].mean ?? 0) > (report[zone: $1, .emptyMinutes].mean ?? 0) }
        heatZones += empty.prefix(heatmapEmptyRows)
        body += "<h2>When: pressure by time of day</h2><p class=\"note\">Bikes / capacity, averaged over the replications: the \(min(heatmapOverflowRows, ranking.count)) zones with the most overflow, then those that run empty longest"
            + (m.zoneCount > heatZones.count ? " (\(m.zoneCount - heatZones.count) other zones not shown)" : "") + ".</p>"
        body += HeatmapSVG.render(report, series: series, zones: heatZones)

        body += "<h2>The day's state</h2>"
        if series.isEmpty {
            body += "<p class=\"note\">No time series was recorded.</p>"
        } else {
            body += "<p class=\"note\">Where the \(NumberFormat.number(Double(m.fleet))) bikes are, averaged over the replications.</p>"
            body += DayCharts.stacked(report, series: series)
            if m.holdingCount > 0 {
                let shown = (0..<m.holdingCount).sorted { (report.holdingAreas[$0][HoldingKPI.bikesIn.rawValue].mean ?? 0) > (report.holdingAreas[$1][HoldingKPI.bikesIn.rawValue].mean ?? 0) }
                    .prefix(DayCharts.palette.count)
                let lines = shown.enumerated().map { k, h -> (String, String, [Double]) in
                    let cap = Double(max(1, m.holdingCapacity[h]))
                    return (m.holdingName[h], DayCharts.palette[k], (0..<series.times.count).map { series.holding[$0 * m.holdingCount + h] / cap })
                }
                body += "<h2>Holding areas: how full</h2>"
                if m.holdingCount > shown.count { body += "<p class=\"note\">The \(shown.count) busiest of \(m.holdingCount) holding areas.</p>" }
                body += DayCharts.lines(report, series: series, lines: lines, yMax: 1, yLabel: "fill", percent: true)
            }
            if let trucks = m.trucks {
                body += "<h2>Trucks at work</h2>"
                body += "<p class=\"note\">Trucks on an order (driving, loading or unloading), of \(trucks.count), averaged over the replications.</p>"
                body += DayCharts.lines(report, series: series, lines: [("trucks on an order", "#d95f02", series.busyTrucks)],
                                        yMax: Double(max(trucks.count, 1)), yLabel: "trucks")
            }
        }

        let hot = ranking.prefix(top)
        body += "<h2>Hotspots</h2><p class=\"note\">The \(hot.count) of \(m.zoneCount) zones with the most overflow. Peak = most bikes / capacity. "
            + "A breach is an episode over capacity longer than \(NumberFormat.number(m.clearanceMinutes)) minutes.</p>"
        let zoneKPIs: [ZoneKPI] = [.peakPressure, .minutesOverCapacity, .overflowEpisodes, .longestOverflowMinutes, .clearanceBreaches,
                                   .overflowBikeHours, .lostRentals]
        body += HTMLPage.table(["zone", "name", "capacity", "peak time", "first over", "last over"]
                                + zoneKPIs.map { $0.info.unit == "min" && !$0.info.label.contains("minutes") ? $0.info.label + " (min)" : $0.info.label },
                               hot.map { z in
                                   [m.zoneID[z], m.zoneName[z], NumberFormat.number(Double(m.zoneCapacity[z]))]
                                       + ZoneClock.allCases.map { report.clock(zone: z, $0) ?? "-" }
                                       + zoneKPIs.map { NumberFormat.summary(report[zone: z, $0], $0.info) }
                               }, left: [0, 1])

        body += "<h2>System KPIs</h2>"
        if report.replications.count > 1 { body += "<p class=\"note\">Means ± the half-width of the 95% confidence interval over \(report.replications.count) replications.</p>" }
        body += HTMLPage.table(["KPI", "value", "unit"], SystemKPI.allCases.map { k in
            [label(k, m), NumberFormat.summary(report[k], k.info), k.info.unit]
        }, left: [0, 2])

        if m.holdingCount > 0 {
            body += "<h2>Holding areas</h2>"
            body += HTMLPage.table(["area", "name", "capacity", "open"] + HoldingKPI.allCases.map(\.info.label), (0..<m.holdingCount).map { h in
                [m.holdingID[h], m.holdingName[h], NumberFormat.number(Double(m.holdingCapacity[h])), m.holdingOpen[h]?.description ?? "all day"]
                    + HoldingKPI.allCases.map { NumberFormat.summary(report.holdingAreas[h][$0.rawValue], $0.info) }
            }, left: [0, 1, 3])
        }
        body += provenanceSection(report.provenance, model: m)
        return HTMLPage.page(title: "\(m.name): policy \(report.policy)", provenance: report.provenance, body: body)
    }

    /// A KPI's label, saying "per day" or "over N days" where a run measures several days.
    static func label(_ k: SystemKPI, _ m: Model) -> String { k.label(measuredDays: m.measuredDays) }

    static func provenanceSection(_ p: Provenance, model m: Model) -> String {
        "<h2>What produced this</h2>" + HTMLPage.table(["", ""], [
            ["tidesim", p.version], ["scenario file", p.scenarioFile], ["scenario", p.scenarioName], ["seed", String(p.seed)],
            [p.policies.count == 1 ? "policy" : "policies", p.policies.joined(separator: ", ")], ["replications", String(p.replications)],
            ["what-ifs", p.whatIfs.isEmpty ? "none" : p.whatIfs.joined(separator: " ")],
            ["days", "\(m.days) (\(m.warmupDays) warm-up), samples every \(m.sampleMinutes) min"],
        ], left: [0, 1])
    }
}
