import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

/// Exact answers computed by hand, or from the realised attempt times by a calculation written
/// here independently of the engine.
final class EngineExactTests: XCTestCase {
    private func run(_ json: String, seed: UInt64 = 1, replication: Int = 1) throws -> (Model, ReplicationResult) {
        let model = Model(try TestScenarios.load(json))
        var sim = Simulation(model: model, seed: seed, replication: replication)
        return (model, sim.run())
    }

    private func attempts(_ model: Model, seed: UInt64 = 1, replication: Int = 1) -> [TripAttempt] {
        var g = AttemptGenerator(demand: model.demand, seed: seed, replication: replication, endTime: model.endTime)
        var list: [TripAttempt] = []
        while let a = g.next() { list.append(a) }
        return list
    }

    /// No bikes at the origin: every attempt is lost and the other zone never changes, so every
    /// integral is known by hand.
    func testEmptyOriginLosesEveryAttempt() throws {
        let json = """
            {"tidesim":1,"zones":[{"id":"a","capacity":10,"bikes":0},{"id":"b","capacity":3,"bikes":5}],
             "demand":{"flows":[{"from":"a","to":"b","tripsPerDay":100,"minutes":10}]}}
            """
        let (model, r) = try run(json)
        let n = Double(attempts(model).count)
        XCTAssertGreaterThan(n, 50)
        XCTAssertEqual(r[.tripAttempts], n)
        XCTAssertEqual(r[.tripsLost], n)
        XCTAssertEqual(r[.tripsServed], 0)
        XCTAssertEqual(r[.serviceLevel], 0)
        XCTAssertEqual(r[.overflowBikeHours], 48)          // 2 bikes over for 24 hours
        XCTAssertEqual(r[.peakOverflowBikes], 2)
        XCTAssertEqual(r[.hotspotZones], 1)
        XCTAssertEqual(r[.fleet], 5)
        XCTAssertEqual(r[.turnover], 0)
        XCTAssertEqual(r[zone: 0, .emptyMinutes], 1440)
        XCTAssertEqual(r[zone: 0, .lostRentals], n)
        XCTAssertEqual(r[zone: 0, .peakPressure], 0)
        XCTAssertEqual(r[zone: 1, .minutesOverCapacity], 1440)
        XCTAssertEqual(r[zone: 1, .peakPressure], 5.0 / 3.0)
        XCTAssertEqual(r[zone: 1, .peakTime], 0)
        XCTAssertEqual(r[zone: 1, .meanBikes], 5)
        XCTAssertEqual(r[zone: 1, .returns], 0)
        // The clearance rule: above capacity all day is one episode of 1,440 minutes, one breach.
        XCTAssertEqual(r[zone: 1, .overflowEpisodes], 1)
        XCTAssertEqual(r[zone: 1, .longestOverflowMinutes], 1440)
        XCTAssertEqual(r[zone: 1, .clearanceBreaches], 1)
        XCTAssertEqual(r[zone: 1, .firstOverCapacity], 0)
        XCTAssertEqual(r[zone: 1, .lastOverCapacity], 86_400)
        XCTAssertEqual(r[.clearanceBreaches], 1)
        XCTAssertEqual([r[zone: 0, .overflowEpisodes], r[zone: 0, .longestOverflowMinutes], r[zone: 0, .clearanceBreaches]], [0, 0, 0])
        XCTAssertNil(r[zone: 0, .firstOverCapacity])
        XCTAssertNil(r[zone: 0, .lastOverCapacity])
    }

    /// One flow, rides of exactly 10 minutes (cv 0), more bikes than riders: b_a(t) falls by one
    /// at each attempt and b_b(t) rises by one ten minutes later, so the integrals follow from the
    /// attempt times.
    func testOneFlowIntegralsFromAttemptTimes() throws {
        let json = """
            {"tidesim":1,"zones":[{"id":"a","capacity":2000,"bikes":1000},{"id":"b","capacity":5,"bikes":0}],
             "demand":{"ride":{"cv":0},"flows":[{"from":"a","to":"b","tripsPerDay":300,"profile":"commute-am","minutes":10}]}}
            """
        let (model, r) = try run(json, seed: 11)
        let day = 86_400.0
        let starts = attempts(model, seed: 11).map(\.time)
        let arrivals = starts.map { $0 + 600 }.filter { $0 < day }
        XCTAssertGreaterThan(arrivals.count, 100)

        // Zone b gains a bike at each arrival and never loses one.
        let overflowSeconds = arrivals.enumerated().reduce(0.0) { sum, e in e.offset >= 5 ? sum + (day - e.element) : sum }
        XCTAssertEqual(r[zone: 1, .overflowBikeHours]!, overflowSeconds / 3600, accuracy: 1e-9)
        XCTAssertEqual(r[zone: 1, .minutesOverCapacity]!, (day - arrivals[5]) / 60, accuracy: 1e-9)
        XCTAssertEqual(r[zone: 1, .emptyMinutes]!, arrivals[0] / 60, accuracy: 1e-9)
        let bSeconds = arrivals.reduce(0.0) { $0 + (day - $1) }
        XCTAssertEqual(r[zone: 1, .meanBikes]!, bSeconds / day, accuracy: 1e-9)
        XCTAssertEqual(r[zone: 1, .peakPressure], Double(arrivals.count) / 5)
        XCTAssertEqual(r[zone: 1, .peakTime]!, arrivals.last!, accuracy: 1e-6)
        // One episode, from the sixth arrival to the end of the day.
        XCTAssertEqual(r[zone: 1, .overflowEpisodes], 1)
        XCTAssertEqual(r[zone: 1, .longestOverflowMinutes]!, (day - arrivals[5]) / 60, accuracy: 1e-9)
        XCTAssertEqual(r[zone: 1, .clearanceBreaches], 1)
        XCTAssertEqual(r[zone: 1, .firstOverCapacity]!, arrivals[5], accuracy: 1e-6)
        XCTAssertEqual(r[zone: 1, .lastOverCapacity], day)
        XCTAssertEqual(r[zone: 1, .returns], Double(arrivals.count))
        XCTAssertEqual(r[.peakOverflowBikes], Double(arrivals.count - 5))

        // Zone a loses a bike at each attempt.
        let aSeconds = 1000 * day - starts.reduce(0.0) { $0 + (day - $1) }
        XCTAssertEqual(r[zone: 0, .meanBikes]!, aSeconds / day, accuracy: 1e-6)
        XCTAssertEqual(r[zone: 0, .rentals], Double(starts.count))
        XCTAssertEqual(r[zone: 0, .peakPressure], 0.5)
        XCTAssertEqual(r[zone: 0, .peakTime], 0)
        XCTAssertEqual(r[.tripsServed], Double(starts.count))
        XCTAssertEqual(r[.turnover]!, Double(starts.count) / 1000, accuracy: 1e-12)
    }

    /// With a warm-up day, only the second day is measured.
    func testWarmupDayIsSimulatedButNotMeasured() throws {
        let json = """
            {"tidesim":1,"days":2,"warmupDays":1,
             "zones":[{"id":"a","capacity":2000,"bikes":1000},{"id":"b","capacity":5,"bikes":0}],
             "demand":{"ride":{"cv":0},"flows":[{"from":"a","to":"b","tripsPerDay":200,"minutes":10}]}}
            """
        let (model, r) = try run(json, seed: 5)
        let all = attempts(model, seed: 5).map(\.time)
        let day2 = all.filter { $0 >= 86_400 }
        let arrivalsByDay1End = all.filter { $0 + 600 < 86_400 }.count
        let arrivals2 = all.map { $0 + 600 }.filter { $0 >= 86_400 && $0 < 172_800 }
        XCTAssertEqual(r[.tripAttempts], Double(day2.count))
        XCTAssertEqual(r[zone: 1, .returns], Double(arrivals2.count))
        // b starts day 2 with the first day's arrivals.
        let bSeconds = Double(arrivalsByDay1End) * 86_400 + arrivals2.reduce(0.0) { $0 + (172_800 - $1) }
        XCTAssertEqual(r[zone: 1, .meanBikes]!, bSeconds / 86_400, accuracy: 1e-9)
        XCTAssertEqual(r[.turnover]!, Double(day2.count) / 1000, accuracy: 1e-12)
        // b went over capacity on day 1 and stays over: the episode under way when measurement
        // starts counts, from then to the end.
        XCTAssertGreaterThan(arrivalsByDay1End, 5)
        XCTAssertEqual(r[zone: 1, .overflowEpisodes], 1)
        XCTAssertEqual(r[zone: 1, .longestOverflowMinutes], 1440)
        XCTAssertEqual(r[zone: 1, .firstOverCapacity], 86_400)
        XCTAssertEqual(r[.clearanceBreaches], 1, "one breach over one measured day")
    }

    /// Episodes end when the zone is back at capacity; only those longer than the rule breach it.
    /// A zone of capacity 1 with 2 bikes loses one at each attempt of a 10-minute round trip and
    /// regains it 10 minutes later, so its episodes above capacity follow from the attempt times.
    func testEpisodesAndBreachesFromAttemptTimes() throws {
        let json = """
            {"tidesim":1,"zones":[{"id":"a","capacity":1,"bikes":2}],
             "demand":{"ride":{"cv":0},"flows":[{"from":"a","to":"a","tripsPerDay":40,"minutes":10}]},
             "policy":{"clearanceMinutes":45}}
            """
        let (model, r) = try run(json, seed: 4)
        let day = 86_400.0
        // Bikes at a: 2 minus the rides under way (an attempt finding it empty is lost).
        var bikes = 2, since: Double? = 0, lengths: [Double] = []
        var returnsDue: [Double] = []
        func step(_ t: Double, _ d: Int) {
            let before = bikes
            bikes += d
            if before > 1 && bikes <= 1 { lengths.append(t - since!); since = nil }
            if before <= 1 && bikes > 1 { since = t }
        }
        for t in attempts(model, seed: 4).map(\.time) {
            while let due = returnsDue.first, due <= t { returnsDue.removeFirst(); step(due, 1) }
            guard bikes > 0 else { continue }
            step(t, -1)
            if t + 600 < day { returnsDue.append(t + 600) }
        }
        for due in returnsDue { step(due, 1) }
        if let s = since { lengths.append(day - s) }
        XCTAssertGreaterThan(lengths.count, 10)
        XCTAssertEqual(r[zone: 0, .overflowEpisodes], Double(lengths.count))
        XCTAssertEqual(r[zone: 0, .longestOverflowMinutes]!, lengths.max()! / 60, accuracy: 1e-9)
        let breaches = lengths.filter { $0 > 45 * 60 }.count
        XCTAssertGreaterThan(breaches, 0)
        XCTAssertLessThan(breaches, lengths.count)
        XCTAssertEqual(r[zone: 0, .clearanceBreaches], Double(breaches))
        XCTAssertEqual(r[.clearanceBreaches], Double(breaches))
        XCTAssertEqual(r[zone: 0, .firstOverCapacity], 0)
    }

    /// An empty origin sends riders to the nearest zone with a bike within walking distance,
    /// the zone listed first on a tie; beyond that, the attempt is lost.
    func testWalkingToNearestZoneWithTieByOrder() throws {
        // b and c are equally far from a (same latitude offset, mirrored longitude); d is 2 km away.
        let json = """
            {"tidesim":1,
             "zones":[{"id":"a","lat":30.5,"lon":114.4,"capacity":10,"bikes":0},
                      {"id":"b","lat":30.5,"lon":114.401,"capacity":10,"bikes":3},
                      {"id":"c","lat":30.5,"lon":114.399,"capacity":10,"bikes":2},
                      {"id":"d","lat":30.518,"lon":114.4,"capacity":10,"bikes":9},
                      {"id":"far","lat":31.5,"lon":114.4,"capacity":10,"bikes":0}],
             "demand":{"walkMeters":300,"ride":{"cv":0},
                       "profiles":{"first-hour":[1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]},
                       "flows":[{"from":"a","to":"far","tripsPerDay":40,"profile":"first-hour","minutes":1400}]}}
            """
        let (model, r) = try run(json, seed: 2)
        let n = attempts(model, seed: 2).count
        XCTAssertGreaterThan(n, 6)
        XCTAssertEqual(r[zone: 1, .rentals], 3, "b is as near as c and listed first: emptied first")
        XCTAssertEqual(r[zone: 2, .rentals], 2)
        XCTAssertEqual(r[zone: 3, .rentals], 0, "d is beyond walking distance")
        XCTAssertEqual(r[zone: 0, .walkedFrom], 5)
        XCTAssertEqual(r[.tripsWalked], 5)
        XCTAssertEqual(r[.tripsServed], 5)
        XCTAssertEqual(r[zone: 0, .lostRentals], Double(n - 5))
        XCTAssertEqual(r[zone: 1, .emptyMinutes]! > 0, true)
    }

    /// A full docked zone refuses returns; the rider rides on to the nearest zone with a free
    /// space and arrives there after the extra distance at the ride speed.
    func testRedirectFromFullDockedZone() throws {
        let json = """
            {"tidesim":1,
             "zones":[{"id":"a","lat":30.5,"lon":114.4,"capacity":100,"bikes":50},
                      {"id":"b","lat":30.51,"lon":114.4,"capacity":2,"bikes":2,"overflow":"redirect"},
                      {"id":"c","lat":30.52,"lon":114.4,"capacity":100,"bikes":0},
                      {"id":"d","lat":30.53,"lon":114.4,"capacity":100,"bikes":0}],
             "demand":{"ride":{"cv":0,"speedKmh":12,"detour":1.3},
                       "flows":[{"from":"a","to":"b","tripsPerDay":20,"minutes":5}]}}
            """
        let (model, r) = try run(json, seed: 4)
        let starts = attempts(model, seed: 4).map(\.time)
        let extra = Coordinate(lat: 30.51, lon: 114.4).distanceMeters(to: Coordinate(lat: 30.52, lon: 114.4)) * 1.3 / (12 / 3.6)
        let arrivalsAtC = starts.map { $0 + 300 + extra }.filter { $0 < 86_400 }
        let refused = starts.filter { $0 + 300 < 86_400 }.count
        XCTAssertEqual(r[zone: 1, .failedReturns], Double(refused))
        XCTAssertEqual(r[.failedReturns], Double(refused))
        XCTAssertEqual(r[zone: 1, .returns], 0)
        XCTAssertEqual(r[zone: 1, .meanBikes], 2)
        XCTAssertEqual(r[zone: 2, .returns], Double(arrivalsAtC.count))
        XCTAssertEqual(r[zone: 2, .meanBikes]!, arrivalsAtC.reduce(0.0) { $0 + (86_400 - $1) } / 86_400, accuracy: 1e-9)
        XCTAssertEqual(r[zone: 3, .returns], 0)
    }

    /// Ride times: the flow's minutes, else distance × detour at the ride speed, at least the minimum.
    func testRideMeansFromDistance() throws {
        let json = """
            {"tidesim":1,"zones":[{"id":"a","lat":30.5,"lon":114.4,"capacity":1},{"id":"b","lat":30.53,"lon":114.4,"capacity":1},
                                  {"id":"c","lat":30.5001,"lon":114.4,"capacity":1}],
             "demand":{"ride":{"speedKmh":15,"detour":1.2,"minMinutes":3},
                       "flows":[{"from":"a","to":"b","tripsPerDay":1},{"from":"a","to":"c","tripsPerDay":1},
                                {"from":"a","to":"b","tripsPerDay":1,"minutes":7}]}}
            """
        let model = Model(try TestScenarios.load(json))
        let metres = Coordinate(lat: 30.5, lon: 114.4).distanceMeters(to: Coordinate(lat: 30.53, lon: 114.4))
        XCTAssertEqual(metres, 3335.85, accuracy: 0.01, "0.03 degrees of latitude on the mean Earth radius")
        XCTAssertEqual(model.demand.flowRide[0].mean, metres * 1.2 / (15 / 3.6), accuracy: 1e-9)
        XCTAssertEqual(model.demand.flowRide[1].mean, 180, "11 m is below the 3-minute minimum")
        XCTAssertEqual(model.demand.flowRide[2].mean, 420)
    }
}
