/// The CSV tables of a run (DESIGN.md section 5), as header and rows of text.
public enum ReportTables {
    /// The files of `run --out DIR`, named, as CSV text.
    public static func files(_ report: RunReport) -> [(name: String, contents: String)] {
        [("system.csv", system(report)), ("zones.csv", zones(report)), ("holding.csv", holdingAreas(report)),
         ("transfers.csv", transfers(report)), ("timeseries.csv", timeSeries(report))]
            .map { ($0.0, CSV.render(header: $0.1.header, rows: $0.1.rows)) }
            + [("zones.geojson", GeoJSON.zones(report)), ("provenance.json", JSONWriter.render(report.provenance.json))]
    }

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
        let header = ["replication", "zone", "name", "kind", "capacity"] + ZoneKPI.allCases.map(\.key) + ZoneClock.allCases.map(\.key)
        let m = report.model
        var rows: [[String]] = []
        for r in report.replications {
            for z in 0..<m.zoneCount {
                rows.append([String(r.replication), m.zoneID[z], m.zoneName[z], m.zoneKind[z], String(m.zoneCapacity[z])]
                    + r.zones[z].map(cell) + r.zoneClocks[z].map { $0.map { formatRunTime($0, days: m.days) } ?? "" })
            }
        }
        return (header, rows)
    }

    /// `holding.csv`: one row per replication and holding area.
    public static func holdingAreas(_ report: RunReport) -> (header: [String], rows: [[String]]) {
        let header = ["replication", "holdingArea", "name", "capacity"] + HoldingKPI.allCases.map(\.key)
        let m = report.model
        var rows: [[String]] = []
        for r in report.replications {
            for h in 0..<m.holdingCount {
                rows.append([String(r.replication), m.holdingID[h], m.holdingName[h], String(m.holdingCapacity[h])] + r.holdingAreas[h].map(cell))
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
        let id = report.model.id(of:)
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
        let m = report.model
        let n = m.zoneCount, h = m.holdingCount
        let hasTrucks = m.hasTrucks
        var rows: [[String]] = []
        for r in report.replications {
            guard let ts = r.timeSeries else { continue }
            rows.reserveCapacity(rows.count + ts.times.count * (n + h + 2))
            for (s, t) in ts.times.enumerated() {
                let seconds = Int(t.rounded())
                let day = String(seconds / 86_400 + 1), minute = String((seconds % 86_400) / 60)
                let clock = formatClock(seconds % 86_400)
                let rep = String(r.replication)
                for z in 0..<n {
                    let b = Int(ts.zoneBikes[s * n + z]), cap = m.zoneCapacity[z]
                    rows.append([rep, day, minute, clock, m.zoneID[z], "zone", String(b), String(cap), String(max(0, b - cap))])
                }
                for i in 0..<h {
                    let b = Int(ts.holdingBikes[s * h + i]), cap = m.holdingCapacity[i]
                    rows.append([rep, day, minute, clock, m.holdingID[i], "holding", String(b), String(cap), String(max(0, b - cap))])
                }
                rows.append([rep, day, minute, clock, "riding", "riding", String(ts.riding[s]), "", ""])
                if hasTrucks { rows.append([rep, day, minute, clock, "trucks", "trucks", String(ts.onTrucks[s]), "", ""]) }
            }
        }
        return (header, rows)
    }
}
