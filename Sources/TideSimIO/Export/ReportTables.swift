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

/// The CSV tables of a run (docs/cli.md, "Output files").
public enum ReportTables {
    /// The files of `run --out DIR`: the tables, `zones.geojson` and `provenance.json`.
    /// - Parameter timeSeries: Whether `timeseries.csv` (from the series the replications hold)
    ///   is among them; `run --out` streams it instead (``TimeSeriesStream``).
    public static func files(_ report: RunReport, timeSeries withSeries: Bool = true) -> [OutputFile] {
        ([system(report), zones(report), holdingAreas(report), transfers(report)] + (withSeries ? [timeSeries(report)] : [])
            + (report.model.operators.isEmpty ? [] : [operators(report)])
            + (report.model.inspections == nil ? [] : [inspections(report)])).map(\.file)
            + [OutputFile(name: "zones.geojson") { $0.write(GeoJSON.zones(report)) },
               OutputFile(name: "provenance.json", text: JSONWriter.render(report.provenance.json))]
    }

    /// A cell for an optional number: empty when undefined.
    static func cell(_ x: Double?) -> String { x.map(JSONWriter.format) ?? "" }

    /// `operators.csv` (a city with operators): a row per replication and operator: its id,
    /// share, quota, the bikes the scenario placed, and a column per operator KPI.
    public static func operators(_ report: RunReport) -> CSVTable {
        let m = report.model
        let kpis = OperatorKPI.reported(for: m)
        return CSVTable(name: "operators.csv", header: ["replication", "operator", "share", "quota", "placed"] + kpis.map(\.key)) { emit in
            for r in report.replications {
                for (o, op) in m.operators.enumerated() {
                    emit([String(r.replication), op.id, JSONWriter.format(op.share), String(op.quota), String(op.placed)]
                         + kpis.map { cell(r.operators[o][$0.rawValue]) })
                }
            }
        }
    }

    /// `inspections.csv` (a city with inspections): a row per replication, a column per
    /// inspection KPI.
    public static func inspections(_ report: RunReport) -> CSVTable {
        CSVTable(name: "inspections.csv", header: ["replication"] + InspectionKPI.allCases.map(\.key)) { emit in
            for r in report.replications { emit([String(r.replication)] + r.inspection.map(cell)) }
        }
    }

    /// `system.csv`: one row per replication, a column per system KPI.
    /// With the bound (`run --bound`), a leading `policy` column and the bound's rows after the
    /// run's, as in `compare`.
    public static func system(_ report: RunReport) -> CSVTable {
        let table = CSVTable(name: "system.csv", header: ["replication"] + SystemKPI.allCases.map(\.key), rows: SystemRows(report: report))
        guard let bound = report.bound else { return table }
        let policy = report.policy
        let stacked = CSVTable(name: table.name, header: ["policy"] + table.header, forEachRow: { emit in
            table.forEachRow { emit([policy] + $0) }
        }, writeRows: { sink, lead in
            table.write(into: &sink, lead: lead + Array(CSV.escape(sink.spreadsheetSafe ? CSV.spreadsheetSafe(policy) : policy).utf8) + [44])
        })
        return BoundExport.system(stacked, bound: bound)
    }

    private struct SystemRows: CSVRows {
        let report: RunReport
        func write<W: RowWriter>(into w: inout W) {
            for r in report.replications {
                w.int(r.replication)
                for x in r.system { w.number(x) }
                w.endRow()
            }
        }
    }

    /// `zones.csv`: one row per replication and zone.
    public static func zones(_ report: RunReport) -> CSVTable {
        let header = ["replication", "zone", "name", "kind", "capacity"] + ZoneKPI.allCases.map(\.key) + ZoneClock.allCases.map(\.key)
        return CSVTable(name: "zones.csv", header: header, rows: ZoneRows(report: report))
    }

    private struct ZoneRows: CSVRows {
        let report: RunReport
        func write<W: RowWriter>(into w: inout W) {
            let m = report.model
            for r in report.replications {
                for z in 0..<m.zoneCount {
                    w.int(r.replication); w.text(m.zoneID[z]); w.text(m.zoneName[z]); w.text(m.zoneKind[z]); w.int(m.zoneCapacity[z])
                    for x in r.zones[z] { w.number(x) }
                    for t in r.zoneClocks[z] { w.runTime(t, days: m.days) }
                    w.endRow()
                }
            }
        }
    }

    /// `holding.csv`: one row per replication and holding area.
    public static func holdingAreas(_ report: RunReport) -> CSVTable {
        CSVTable(name: "holding.csv", header: ["replication", "holdingArea", "name", "capacity"] + HoldingKPI.allCases.map(\.key),
                 rows: HoldingRows(report: report))
    }

    private struct HoldingRows: CSVRows {
        let report: RunReport
        func write<W: RowWriter>(into w: inout W) {
            let m = report.model
            for r in report.replications {
                for h in 0..<m.holdingCount {
                    w.int(r.replication); w.text(m.holdingID[h]); w.text(m.holdingName[h]); w.int(m.holdingCapacity[h])
                    for x in r.holdingAreas[h] { w.number(x) }
                    w.endRow()
                }
            }
        }
    }

    /// `transfers.csv`: one row per truck order; `purpose` is `policy`, or `depot` for the engine's
    /// return of an idle truck to its depot outside its shifts. `issuedTime` is the clock time of the order on
    /// `day`; `issued`, `atPickup`, `atDropoff` and `finished` are seconds from the start of the
    /// run (empty when the run ended first).
    public static func transfers(_ report: RunReport) -> CSVTable {
        // With operators, a column names the truck's operator.
        let header = ["replication", "order", "truck"] + (report.model.operators.isEmpty ? [] : ["operator"]) + ["purpose", "day", "issuedTime", "pickup", "dropoff", "asked", "loaded", "unloaded",
                      "leftOnTruck", "km", "issued", "atPickup", "atDropoff", "finished"]
        return CSVTable(name: "transfers.csv", header: header, rows: TransferRows(report: report))
    }

    private struct TransferRows: CSVRows {
        let report: RunReport
        func write<W: RowWriter>(into w: inout W) {
            let id = report.model.id(of:)
            let operators = report.model.operators
            let owner = operators.indices.flatMap { o in Array(repeating: operators[o].id, count: operators[o].trucks.count) }
            for r in report.replications {
                for (k, t) in r.transfers.enumerated() {
                    let seconds = Int(t.issued.rounded(.down))
                    w.int(r.replication); w.int(k + 1); w.int(t.order.truck + 1)
                    if !owner.isEmpty { w.text(owner[t.order.truck]) }
                    w.text(t.toDepot ? "depot" : "policy")
                    w.int(seconds / 86_400 + 1); w.clock(secondOfDay: seconds % 86_400)
                    w.text(id(t.order.pickup)); w.text(id(t.order.dropoff))
                    w.int(t.order.bikes); w.int(t.loaded); w.int(t.unloaded); w.int(t.leftOnTruck)
                    w.number(t.km); w.number(t.issued); w.number(t.atPickup); w.number(t.atDropoff); w.number(t.finished)
                    w.endRow()
                }
            }
        }
    }

    /// `timeseries.csv`: for every sample, a row per zone and holding area, then a `riding` row
    /// and (when the scenario has trucks) a `trucks` row, so that each sample's bikes add up to
    /// the fleet. `day` is the day of the run (1-based, warm-up days included), `minute` the
    /// minute of that day.
    public static func timeSeries(_ report: RunReport) -> CSVTable {
        CSVTable(name: "timeseries.csv", header: TimeSeriesRows.header, forEachRow: { emit in
            let rows = TimeSeriesRows(model: report.model, spreadsheetSafe: false)
            withoutActuallyEscaping(emit) { emit in
                var w = TextRowWriter(emit)
                for r in report.replications { if let ts = r.timeSeries { rows.write(ts, replication: r.replication, into: &w) } }
            }
        }, writeRows: { sink, lead in
            let rows = TimeSeriesRows(model: report.model, spreadsheetSafe: sink.spreadsheetSafe)
            for r in report.replications { if let ts = r.timeSeries { rows.write(ts, replication: r.replication, into: &sink, lead: lead) } }
        })
    }
}
