import TideSimIO
import TideSimEngine
import TideSimModel
import TideSimCore

/// The inspections' tables of the text and HTML reports (a city with inspections): what the
/// inspectors did and found, and where they went.
enum InspectionTables {
    /// `4 inspectors on a random route, shifts 07:00-10:00, 17:00-20:00; 30 minutes to respond`.
    static func setting(_ m: Model, _ w: ReportWords) -> String {
        guard let s = m.inspections else { return "" }
        let shifts = s.shifts.map { TimeWindow(start: Int($0.start), end: Int(($0.start + $0.length).truncatingRemainder(dividingBy: 86_400))).description }
        return w("{0} on a {1} route, shifts {2}; {3} minutes to respond", w.count(s.inspectors, "inspector", "inspectors"), w(s.route.rawValue),
                 s.shifts.count == 1 && s.shifts[0].length == 86_400 ? w("all day") : shifts.joined(separator: ", "),
                 NumberFormat.number(s.respondSeconds / 60))
    }

    /// The KPIs as (label, value) rows.
    static func kpis(_ report: RunReport, _ language: ReportLanguage) -> [[String]] {
        InspectionKPI.allCases.map { k in [k.info.label(language), NumberFormat.summary(report[inspection: k], k.info)] }
    }

    /// The zones with the most work orders (then visits): header and rows.
    static func zones(_ report: RunReport, top: Int, _ w: ReportWords) -> (header: [String], rows: [[String]]) {
        let m = report.model
        let rows = report.inspectedZones().prefix(top).map { z in
            [m.zoneID[z], m.zoneName[z], NumberFormat.number(report.zoneVisits[z], decimals: 1), NumberFormat.number(report.zoneOrders[z], decimals: 1)]
        }
        return (["zone", "name", "visits", "work orders"].map { w($0) }, rows)
    }

    /// Over the day: each hour with visits, its visits, findings and orders (means per
    /// replication): header and rows.
    static func hours(_ report: RunReport, _ w: ReportWords) -> (header: [String], rows: [[String]]) {
        let rows = (0..<report.hourVisits.count).filter { report.hourVisits[$0] > 0 }.map { h in
            [String(format: "%02d:00-%02d:00", h, h + 1), NumberFormat.number(report.hourVisits[h], decimals: 1),
             NumberFormat.number(report.hourFoundOver[h], decimals: 1), NumberFormat.number(report.hourOrders[h], decimals: 1)]
        }
        return (["hour", "visits", "found over capacity", "work orders"].map { w($0) }, rows)
    }

    /// The text report's section.
    static func text(_ report: RunReport, top: Int, _ w: ReportWords, _ language: ReportLanguage) -> String {
        var out = "\n" + w("Inspections: {0}", setting(report.model, w)) + "\n"
        var t = TextTable(header: ["", ""])
        for row in kpis(report, language) { t.add(row) }
        out += t.render().split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
        let hours = hours(report, w)
        if !hours.rows.isEmpty {
            out += "\n" + w("Over the day: visits, visits that found the zone over capacity, and work orders, by hour.") + "\n"
            var h = TextTable(header: hours.header, leftAligned: [0])
            for row in hours.rows { h.add(row) }
            out += h.render()
        }
        let visited = zones(report, top: top, w)
        guard !visited.rows.isEmpty else { return out }
        out += "\n" + w("Where the inspectors went (the {0} zones with the most work orders, then visits)", visited.rows.count) + "\n"
        var z = TextTable(header: visited.header, leftAligned: [0, 1])
        for row in visited.rows { z.add(row) }
        return out + z.render()
    }
}
