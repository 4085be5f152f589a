/// The CSV tables of a run (DESIGN.md section 5), as header and rows of text.
public enum ReportTables {
    /// A cell for an optional number: empty when undefined.
    static func cell(_ x: Double?) -> String { x.map(JSONWriter.format) ?? "" }

    /// `system.csv`: one row per replication, a column per system KPI.
    public static func system(_ report: RunReport) -> (header: [String], rows: [[String]]) {
        let header = ["replication"] + SystemKPI.allCases.map(\.key)
        let rows = report.replications.map { r in [String(r.replication)] + r.system.map(cell) }
        return (header, rows)
    }

    /// `zones.csv`: one row per replication and zone.
    public static func zones(_ report: RunReport) -> (header: [String], rows: [[String]]) {
        let header = ["replication", "zone", "name", "kind", "capacity"] + ZoneKPI.allCases.map(\.key) + ["peakTime"]
        let zones = report.model.scenario.zones
        var rows: [[String]] = []
        for r in report.replications {
            for (z, zone) in zones.enumerated() {
                rows.append([String(r.replication), zone.id, zone.name, zone.kind, String(zone.capacity)]
                    + r.zones[z].map(cell) + [r.zonePeakTime[z].map { formatClock(Int($0)) } ?? ""])
            }
        }
        return (header, rows)
    }

    /// `holding.csv`: one row per replication and holding area.
    public static func holdingAreas(_ report: RunReport) -> (header: [String], rows: [[String]]) {
        let header = ["replication", "holdingArea", "name", "capacity"] + HoldingKPI.allCases.map(\.key)
        let areas = report.model.scenario.holdingAreas
        var rows: [[String]] = []
        for r in report.replications {
            for (h, area) in areas.enumerated() {
                rows.append([String(r.replication), area.id, area.name, String(area.capacity)] + r.holdingAreas[h].map(cell))
            }
        }
        return (header, rows)
    }

    /// `transfers.csv`: one row per truck order; `purpose` is `policy`, or `depot` for the engine's
    /// return of an idle truck to its depot outside its shifts. `issuedTime` is the clock time of the order on
    /// `day`; `issued`, `atPickup`, `atDropoff` and `finished` are seconds from the start of the
    /// run (empty when the run ended first).
    public static func transfers(_ report: RunReport) -> (header: [String], rows: [[String]]) {
        let header = ["replication", "order", "truck", "purpose", "day", "issuedTime", "pickup", "dropoff", "asked", "loaded", "unloaded",
                      "leftOnTruck", "km", "issued", "atPickup", "atDropoff", "finished"]
        let s = report.model.scenario
        func id(_ site: Site) -> String {
            switch site {
            case .zone(let z): return s.zones[z].id
            case .holding(let h): return s.holdingAreas[h].id
            }
        }
        var rows: [[String]] = []
        for r in report.replications {
            for (k, t) in r.transfers.enumerated() {
                let seconds = Int(t.issued.rounded(.down))
                let clock = formatClock(seconds % 86_400) + ":" + String(format2(seconds % 60))
                rows.append([String(r.replication), String(k + 1), String(t.order.truck + 1), t.toDepot ? "depot" : "policy",
                             String(seconds / 86_400 + 1), clock,
                             id(t.order.pickup), id(t.order.dropoff), String(t.order.bikes), String(t.loaded), String(t.unloaded),
                             String(t.leftOnTruck), JSONWriter.format(t.km), cell(t.issued), cell(t.atPickup.isNaN ? nil : t.atPickup),
                             cell(t.atDropoff.isNaN ? nil : t.atDropoff), cell(t.finished.isNaN ? nil : t.finished)])
            }
        }
        return (header, rows)
    }

    private static func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    /// `timeseries.csv`: for every sample, a row per zone and holding area, then a `riding` row
    /// and (when the scenario has trucks) a `trucks` row, so that each sample's bikes add up to
    /// the fleet. `day` is the day of the run (1-based, warm-up days included), `minute` the
    /// minute of that day.
    public static func timeSeries(_ report: RunReport) -> (header: [String], rows: [[String]]) {
        let header = ["replication", "day", "minute", "time", "site", "kind", "bikes", "capacity", "overflow"]
        let scenario = report.model.scenario
        let n = scenario.zones.count, h = scenario.holdingAreas.count
        let hasTrucks = (scenario.trucks?.count ?? 0) > 0
        var rows: [[String]] = []
        for r in report.replications {
            guard let ts = r.timeSeries else { continue }
            rows.reserveCapacity(rows.count + ts.times.count * (n + h + 2))
            for (s, t) in ts.times.enumerated() {
                let seconds = Int(t.rounded())
                let day = String(seconds / 86_400 + 1), minute = String((seconds % 86_400) / 60)
                let clock = formatClock(seconds % 86_400)
                let rep = String(r.replication)
                for (z, zone) in scenario.zones.enumerated() {
                    let b = Int(ts.zoneBikes[s * n + z])
                    rows.append([rep, day, minute, clock, zone.id, "zone", String(b), String(zone.capacity),
                                 String(max(0, b - zone.capacity))])
                }
                for (i, area) in scenario.holdingAreas.enumerated() {
                    let b = Int(ts.holdingBikes[s * h + i])
                    rows.append([rep, day, minute, clock, area.id, "holding", String(b), String(area.capacity),
                                 String(max(0, b - area.capacity))])
                }
                rows.append([rep, day, minute, clock, "riding", "riding", String(ts.riding[s]), "", ""])
                if hasTrucks { rows.append([rep, day, minute, clock, "trucks", "trucks", String(ts.onTrucks[s]), "", ""]) }
            }
        }
        return (header, rows)
    }
}
