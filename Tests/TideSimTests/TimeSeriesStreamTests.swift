import Foundation
import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

/// `run --out` writes `timeseries.csv` while the replications run: the same bytes as from held
/// series, in replication order whatever the threads, with a bounded number of series waiting.
final class TimeSeriesStreamTests: XCTestCase {
    /// Values delivered by several threads, finishing in a scrambled order, reach the consumer
    /// in index order, one at a time, with never more than the window held.
    func testHandOffConsumesInOrderWithinItsWindow() {
        for window in [1, 2, 5] {
            final class Log: @unchecked Sendable {
                var consumed: [Int] = []
                var inside = 0, overlapped = false
                var taken = 0
            }
            let log = Log()
            let handOff = OrderedHandOff<Int>(window: window) { index, value in
                log.inside += 1
                if log.inside > 1 { log.overlapped = true }
                XCTAssertEqual(value, index * 10)
                log.consumed.append(index)
                usleep(UInt32(index % 3) * 200)
                log.inside -= 1
            }
            let count = 60
            let next = NSLock()
            DispatchQueue.concurrentPerform(iterations: 4) { worker in
                while true {
                    next.lock()
                    let i = log.taken
                    log.taken += 1
                    next.unlock()
                    guard i < count else { return }
                    // Some "replications" take much longer than others.
                    usleep(UInt32((i * 7919 + worker) % 5) * 400)
                    handOff.deliver(i, i * 10)
                }
            }
            XCTAssertEqual(log.consumed, Array(0..<count), "window \(window)")
            XCTAssertFalse(log.overlapped)
            XCTAssertLessThanOrEqual(handOff.mostHeld, window, "window \(window)")
            XCTAssertEqual(handOff.consumedCount, count)
        }
    }

    /// A streamed `timeseries.csv` is byte for byte the table written from held series, with
    /// one thread or three, through a small buffer and with `--spreadsheet-safe`; the streamed
    /// totals are those of the held series, and results handed on keep no series.
    func testStreamedTimeSeriesEqualsTheHeldTable() throws {
        let json = TestScenarios.base.replacingOccurrences(of: #""id": "b""#, with: #""id": "=b""#)
            .replacingOccurrences(of: #""to": "b""#, with: #""to": "=b""#)
            .replacingOccurrences(of: #""from": "b""#, with: #""from": "=b""#)
            .replacingOccurrences(of: #""zones": { "b": "#, with: #""zones": { "=b": "#)
        let model = Model(try TestScenarios.load(json))
        let held = Replications.run(model: model, policy: "threshold", seed: 5, count: 7, recordTimeSeries: true)
        let report = RunReport(model: model, policy: "threshold", seed: 5, replications: held)
        let heldTotals = TimeSeriesTotals(held.compactMap(\.timeSeries))
        XCTAssertEqual(heldTotals.count, 7)
        for safe in [false, true] {
            let expected = try TestScenarios.temporaryDirectory(self)
            try OutputDirectory.write([ReportTables.timeSeries(report).file], to: expected, spreadsheetSafe: safe)
            let table = try Data(contentsOf: URL(fileURLWithPath: expected + "/timeseries.csv"))
            XCTAssertTrue(String(decoding: table, as: UTF8.self).contains(safe ? ",'=b,zone," : ",=b,zone,"))
            for threads in [1, 3] {
                let dir = try TestScenarios.temporaryDirectory(self)
                let staging = try OutputDirectory.Staging(directory: dir, spreadsheetSafe: safe, bufferBytes: 100)
                let stream = TimeSeriesStream(model: model, file: try staging.begin("timeseries.csv"), totals: true, window: threads)
                let results = Replications.run(model: model, policy: "threshold", seed: 5, count: 7, threads: threads,
                                               timeSeries: { stream.take($0, $1) })
                var (file, totals) = stream.finish()
                try staging.end("timeseries.csv", &file!)
                try staging.commit()
                XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir + "/timeseries.csv")), table,
                               "threads \(threads), spreadsheetSafe \(safe)")
                XCTAssertEqual(totals, heldTotals)
                XCTAssertTrue(results.allSatisfy { $0.timeSeries == nil })
                XCTAssertEqual(results.map(\.system), held.map(\.system))
            }
        }
    }

    /// The report's charts read the same means from streamed totals as from held series.
    func testChartsReadTheSameMeansFromTotals() throws {
        let model = Model(try TestScenarios.load(TestScenarios.base))
        let held = Replications.run(model: model, policy: "threshold", seed: 2, count: 3, recordTimeSeries: true)
        let fromHeld = ReportSeries(RunReport(model: model, policy: "threshold", seed: 2, replications: held))
        var streamed = RunReport(model: model, policy: "threshold", seed: 2, replications: held.map { $0.withoutTimeSeries() })
        XCTAssertTrue(ReportSeries(streamed).isEmpty)
        streamed.timeSeriesTotals = TimeSeriesTotals(held.compactMap(\.timeSeries).reversed())
        let fromTotals = ReportSeries(streamed)
        XCTAssertEqual(fromTotals.times, fromHeld.times)
        XCTAssertEqual(fromTotals.zone, fromHeld.zone)
        XCTAssertEqual(fromTotals.holding, fromHeld.holding)
        XCTAssertEqual(fromTotals.riding, fromHeld.riding)
        XCTAssertEqual(fromTotals.onTrucks, fromHeld.onTrucks)
        XCTAssertEqual(fromTotals.busyTrucks, fromHeld.busyTrucks)
        // Every sample's means add up to the fleet.
        let n = model.zoneCount, h = model.holdingCount
        for s in fromTotals.times.indices {
            let sum = fromTotals.zone[s * n..<(s + 1) * n].reduce(0, +) + fromTotals.holding[s * h..<(s + 1) * h].reduce(0, +)
                + fromTotals.riding[s] + fromTotals.onTrucks[s]
            XCTAssertEqual(sum, Double(model.fleet), accuracy: 1e-9)
        }
    }

    /// A set begun but never committed (a run that failed) leaves the directory as it was: no
    /// temporary file, and no directory it created.
    func testAnAbandonedSetLeavesNothing() throws {
        let root = try TestScenarios.temporaryDirectory(self)
        let dir = root + "/new/out"
        do {
            let staging = try OutputDirectory.Staging(directory: dir)
            var sink = try staging.begin("timeseries.csv")
            sink.write("replication\r\n")
            try staging.add(OutputFile(name: "a.csv", text: "x\r\n"))
            try staging.end("timeseries.csv", &sink)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).count, 2, "two temporaries")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root), [])
        // Committed, the files are in place and nothing else is.
        let staging = try OutputDirectory.Staging(directory: dir)
        var sink = try staging.begin("t.csv")
        try staging.add(OutputFile(name: "a.csv", text: "x\r\n"))
        sink.write("y\r\n")
        try staging.end("t.csv", &sink)
        try staging.commit()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["a.csv", "t.csv"])
        XCTAssertEqual(try String(contentsOfFile: dir + "/t.csv", encoding: .utf8), "y\r\n")
    }
}
