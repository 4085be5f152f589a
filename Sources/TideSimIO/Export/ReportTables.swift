import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
/// A CSV table of a report: its file name, header and rows, produced on demand so that a file is
/// streamed row by row (``OutputFile``) instead of held whole in memory.
public struct CSVTable {
    public let name: String
    public let header: [String]
    /// Calls its argument with every row, in order.
    public let forEachRow: ((([String]) -> Void)) -> Void
    /// Writes the rows (not the header) as bytes, the same bytes as `forEachRow` would, faster,
    /// each row after the given lead (the cells a stacked table puts in front, with their
    /// commas); nil to write `forEachRow`'s rows.
    let writeRows: ((inout ByteSink, _ lead: [UInt8]) -> Void)?

    public init(name: String, header: [String], forEachRow: @escaping ((([String]) -> Void)) -> Void) {
        self.init(name: name, header: header, forEachRow: forEachRow, writeRows: nil)
    }

    init(name: String, header: [String], forEachRow: @escaping ((([String]) -> Void)) -> Void,
         writeRows: ((inout ByteSink, _ lead: [UInt8]) -> Void)?) {
        self.name = name
        self.header = header
        self.forEachRow = forEachRow
        self.writeRows = writeRows
    }

    /// Every row, collected (for tests and small tables).
    public var rows: [[String]] {
        var all: [[String]] = []
        forEachRow { all.append($0) }
        return all
    }

    /// The table as a file of an output set.
    public var file: OutputFile {
        guard let writeRows else { return OutputFile(csv: name, header: header, rows: forEachRow) }
        let header = self.header
        return OutputFile(name: name) { sink in
            sink.row(header)
            writeRows(&sink, [])
        }
    }

    /// Writes the rows, each after `lead`: by the byte writer when there is one.
    func write(into sink: inout ByteSink, lead: [UInt8]) {
        if let writeRows { writeRows(&sink, lead); return }
        forEachRow { row in
            sink.append(lead)
            sink.row(row)
        }
    }
}

/// The CSV tables of a run (DESIGN.md section 5).
public enum ReportTables {
    /// The files of `run --out DIR`: the tables, `zones.geojson` and `provenance.json`.
    /// - Parameter timeSeries: Whether `timeseries.csv` (from the series the replications hold)
    ///   is among them; `run --out` streams it instead (``TimeSeriesStream``).
    public static func files(_ report: RunReport, timeSeries withSeries: Bool = true) -> [OutputFile] {
        ([system(report), zones(report), holdingAreas(report), transfers(report)] + (withSeries ? [timeSeries(report)] : [])).map(\.file)
            + [OutputFile(name: "zones.geojson") { $0.write(GeoJSON.zones(report)) },
               OutputFile(name: "provenance.json", text: JSONWriter.render(report.provenance.json))]
    }

    /// A cell for an optional number: empty when undefined.
    static func cell(_ x: Double?) -> String { x.map(JSONWriter.format) ?? "" }

    /// `system.csv`: one row per replication, a column per system KPI.
    public static func system(_ report: RunReport) -> CSVTable {
        CSVTable(name: "system.csv", header: ["replication"] + SystemKPI.allCases.map(\.key)) { emit in
            for r in report.replications { emit([String(r.replication)] + r.system.map(cell)) }
        }
    }

    /// `zones.csv`: one row per replication and zone.
    public static func zones(_ report: RunReport) -> CSVTable {
        let header = ["replication", "zone", "name", "kind", "capacity"] + ZoneKPI.allCases.map(\.key) + ZoneClock.allCases.map(\.key)
        let m = report.model
        return CSVTable(name: "zones.csv", header: header, forEachRow: { emit in
            for r in report.replications {
                for z in 0..<m.zoneCount {
                    emit([String(r.replication), m.zoneID[z], m.zoneName[z], m.zoneKind[z], String(m.zoneCapacity[z])]
                        + r.zones[z].map(cell) + r.zoneClocks[z].map { $0.map { formatRunTime($0, days: m.days) } ?? "" })
                }
            }
        }, writeRows: { sink, lead in
            // The same rows as bytes: numbers as digits, no String per cell but the ids and names.
            for r in report.replications {
                for z in 0..<m.zoneCount {
                    sink.append(lead)
                    sink.append(int: r.replication); sink.append(byte: 44)
                    sink.field(m.zoneID[z]); sink.append(byte: 44)
                    sink.field(m.zoneName[z]); sink.append(byte: 44)
                    sink.field(m.zoneKind[z]); sink.append(byte: 44)
                    sink.append(int: m.zoneCapacity[z])
                    for x in r.zones[z] {
                        sink.append(byte: 44)
                        if let x { sink.append(number: x) }
                    }
                    for t in r.zoneClocks[z] {
                        sink.append(byte: 44)
                        if let t { sink.append(runTime: t, days: m.days) }
                    }
                    sink.endRow()
                }
            }
        })
    }

    /// `holding.csv`: one row per replication and holding area.
    public static func holdingAreas(_ report: RunReport) -> CSVTable {
        let m = report.model
        return CSVTable(name: "holding.csv", header: ["replication", "holdingArea", "name", "capacity"] + HoldingKPI.allCases.map(\.key),
                        forEachRow: { emit in
            for r in report.replications {
                for h in 0..<m.holdingCount {
                    emit([String(r.replication), m.holdingID[h], m.holdingName[h], String(m.holdingCapacity[h])] + r.holdingAreas[h].map(cell))
                }
            }
        }, writeRows: { sink, lead in
            for r in report.replications {
                for h in 0..<m.holdingCount {
                    sink.append(lead)
                    sink.append(int: r.replication); sink.append(byte: 44)
                    sink.field(m.holdingID[h]); sink.append(byte: 44)
                    sink.field(m.holdingName[h]); sink.append(byte: 44)
                    sink.append(int: m.holdingCapacity[h])
                    for x in r.holdingAreas[h] {
                        sink.append(byte: 44)
                        if let x { sink.append(number: x) }
                    }
                    sink.endRow()
                }
            }
        })
    }

    /// `transfers.csv`: one row per truck order; `purpose` is `policy`, or `depot` for the engine's
    /// return of an idle truck to its depot outside its shifts. `issuedTime` is the clock time of the order on
    /// `day`; `issued`, `atPickup`, `atDropoff` and `finished` are seconds from the start of the
    /// run (empty when the run ended first).
    public static func transfers(_ report: RunReport) -> CSVTable {
        let header = ["replication", "order", "truck", "purpose", "day", "issuedTime", "pickup", "dropoff", "asked", "loaded", "unloaded",
                      "leftOnTruck", "km", "issued", "atPickup", "atDropoff", "finished"]
        let id = report.model.id(of:)
        return CSVTable(name: "transfers.csv", header: header, forEachRow: { emit in
            for r in report.replications {
                for (k, t) in r.transfers.enumerated() {
                    let seconds = Int(t.issued.rounded(.down))
                    let clock = formatClock(seconds % 86_400) + ":" + String(format2(seconds % 60))
                    emit([String(r.replication), String(k + 1), String(t.order.truck + 1), t.toDepot ? "depot" : "policy",
                          String(seconds / 86_400 + 1), clock,
                          id(t.order.pickup), id(t.order.dropoff), String(t.order.bikes), String(t.loaded), String(t.unloaded),
                          String(t.leftOnTruck), JSONWriter.format(t.km), cell(t.issued), cell(t.atPickup.isNaN ? nil : t.atPickup),
                          cell(t.atDropoff.isNaN ? nil : t.atDropoff), cell(t.finished.isNaN ? nil : t.finished)])
                }
            }
        }, writeRows: { sink, lead in
            func comma() { sink.append(byte: 44) }
            func twoDigits(_ n: Int) { if n < 10 { sink.append(byte: 48) }; sink.append(int: n) }
            func time(_ x: Double) { comma(); if !x.isNaN { sink.append(number: x) } }
            for r in report.replications {
                for (k, t) in r.transfers.enumerated() {
                    let seconds = Int(t.issued.rounded(.down)), ofDay = seconds % 86_400
                    sink.append(lead)
                    sink.append(int: r.replication); comma()
                    sink.append(int: k + 1); comma()
                    sink.append(int: t.order.truck + 1); comma()
                    sink.field(t.toDepot ? "depot" : "policy"); comma()
                    sink.append(int: seconds / 86_400 + 1); comma()
                    twoDigits(ofDay / 3600); sink.append(byte: 58); twoDigits(ofDay % 3600 / 60); sink.append(byte: 58); twoDigits(ofDay % 60)
                    comma(); sink.field(id(t.order.pickup))
                    comma(); sink.field(id(t.order.dropoff))
                    for n in [t.order.bikes, t.loaded, t.unloaded, t.leftOnTruck] { comma(); sink.append(int: n) }
                    comma(); sink.append(number: t.km)
                    comma(); sink.append(number: t.issued)
                    time(t.atPickup); time(t.atDropoff); time(t.finished)
                    sink.endRow()
                }
            }
        })
    }

    private static func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    /// `timeseries.csv`: for every sample, a row per zone and holding area, then a `riding` row
    /// and (when the scenario has trucks) a `trucks` row, so that each sample's bikes add up to
    /// the fleet. `day` is the day of the run (1-based, warm-up days included), `minute` the
    /// minute of that day.
    public static func timeSeries(_ report: RunReport) -> CSVTable {
        CSVTable(name: "timeseries.csv", header: TimeSeriesRows.header, forEachRow: { emit in
            let m = report.model
            let n = m.zoneCount, h = m.holdingCount
            for r in report.replications {
                guard let ts = r.timeSeries else { continue }
                for (s, t) in ts.times.enumerated() {
                    let seconds = Int(t.rounded())
                    let day = String(seconds / 86_400 + 1), minute = String((seconds % 86_400) / 60)
                    let clock = formatClock(seconds % 86_400)
                    let rep = String(r.replication)
                    for z in 0..<n {
                        let b = Int(ts.zoneBikes[s * n + z]), cap = m.zoneCapacity[z]
                        emit([rep, day, minute, clock, m.zoneID[z], "zone", String(b), String(cap), String(max(0, b - cap))])
                    }
                    for i in 0..<h {
                        let b = Int(ts.holdingBikes[s * h + i]), cap = m.holdingCapacity[i]
                        emit([rep, day, minute, clock, m.holdingID[i], "holding", String(b), String(cap), String(max(0, b - cap))])
                    }
                    emit([rep, day, minute, clock, "riding", "riding", String(ts.riding[s]), "", ""])
                    if m.hasTrucks { emit([rep, day, minute, clock, "trucks", "trucks", String(ts.onTrucks[s]), "", ""]) }
                }
            }
        }, writeRows: { sink, lead in
            let rows = TimeSeriesRows(model: report.model, spreadsheetSafe: sink.spreadsheetSafe)
            for r in report.replications { if let ts = r.timeSeries { rows.write(ts, replication: r.replication, into: &sink, lead: lead) } }
        })
    }
}
