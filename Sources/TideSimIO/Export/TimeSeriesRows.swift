import TideSimEngine
import TideSimModel
import TideSimCore
@_spi(RawBytes) import TideSimBuffers
/// The rows of `timeseries.csv` as bytes (``ReportTables/timeSeries(_:)`` describes them): each
/// site's `,id,kind,` prepared once, the counts written as digits, so that a large time series
/// streams at disk speed.
struct TimeSeriesRows {
    static let header = ["replication", "day", "minute", "time", "site", "kind", "bikes", "capacity", "overflow"]

    private let zoneSite: [[UInt8]], holdingSite: [[UInt8]]
    private let zoneCapacity: [Int], holdingCapacity: [Int]
    private let hasTrucks: Bool
    private let riding = Array(",riding,riding,".utf8), trucks = Array(",trucks,trucks,".utf8), emptyTail = Array(",,\r\n".utf8)

    init(model m: Model, spreadsheetSafe: Bool) {
        func site(_ id: String, _ kind: String) -> [UInt8] {
            Array(("," + CSV.escape(spreadsheetSafe ? CSV.spreadsheetSafe(id) : id) + "," + kind + ",").utf8)
        }
        zoneSite = m.zoneID.map { site($0, "zone") }
        holdingSite = m.holdingID.map { site($0, "holding") }
        zoneCapacity = m.zoneCapacity
        holdingCapacity = m.holdingCapacity
        hasTrucks = m.hasTrucks
    }

    /// About how many bytes one sample of one replication takes (a capacity's digits stand for
    /// the bikes', the overflow is taken as one digit).
    var bytesPerSample: Int {
        func digits(_ n: Int) -> Int { String(n).utf8.count }
        let prefix = 14  // "1,1,420,07:00" and a little for longer runs
        let sites = zip(zoneSite, zoneCapacity).reduce(0) { $0 + prefix + $1.0.count + 2 * digits($1.1) + 4 }
            + zip(holdingSite, holdingCapacity).reduce(0) { $0 + prefix + $1.0.count + 2 * digits($1.1) + 4 }
        return sites + (prefix + riding.count + 3 + emptyTail.count) * (hasTrucks ? 2 : 1)
    }

    /// Writes one replication's rows, each after `lead` (the cells a stacked table puts first).
    func write(_ ts: TimeSeries, replication: Int, into sink: inout ByteSink, lead: [UInt8] = []) {
        let n = zoneSite.count, h = holdingSite.count
        let prefix = ByteBuffer(capacity: 64)
        for (s, t) in ts.times.enumerated() {
            let seconds = Int(t.rounded())
            // "replication,day,minute,HH:MM" as bytes, without a String per sample.
            let minute = (seconds % 86_400) / 60
            prefix.removeAll()
            lead.withUnsafeBufferPointer { prefix.append($0) }
            prefix.append(int: replication); prefix.append(44)
            prefix.append(int: seconds / 86_400 + 1); prefix.append(44)
            prefix.append(int: minute); prefix.append(44)
            prefix.append(48 + UInt8(minute / 600)); prefix.append(48 + UInt8(minute / 60 % 10)); prefix.append(58)
            prefix.append(48 + UInt8(minute % 60 / 10)); prefix.append(48 + UInt8(minute % 10))
            let row = UnsafeBufferPointer(start: prefix.base, count: prefix.count)
            func site(_ name: [UInt8], _ b: Int, _ cap: Int) {
                sink.write(bytes: row); sink.append(name)
                sink.append(int: b); sink.append(byte: 44); sink.append(int: cap); sink.append(byte: 44)
                sink.append(int: max(0, b - cap)); sink.endRow()
            }
            for z in 0..<n { site(zoneSite[z], Int(ts.zoneBikes[s * n + z]), zoneCapacity[z]) }
            for i in 0..<h { site(holdingSite[i], Int(ts.holdingBikes[s * h + i]), holdingCapacity[i]) }
            sink.write(bytes: row); sink.append(riding); sink.append(int: Int(ts.riding[s])); sink.append(emptyTail)
            if hasTrucks { sink.write(bytes: row); sink.append(trucks); sink.append(int: Int(ts.onTrucks[s])); sink.append(emptyTail) }
        }
    }
}
