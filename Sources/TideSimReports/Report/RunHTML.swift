import TideSimIO
import TideSimEngine
import TideSimModel
import TideSimCore
/// `run --html FILE`: one self-contained page that shows where and when the tide hits: the map,
/// the pressure heatmap, the day's state, the hotspot table with its clearance measures, the
/// system KPIs with their intervals, and what produced the run.
public enum RunHTML {
    /// Zones in the heatmap: the worst by overflow, then the ones that run empty longest.
    static let heatmapOverflowRows = 20, heatmapEmptyRows = 5

    /// The page. The run must have recorded its time series for the heatmap and the day's charts.
    public static func render(_ report: RunReport, top: Int = 15, language: ReportLanguage = .en) -> String {
        let w = ReportWords(language)
        let m = report.model
        let series = ReportSeries(report)
        let ranking = report.hotspotRanking()
        var body = ""

        body += "<h2>\(w("At a glance"))</h2><div>"
        for k in ReportLayout.runGlance(dockedOnly: ReportLayout.dockedOnly(m)) {
            body += "<span class=\"kpi\"><b>\(SVG.escape(NumberFormat.summary(report[k], k.info)))</b>\(SVG.escape(label(k, m, language)))</span>"
        }
        body += "</div>"
        if let bound = report.bound { body += BoundHTML.section(bound, runs: [report], model: m, w, language) }

        // A spread system (cities tens of kilometres apart) gets a map per group of zones, each at
        // a scale where its zones can be told apart; a district, one map.
        let groups = MapSVG.clusters(m)
        var maps = "", leftOut = 0
        if groups.count == 1 {
            let drawn = MapSVG.render(report, ranking: ranking, w)
            (maps, leftOut) = (drawn.svg, drawn.leftOut)
        } else {
            for (k, g) in groups.enumerated() {
                let biggest = g.zones.max { (m.zoneCapacity[$0], -$0) < (m.zoneCapacity[$1], -$1) }!
                let drawn = MapSVG.render(report, ranking: ranking, w, width: 480, height: 360, zones: g.zones, holdingAreas: g.holding)
                maps += "<div><h3>\(SVG.escape(w("Area {0}: {1} zones around {2}", k + 1, g.zones.count, m.zoneName[biggest])))</h3>\(drawn.svg)</div>"
                leftOut += drawn.leftOut
            }
            maps = "<div class=\"grid\">" + maps + "</div>"
        }
        body += "<h2>\(w("Where: the map"))</h2><p class=\"note\">"
            + SVG.escape(w("Circles are zones, sized by capacity and coloured by peak pressure (most bikes over capacity); squares are holding areas. Hover for names and numbers."))
            + (groups.count > 1 ? SVG.escape(w(" The zones lie in {0} areas far apart: each has a map of its own.", groups.count)) : "")
            + (leftOut > 0 ? SVG.escape(w(" The {0} zones with the least overflow are left out.", leftOut)) : "")
            + (m.inspections != nil ? SVG.escape(w(" Purple rings: zones where inspectors gave work orders.")) : "") + "</p>" + maps

        var heatZones = Array(ranking.prefix(heatmapOverflowRows).filter { (report[zone: $0, .overflowBikeHours].mean ?? 0) > 0 || (report[zone: $0, .peakPressure].mean ?? 0) > 0 })
        let empty = (0..<m.zoneCount).filter { !heatZones.contains($0) && (report[zone: $0, .emptyMinutes].mean ?? 0) > 0 }
            .sorted { (report[zone: $0, .emptyMinutes].mean ?? 0) > (report[zone: $1, .emptyMinutes].mean ?? 0) }
        heatZones += empty.prefix(heatmapEmptyRows)
        body += "<h2>\(w("When: pressure by time of day"))</h2><p class=\"note\">"
            + SVG.escape(w("Bikes / capacity, averaged over the replications: the {0} zones with the most overflow, then those that run empty longest",
                           min(heatmapOverflowRows, ranking.count)))
            + (m.zoneCount > heatZones.count ? SVG.escape(w(" ({0} other zones not shown)", m.zoneCount - heatZones.count)) : "") + ".</p>"
        body += HeatmapSVG.render(report, series: series, zones: heatZones, w)

        body += "<h2>\(w("The day's state"))</h2>"
        if series.isEmpty {
            body += "<p class=\"note\">\(w("No time series was recorded."))</p>"
        } else {
            body += "<p class=\"note\">\(w("Where the {0} bikes are, averaged over the replications.", NumberFormat.number(Double(m.fleet))))</p>"
            body += DayCharts.stacked(report, series: series, w)
            if m.holdingCount > 0 {
                let shown = (0..<m.holdingCount).sorted { (report.holdingAreas[$0][HoldingKPI.bikesIn.rawValue].mean ?? 0) > (report.holdingAreas[$1][HoldingKPI.bikesIn.rawValue].mean ?? 0) }
                    .prefix(DayCharts.palette.count)
                let lines = shown.enumerated().map { k, h -> (String, String, [Double]) in
                    let cap = Double(max(1, m.holdingCapacity[h]))
                    return (m.holdingName[h], DayCharts.palette[k], (0..<series.times.count).map { series.holding[$0 * m.holdingCount + h] / cap })
                }
                body += "<h2>\(w("Holding areas: how full"))</h2>"
                if m.holdingCount > shown.count { body += "<p class=\"note\">\(w("The {0} busiest of {1} holding areas.", shown.count, m.holdingCount))</p>" }
                body += DayCharts.lines(report, series: series, lines: lines, yMax: 1, yLabel: w("fill"), percent: true)
            }
            if let trucks = m.trucks {
                body += "<h2>\(w("Trucks at work"))</h2>"
                body += "<p class=\"note\">\(w("Trucks on an order (driving, loading or unloading), of {0}, averaged over the replications.", trucks.count))</p>"
                body += DayCharts.lines(report, series: series, lines: [(w("trucks on an order"), "#d95f02", series.busyTrucks)],
                                        yMax: Double(max(trucks.count, 1)), yLabel: w("trucks"))
            }
        }

        let hot = ranking.prefix(top)
        let dockedOnly = ReportLayout.dockedOnly(m)
        body += "<h2>\(w("Hotspots"))</h2><p class=\"note\">"
            + SVG.escape(dockedOnly ? w("The {0} of {1} zones with the most failed returns, then lost rentals. Peak = most bikes / capacity.",
                                        hot.count, m.zoneCount)
                         : w("The {0} of {1} zones with the most overflow. Peak = most bikes / capacity. A breach is an episode over capacity longer than {2} minutes.",
                             hot.count, m.zoneCount, NumberFormat.number(m.clearanceMinutes))) + "</p>"
        let zoneKPIs = ReportLayout.hotspotColumns(docked: m.zoneRedirects.contains(true), dockedOnly: dockedOnly)
        // A docked station is never over capacity: only its peak time is a clock worth showing.
        let clocks = dockedOnly ? [ZoneClock.peakTime] : ReportLayout.hotspotClocks
        let clockTitles: [ZoneClock: String] = [.peakTime: "peak time", .firstOverCapacity: "first over", .lastOverCapacity: "last over"]
        body += HTMLPage.table((["zone", "name", "capacity"] + clocks.map { clockTitles[$0]! }).map { w($0) }
                                + zoneKPIs.map { $0.info.unit == "min" && !$0.info.label.contains("minutes")
                                    ? $0.info.label(language) + " (\($0.info.unit(language)))" : $0.info.label(language) },
                               hot.map { z in
                                   [m.zoneID[z], m.zoneName[z], NumberFormat.number(Double(m.zoneCapacity[z]))]
                                       + clocks.map { report.clock(zone: z, $0) ?? "-" }
                                       + zoneKPIs.map { NumberFormat.summary(report[zone: z, $0], $0.info) }
                               }, left: [0, 1])

        if !m.operators.isEmpty {
            let accounts = OperatorTables.accounts(report, w)
            body += "<h2>\(w("Operators"))</h2><p class=\"note\">"
                + SVG.escape(w("An operator answers for the bikes above its fair share (share × capacity) of a zone over capacity.")
                             + " " + OperatorTables.quotaLine(m, w) + ".") + "</p>"
            body += HTMLPage.table(accounts.header, accounts.rows, left: [0, 1, 7])
            let blame = OperatorTables.responsibility(report, top: top, w)
            if !blame.rows.isEmpty {
                body += "<h2>\(w("Who is responsible for the piles"))</h2><p class=\"note\">"
                    + SVG.escape(w("Bike-hours above each operator's fair share while the zone was over capacity, and its part, at the worst hotspots.")) + "</p>"
                body += HTMLPage.table(blame.header, blame.rows, left: [0, 1])
            }
        }

        if m.inspections != nil {
            body += "<h2>\(w("Inspections"))</h2><p class=\"note\">" + SVG.escape(InspectionTables.setting(m, w) + ".") + "</p>"
            body += HTMLPage.table([w("KPI"), w("value")], InspectionTables.kpis(report, language), left: [0])
            let hours = InspectionTables.hours(report, w)
            if !hours.rows.isEmpty {
                body += "<p class=\"note\">" + SVG.escape(w("Over the day: visits, visits that found the zone over capacity, and work orders, by hour.")) + "</p>"
                body += HTMLPage.table(hours.header, hours.rows, left: [0])
            }
            let visited = InspectionTables.zones(report, top: top, w)
            if !visited.rows.isEmpty {
                body += "<p class=\"note\">" + SVG.escape(w("Where the inspectors went (the {0} zones with the most work orders, then visits)", visited.rows.count)) + "</p>"
                body += HTMLPage.table(visited.header, visited.rows, left: [0, 1])
            }
        }

        body += "<h2>\(w("System KPIs"))</h2>"
        if report.replications.count > 1 {
            body += "<p class=\"note\">\(w("Means ± the half-width of the 95% confidence interval over {0} replications.", report.replications.count))</p>"
        }
        body += HTMLPage.table([w("KPI"), w("value"), w("unit")], SystemKPI.allCases.map { k in
            [label(k, m, language), NumberFormat.summary(report[k], k.info), k.info.unit(language)]
        }, left: [0, 2])

        if m.holdingCount > 0 {
            body += "<h2>\(w("Holding areas"))</h2>"
            body += HTMLPage.table(["area", "name", "capacity", "open"].map { w($0) } + HoldingKPI.allCases.map { $0.info.label(language) },
                                   (0..<m.holdingCount).map { h in
                [m.holdingID[h], m.holdingName[h], NumberFormat.number(Double(m.holdingCapacity[h])), m.holdingOpen[h]?.description ?? w("all day")]
                    + HoldingKPI.allCases.map { NumberFormat.summary(report.holdingAreas[h][$0.rawValue], $0.info) }
            }, left: [0, 1, 3])
        }
        body += provenanceSection(report.provenance, model: m, w)
        return HTMLPage.page(title: "\(m.name): \(w("policy {0}", report.policy))", provenance: report.provenance, body: body, language: language)
    }

    /// A KPI's label, saying "per day" or "over N days" where a run measures several days.
    static func label(_ k: SystemKPI, _ m: Model, _ language: ReportLanguage) -> String { k.label(measuredDays: m.measuredDays, language) }

    static func provenanceSection(_ p: Provenance, model m: Model, _ w: ReportWords) -> String {
        "<h2>\(w("What produced this"))</h2>" + HTMLPage.table(["", ""], [
            ["tidesim", p.version], [w("scenario file"), p.scenarioFile], [w("scenario"), p.scenarioName], [w("seed"), String(p.seed)],
            [w(p.policies.count == 1 ? "policy" : "policies"), p.policies.joined(separator: ", ")], [w("replications"), String(p.replications)],
            [w("what-ifs"), p.whatIfs.isEmpty ? w("none") : p.whatIfs.joined(separator: " ")],
            [w("days"), w("{0} ({1} warm-up), samples every {2} min", m.days, m.warmupDays, m.sampleMinutes)],
        ], left: [0, 1])
    }
}
