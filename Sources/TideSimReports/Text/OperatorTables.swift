import TideSimIO
import TideSimEngine
import TideSimModel
import TideSimCore

/// The operators' tables of the text and HTML reports (a city with operators): each operator's
/// fleet against its quota and what it answers for, and who is responsible for the piles at the
/// worst hotspots.
enum OperatorTables {
    /// The operator table's header and rows, as display text.
    static func accounts(_ report: RunReport, _ w: ReportWords) -> (header: [String], rows: [[String]]) {
        let m = report.model
        let inspected = m.inspections != nil
        let header = ["operator", "name", "share", "quota", "placed", "fleet", "trucks", "policy", "trips served", "trips lost",
                      "service level", "bike-h above fair share", "breaches answered", "truck km"].map { w($0) }
            + (inspected ? ["work orders", "orders late", "penalty points"].map { w($0) } : [])
        let kpis: [OperatorKPI] = [.tripsServed, .tripsLost, .serviceLevel, .overflowBikeHours, .clearanceBreaches, .truckKm]
            + (inspected ? [.workOrders, .ordersLate, .penaltyPoints] : [])
        let cells = kpis.map { k in NumberFormat.summaries(m.operators.indices.map { report[operator: $0, k] }, k.info) }
        let policies = report.operatorPolicies
        let rows = m.operators.enumerated().map { o, op -> [String] in
            return [op.id, op.name, NumberFormat.percent(op.share), NumberFormat.number(Double(op.quota)), NumberFormat.number(Double(op.placed)),
                    NumberFormat.number(Double(op.fleet)),
                    NumberFormat.number(Double(op.trucks.count)), op.trucks.isEmpty ? "-" : policies[o]] + cells.map { $0[o] }
        }
        return (header, rows)
    }

    /// The worst hotspots (at most `top`, those over capacity) and each operator's bike-hours
    /// above its fair share there: header and rows.
    static func responsibility(_ report: RunReport, top: Int, _ w: ReportWords) -> (header: [String], rows: [[String]]) {
        let m = report.model
        let zones = report.hotspotRanking().prefix(top).filter { (report[zone: $0, .overflowBikeHours].mean ?? 0) > 0 }
        let header = ["zone", "name", "capacity", "overflow bike-h"].map { w($0) } + m.operators.map { $0.id }
            + [w("bikes at the peak ({0})", m.operators.map(\.id).joined(separator: " / "))]
        let rows = zones.map { z -> [String] in
            let total = m.operators.indices.reduce(0) { $0 + report.overflow(zone: z, operator: $1) }
            return [m.zoneID[z], m.zoneName[z], NumberFormat.number(Double(m.zoneCapacity[z])),
                    NumberFormat.number(report[zone: z, .overflowBikeHours].mean ?? 0, decimals: 1)]
                + m.operators.indices.map { o in
                    let x = report.overflow(zone: z, operator: o)
                    return x > 0 ? "\(NumberFormat.number(x, decimals: 1)) (\(NumberFormat.percent(x / total)))" : "-"
                }
                + [(report.clock(zone: z, .peakTime).map { $0 + ": " } ?? "")
                   + m.operators.indices.map { NumberFormat.number(report.zoneOperatorPeakBikes[z * m.operators.count + $0].rounded()) }.joined(separator: " / ")]
        }
        return (header, rows)
    }

    /// `Quotas total 18,154 bikes against the cap of 30,000; fleet 18,125`.
    static func quotaLine(_ m: Model, _ w: ReportWords) -> String {
        let total = Double(m.quotaTotal ?? 0)
        var line = w("Operators' quotas total {0} bikes", NumberFormat.number(total))
        if let cap = m.fleetCap {
            line += w(", {0} the cap of {1}", total > Double(cap) ? w("above") : w("within"), NumberFormat.number(Double(cap)))
        }
        return line
    }

    /// The text report's section.
    static func text(_ report: RunReport, top: Int, _ w: ReportWords) -> String {
        let m = report.model
        var out = "\n" + w("Operators (an operator answers for the bikes above its fair share, share × capacity, of a zone over capacity)") + "\n"
        let accounts = accounts(report, w)
        var table = TextTable(header: accounts.header, leftAligned: [0, 1, 7])
        for row in accounts.rows { table.add(row) }
        out += table.render()
        out += "  " + quotaLine(m, w) + "\n"
        let over = m.operators.filter { $0.placed > $0.quota }
        if !over.isEmpty {
            out += "  " + w("Placed above the quota and not deployed: {0}", over.map { "\($0.id) \(NumberFormat.number(Double($0.placed - $0.quota)))" }.joined(separator: ", ")) + "\n"
        }
        let blame = responsibility(report, top: top, w)
        guard !blame.rows.isEmpty else { return out }
        out += "\n" + w("Who is responsible for the piles (bike-hours above each operator's fair share, and its part)") + "\n"
        var who = TextTable(header: blame.header, leftAligned: [0, 1])
        for row in blame.rows { who.add(row) }
        return out + who.render()
    }
}
