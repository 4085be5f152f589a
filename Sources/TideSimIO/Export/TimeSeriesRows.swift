import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
/// The rows of `timeseries.csv` (``ReportTables/timeSeries(_:)`` describes them), defined once
/// for text and bytes: each site's id and kind quoted once, the counts written as digits, so that
/// a large time series streams at disk speed.
struct TimeSeriesRows {
    static let header = ["replication", "day", "minute", "time", "site", "kind", "bikes", "capacity", "overflow"]

    private let zoneSite: [PreparedCells], holdingSite: [PreparedCells]
    /// The model, for each zone's capacity in force at a sample (rush-hour caps change it).
    private let model: Model
    private let holdingCapacity: [Int]
    private let hasTrucks: Bool
    private let riding: PreparedCells, trucks: PreparedCells

    init(model m: Model, spreadsheetSafe: Bool) {
        zoneSite = m.zoneID.map { PreparedCells([$0, "zone"], spreadsheetSafe: spreadsheetSafe) }
        holdingSite = m.holdingID.map { PreparedCells([$0, "holding"], spreadsheetSafe: spreadsheetSafe) }
        model = m
        holdingCapacity = m.holdingCapacity
        hasTrucks = m.hasTrucks
        riding = PreparedCells(["riding", "riding"], spreadsheetSafe: false)
        trucks = PreparedCells(["trucks", "trucks"], spreadsheetSafe: false)
    }

    /// About how many bytes one sample of one replication takes (a capacity's digits stand for
    /// the bikes', the overflow is taken as one digit).
    var bytesPerSample: Int {
        func digits(_ n: Int) -> Int { String(n).utf8.count }
        let prefix = 14  // "1,1,420,07:00" and a little for longer runs
        let sites = zip(zoneSite, model.zoneCapacity).reduce(0) { $0 + prefix + $1.0.bytes.count + 2 + 2 * digits($1.1) + 4 }
            + zip(holdingSite, holdingCapacity).reduce(0) { $0 + prefix + $1.0.bytes.count + 2 + 2 * digits($1.1) + 4 }
        return sites + (prefix + riding.bytes.count + 2 + 3 + 4) * (hasTrucks ? 2 : 1)
    }

    /// Writes one replication's rows.
    func write<W: RowWriter>(_ ts: TimeSeries, replication: Int, into w: inout W) {
        let n = zoneSite.count, h = holdingSite.count
        for (s, t) in ts.times.enumerated() {
            let seconds = Int(t.rounded())
            let day = seconds / 86_400 + 1, minute = (seconds % 86_400) / 60
            w.rowPrefix { $0.int(replication); $0.int(day); $0.int(minute); $0.clock(minuteOfDay: minute) }
            for z in 0..<n {
                let b = Int(ts.zoneBikes[s * n + z])
                let cap = model.capacity(zone: z, at: t)
                w.text(zoneSite[z]); w.int(b); w.int(cap); w.int(max(0, b - cap)); w.endRow()
            }
            for i in 0..<h {
                let b = Int(ts.holdingBikes[s * h + i]), cap = holdingCapacity[i]
                w.text(holdingSite[i]); w.int(b); w.int(cap); w.int(max(0, b - cap)); w.endRow()
            }
            w.text(riding); w.int(Int(ts.riding[s])); w.number(nil); w.number(nil); w.endRow()
            if hasTrucks { w.text(trucks); w.int(Int(ts.onTrucks[s])); w.number(nil); w.number(nil); w.endRow() }
        }
    }

    /// Writes one replication's rows as bytes, each after `lead` (the cells a stacked table puts first).
    func write(_ ts: TimeSeries, replication: Int, into sink: inout ByteSink, lead: [UInt8] = []) {
        var w = ByteRowWriter(sink, lead: lead)
        write(ts, replication: replication, into: &w)
        sink = w.sink
    }
}
