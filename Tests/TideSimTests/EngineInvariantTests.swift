import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

/// Checks the fleet after every event and records what riders did.
struct RecordingObserver: SimulationObserver {
    var fleet: Int
    var violations = 0
    var events = 0
    var attempts: [TripAttempt] = []
    var outcomes: [AttemptOutcome] = []
    var capacityOK = true

    mutating func attempt(_ attempt: TripAttempt, outcome: AttemptOutcome) {
        attempts.append(attempt)
        outcomes.append(outcome)
    }

    mutating func afterEvent(time: Double, zoneBikes: [Int], holdingBikes: [Int], riding: Int, onTrucks: Int) {
        events += 1
        if zoneBikes.reduce(0, +) + holdingBikes.reduce(0, +) + riding + onTrucks != fleet { violations += 1 }
        if zoneBikes.contains(where: { $0 < 0 }) || riding < 0 { violations += 1 }
    }
}

final class EngineInvariantTests: XCTestCase {
    /// A busy scenario with walking, docked zones, several profiles and two days.
    let busy = """
        {"tidesim":1,"days":2,"warmupDays":1,
         "zones":[{"id":"h1","lat":30.50,"lon":114.40,"capacity":40,"bikes":35},
                  {"id":"h2","lat":30.502,"lon":114.401,"capacity":30,"bikes":25},
                  {"id":"m","lat":30.51,"lon":114.41,"capacity":10,"bikes":5,"overflow":"redirect"},
                  {"id":"o","lat":30.511,"lon":114.411,"capacity":12,"bikes":2,"overflow":"redirect"},
                  {"id":"p","lat":30.515,"lon":114.40,"capacity":15,"bikes":3}],
         "holdingAreas":[{"id":"lot","lat":30.505,"lon":114.405,"capacity":100,"bikes":20}],
         "demand":{"walkMeters":400,
                   "flows":[{"from":"h1","to":"m","tripsPerDay":200,"profile":"commute-am"},
                            {"from":"h2","to":"o","tripsPerDay":150,"profile":"commute-am"},
                            {"from":"m","to":"h1","tripsPerDay":180,"profile":"commute-pm"},
                            {"from":"o","to":"h2","tripsPerDay":140,"profile":"commute-pm"},
                            {"from":"p","to":"m","tripsPerDay":60,"profile":"daytime"},
                            {"from":"h1","to":"h1","tripsPerDay":20}]}}
        """

    func testBikesAreConservedAtEveryEvent() throws {
        let model = Model(try TestScenarios.load(busy))
        for replication in 1...3 {
            var sim = Simulation(model: model, seed: 9, replication: replication, observer: RecordingObserver(fleet: model.fleet))
            let r = sim.run()
            XCTAssertGreaterThan(sim.observer.events, 1000)
            XCTAssertEqual(sim.observer.violations, 0)
            XCTAssertGreaterThan(r[.failedReturns]!, 0, "the scenario exercises redirects")
            XCTAssertGreaterThan(r[.tripsWalked]!, 0, "the scenario exercises walking")
            XCTAssertEqual(r[.tripsServed]! + r[.tripsLost]!, r[.tripAttempts]!)
            let zoneRentals = (0..<model.zoneCount).reduce(0.0) { $0 + r[zone: $1, .rentals]! }
            XCTAssertEqual(zoneRentals, r[.tripsServed]!)
        }
    }

    func testTimeSeriesAddsUpToTheFleet() throws {
        let model = Model(try TestScenarios.load(busy))
        let reps = Replications.run(model: model, seed: 1, count: 2, recordTimeSeries: true)
        let report = RunReport(model: model, policy: "none", seed: 1, replications: reps)
        let table = ReportTables.timeSeries(report)
        var sums: [String: Int] = [:]
        for row in table.rows { sums["\(row[0])/\(row[1])/\(row[2])", default: 0] += Int(row[6])! }
        XCTAssertEqual(sums.count, 2 * 96, "96 samples of the measured day per replication")
        XCTAssertTrue(sums.values.allSatisfy { $0 == model.fleet })
        XCTAssertEqual(table.rows.first?[1], "2", "samples cover the measured day only")
    }

    /// The busy trucks the engine samples are the trucks whose order (issued at or before the
    /// sample, finished after it) spans the sample, counted from the transfer records.
    func testBusyTrucksSampledAreTheOrdersUnderWay() throws {
        let withTrucks = busy.replacingOccurrences(of: #""demand":{"walkMeters":400,"#, with:
            #""trucks":{"count":2,"capacity":10,"depot":"lot","shifts":["06:00-12:00","15:00-21:00"]},"policy":{"name":"threshold","high":0.9,"low":0.3},"demand":{"walkMeters":400,"#)
        let model = Model(try TestScenarios.load(withTrucks))
        let reps = Replications.run(model: model, policy: "threshold", seed: 3, count: 2, threads: 1, recordTimeSeries: true)
        var busySamples = 0
        for r in reps {
            let ts = try XCTUnwrap(r.timeSeries)
            XCTAssertEqual(ts.busyTrucks.count, ts.times.count)
            for (s, time) in ts.times.enumerated() {
                let underWay = r.transfers.filter { $0.issued <= time && time < ($0.finished.isNaN ? model.endTime : $0.finished) }.count
                XCTAssertEqual(Int(ts.busyTrucks[s]), underWay, "replication \(r.replication), sample \(s)")
                if underWay > 0 { busySamples += 1 }
            }
        }
        XCTAssertGreaterThan(busySamples, 10, "the trucks work")
    }

    /// Common random numbers: the riders of replication r are the same whatever the fleet.
    func testAttemptsDoNotDependOnTheFleet() throws {
        let big = Model(try TestScenarios.load(busy))
        let small = Model(try TestScenarios.load(busy, fleet: 40))
        XCTAssertNotEqual(big.fleet, small.fleet)
        var a = Simulation(model: big, seed: 5, replication: 2, observer: RecordingObserver(fleet: big.fleet))
        var b = Simulation(model: small, seed: 5, replication: 2, observer: RecordingObserver(fleet: small.fleet))
        let ra = a.run(), rb = b.run()
        XCTAssertEqual(a.observer.attempts, b.observer.attempts)
        XCTAssertNotEqual(a.observer.outcomes, b.observer.outcomes, "the fleets do differ in what riders get")
        XCTAssertEqual(ra[.tripAttempts], rb[.tripAttempts])
        XCTAssertLessThan(rb[.tripsServed]!, ra[.tripsServed]!)
        XCTAssertEqual(b.observer.violations, 0)
    }

    func testDemandMatchesExpectedAttemptsPerSlot() throws {
        // Over many replications the attempts in each hour match tripsPerDay × profile share.
        let json = """
            {"tidesim":1,"zones":[{"id":"a","capacity":1},{"id":"b","capacity":1}],
             "demand":{"scale":2,"flows":[{"from":"a","to":"b","tripsPerDay":500,"profile":"commute-am","minutes":3},
                                          {"from":"b","to":"a","tripsPerDay":300,"profile":"daytime","minutes":3}]}}
            """
        let model = Model(try TestScenarios.load(json))
        XCTAssertEqual(model.demand.expectedAttemptsPerDay, 1600, accuracy: 1e-9)
        var perHour = [[Double]](repeating: [0, 0], count: 24)
        let reps = 200
        for r in 1...reps {
            var g = AttemptGenerator(demand: model.demand, seed: 77, replication: r, endTime: model.endTime)
            while let a = g.next() { perHour[Int(a.time / 3600)][Int(a.flow)] += 1 }
        }
        let shapes = [BuiltInProfiles.weights(named: "commute-am")!, BuiltInProfiles.weights(named: "daytime")!]
        let trips = [1000.0, 600.0]
        for h in 0..<24 {
            for f in 0..<2 {
                let expected = trips[f] * shapes[f][h] / shapes[f].reduce(0, +) * Double(reps)
                // Poisson: sd = sqrt(mean); five sd.
                XCTAssertEqual(perHour[h][f], expected, accuracy: 5 * expected.squareRoot() + 1, "hour \(h), flow \(f)")
            }
        }
    }

    func testByteIdenticalWhateverTheThreads() throws {
        let model = Model(try TestScenarios.load(busy))
        func outputs(threads: Int) -> [String] {
            let reps = Replications.run(model: model, seed: 42, count: 5, threads: threads, recordTimeSeries: true)
            let report = RunReport(model: model, policy: "none", seed: 42, replications: reps)
            return [JSONWriter.render(ReportJSON.document(report))] + [ReportTables.system(report), ReportTables.zones(report),
                                                                      ReportTables.timeSeries(report)].map { CSV.render(header: $0.header, rows: $0.rows) }
        }
        let one = outputs(threads: 1)
        XCTAssertEqual(one, outputs(threads: 2))
        XCTAssertEqual(one, outputs(threads: 4))
        XCTAssertEqual(one, outputs(threads: 1))
    }

    func testDifferentSeedsDiffer() throws {
        let model = Model(try TestScenarios.load(busy))
        var a = Simulation(model: model, seed: 1, replication: 1)
        var b = Simulation(model: model, seed: 2, replication: 1)
        XCTAssertNotEqual(a.run()[.tripAttempts], b.run()[.tripAttempts])
    }
}
