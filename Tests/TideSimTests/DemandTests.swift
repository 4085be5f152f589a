import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

/// Profiles, compiled demand and the forecast tables, by hand.
final class DemandTests: XCTestCase {
    func testProfilesExpandToQuarterHoursAndNormalise() {
        let hourly = QuarterHourProfile(weights: (0..<24).map { $0 == 8 ? 3 : 1 })
        XCTAssertEqual(hourly.fractions.count, 96)
        XCTAssertEqual(hourly.fractions.reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertEqual(hourly.fractions[32], 3.0 / 26 / 4, accuracy: 1e-15, "08:00-08:15 holds a quarter of hour 8's weight")
        XCTAssertEqual(hourly.fractions[0], 1.0 / 26 / 4, accuracy: 1e-15)
        let halfHourly = QuarterHourProfile(weights: (0..<48).map { Double($0 % 2) })
        XCTAssertEqual(halfHourly.fractions[0], 0)
        XCTAssertEqual(halfHourly.fractions[2], 1.0 / 24 / 2, accuracy: 1e-15)
        XCTAssertEqual(QuarterHourProfile(weights: Array(repeating: 2, count: 96)).fractions, Array(repeating: 1.0 / 96, count: 96))
    }

    /// The measured table of docs/real-data.md: percentages of a group's trips per start hour
    /// (rounded, so they sum to 100 within the rounding), the morning commute peaking 08:00-09:00
    /// and the evening one 17:00-18:00.
    func testBuiltInProfilesAreTheMeasuredTable() {
        for name in ["commute-am", "commute-pm", "daytime"] {
            let w = BuiltInProfiles.weights(named: name)!
            XCTAssertEqual(w.count, 24)
            XCTAssertEqual(w.reduce(0, +), 100, accuracy: 0.5, name)
            XCTAssertTrue(w.allSatisfy { $0 >= 0.05 }, name)
        }
        let am = BuiltInProfiles.weights(named: "commute-am")!
        XCTAssertEqual(am.firstIndex(of: am.max()!), 8)
        XCTAssertEqual(am[7...9].reduce(0, +), 66.2, accuracy: 1e-9)
        let pm = BuiltInProfiles.weights(named: "commute-pm")!
        XCTAssertEqual(pm.firstIndex(of: pm.max()!), 17)
        XCTAssertEqual(BuiltInProfiles.names, ["flat", "commute-am", "commute-pm", "daytime"])
    }

    /// Rates per slot: `tripsPerDay × w[s] / slotSeconds × scale`.
    func testSlotRatesFollowTheProfileAndScale() throws {
        let json = """
            {"tidesim":1,"zones":[{"id":"a","capacity":10,"bikes":5},{"id":"b","capacity":10,"bikes":5}],
             "demand":{"scale":1.5,"profiles":{"p":[0,0,0,0,0,0,0,0,2,0,0,0,0,0,0,0,0,0,1,0,0,0,0,0]},
                       "flows":[{"from":"a","to":"b","tripsPerDay":300,"profile":"p","minutes":10},
                                {"from":"b","to":"a","tripsPerDay":96,"minutes":10}]}}
            """
        let demand = Model(try TestScenarios.load(json)).demand
        XCTAssertEqual(demand.expectedAttemptsPerDay, 1.5 * 396, accuracy: 1e-9)
        // 08:00-08:15: a→b carries 2/3 of 450 trips over four slots, b→a 1/96 of 144 trips.
        let morning: Double = 450.0 * 2 / 3 / 4 + 144.0 / 96
        XCTAssertEqual(demand.slotRate[32] * 900, morning, accuracy: 1e-9)
        XCTAssertEqual(demand.slotRate[0] * 900, 144.0 / 96, accuracy: 1e-9)
    }

    /// The forecast of a flat flow a → b of 960 trips a day and 10-minute rides: over the next
    /// hour, 40 departures from a, and the trips that arrive at b within the hour (started in its
    /// first 50 minutes), 40 × 50/60.
    func testForecastTablesByHand() throws {
        let json = """
            {"tidesim":1,"zones":[{"id":"a","capacity":10,"bikes":5},{"id":"b","capacity":10,"bikes":5}],
             "demand":{"flows":[{"from":"a","to":"b","tripsPerDay":960,"minutes":10}]}}
            """
        let model = Model(try TestScenarios.load(json))
        let t = 10 * 3600.0
        let a = model.forecast.expected(zone: 0, from: t, to: t + 3600)
        let b = model.forecast.expected(zone: 1, from: t, to: t + 3600)
        XCTAssertEqual(a.departures, 40, accuracy: 1e-9)
        XCTAssertEqual(a.arrivals, 0)
        XCTAssertEqual(b.departures, 0)
        XCTAssertEqual(b.arrivals, 40 * 50 / 60, accuracy: 1e-9)
        // Across midnight into day 2 the cumulative profile carries on.
        let night = model.forecast.expected(zone: 0, from: 86_400 - 1800, to: 86_400 + 1800)
        XCTAssertEqual(night.departures, 40, accuracy: 1e-9)
    }
}
