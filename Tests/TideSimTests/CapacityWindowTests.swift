import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

/// Issue 20, rush-hour caps (`capacityWindows`, DESIGN section 2b): inside a window a pile zone's
/// capacity is the window's; every metric uses the capacity in force; an episode starts when a
/// window opens on a zone already above its cap; policies see the cap in force.
final class CapacityWindowTests: XCTestCase {
    private func zone(_ windows: String, bikes: Int = 80, days: Int = 1) -> String {
        """
        {"tidesim":1, "days":\(days),
         "zones":[{"id":"exit","capacity":100,"bikes":\(bikes),"capacityWindows":\(windows)},{"id":"b","capacity":10,"bikes":0}],
         "demand":{"flows":[]}}
        """
    }

    /// The issue's hand case: a zone holding 80 bikes, capped at 50 from 07:00 to 09:30, nobody
    /// riding. 30 bikes over for 2.5 hours: 75 bike-hours, one 150-minute episode, one breach of
    /// the 30-minute rule; its peak pressure is 80 / 50 at 07:00.
    func testAZoneCappedInTheRush() throws {
        let model = Model(try TestScenarios.load(zone(#"[{"time":"07:00-09:30","capacity":50}]"#)))
        XCTAssertEqual(model.capacityChanges, [CapacityChange(time: 7 * 3600, zone: 0, capacity: 50),
                                               CapacityChange(time: 9.5 * 3600, zone: 0, capacity: 100)])
        let r = Replications.run(model: model, policy: "none", seed: 1, count: 1)[0]
        XCTAssertEqual(r[zone: 0, .overflowBikeHours]!, 75, accuracy: 1e-9)
        XCTAssertEqual(r[zone: 0, .minutesOverCapacity]!, 150, accuracy: 1e-9)
        XCTAssertEqual(r[zone: 0, .overflowEpisodes], 1)
        XCTAssertEqual(r[zone: 0, .longestOverflowMinutes]!, 150, accuracy: 1e-9)
        XCTAssertEqual(r[zone: 0, .clearanceBreaches], 1)
        XCTAssertEqual(r[zone: 0, .peakPressure]!, 1.6, accuracy: 1e-12)
        XCTAssertEqual(r[.overflowBikeHours]!, 75, accuracy: 1e-9)
        XCTAssertEqual(r[.peakOverflowBikes], 30)
        XCTAssertEqual(r[.clearanceBreaches], 1)
        // Under the cap the zone is not over: with 40 bikes nothing happens.
        let under = Replications.run(model: Model(try TestScenarios.load(zone(#"[{"time":"07:00-09:30","capacity":50}]"#, bikes: 40))),
                                     policy: "none", seed: 1, count: 1)[0]
        XCTAssertEqual(under[.overflowBikeHours], 0)
        XCTAssertEqual(under[zone: 0, .overflowEpisodes], 0)
    }

    /// Weekday windows over a week that starts on a Monday: five 150-minute episodes. A window
    /// across midnight belongs to the day it starts on. Overlapping windows: the lower cap.
    func testDaysMidnightAndOverlaps() throws {
        let week = Model(try TestScenarios.load(zone(#"[{"time":"07:00-09:30","capacity":50,"days":"weekdays"}]"#, days: 7)))
        let r = Replications.run(model: week, policy: "none", seed: 1, count: 1)[0]
        XCTAssertEqual(r[zone: 0, .overflowEpisodes], 5)
        XCTAssertEqual(r[zone: 0, .overflowBikeHours]!, 5 * 75, accuracy: 1e-9)
        let weekend = Model(try TestScenarios.load(zone(#"[{"time":"07:00-09:30","capacity":50,"days":"weekends"}]"#, days: 7)))
        XCTAssertEqual(Replications.run(model: weekend, policy: "none", seed: 1, count: 1)[0][zone: 0, .overflowEpisodes], 2)

        // 22:00-02:00 on weekends only: the week repeats, so the run starts (Monday 00:00) inside the
        // Sunday before's window; then Saturday 22:00 to Sunday 02:00, Sunday 22:00 to the end.
        let night = Model(try TestScenarios.load(zone(#"[{"time":"22:00-02:00","capacity":50,"days":"weekends"}]"#, days: 7)))
        let h = 3600.0, day = 86_400.0
        let expected: [Double] = [2 * h, 5 * day + 22 * h, 6 * day + 2 * h, 6 * day + 22 * h]
        XCTAssertEqual(night.capacityChanges.map(\.time), expected)
        XCTAssertEqual(night.capacity(zone: 0, at: 6 * 86_400 + 3600), 50, "Sunday 01:00 is in Saturday's window")
        XCTAssertEqual(night.capacity(zone: 0, at: 3600), 50, "Monday 01:00 is in the Sunday before's window")

        let overlap = Model(try TestScenarios.load(zone(#"[{"time":"07:00-10:00","capacity":60},{"time":"08:00-09:00","capacity":40}]"#)))
        XCTAssertEqual(overlap.capacityChanges.map(\.capacity), [60, 40, 60, 100])
        XCTAssertEqual(overlap.lowestCapacity(zone: 0, from: 6 * 3600, to: 7.5 * 3600), 60)
        XCTAssertEqual(overlap.lowestCapacity(zone: 0, from: 6 * 3600, to: 8 * 3600), 40)
        let o = Replications.run(model: overlap, policy: "none", seed: 1, count: 1)[0]
        let bikeHours: Double = 20 + 40 + 20   // 80 bikes: over 60 for 07-08, over 40 for 08-09, over 60 for 09-10
        XCTAssertEqual(o[zone: 0, .overflowBikeHours]!, bikeHours, accuracy: 1e-9)
        XCTAssertEqual(o[zone: 0, .overflowEpisodes], 1, "one episode across the windows")
    }

    /// The time series shows the capacity in force and the overflow against it.
    func testTheTimeSeriesShowsTheCapacityInForce() throws {
        let model = Model(try TestScenarios.load(zone(#"[{"time":"07:00-09:30","capacity":50}]"#)))
        let r = Replications.run(model: model, policy: "none", seed: 1, count: 1, recordTimeSeries: true)[0]
        var lines: [String] = []
        var rows = TextRowWriter { lines.append($0.joined(separator: ",")) }
        TimeSeriesRows(model: model, spreadsheetSafe: false).write(r.timeSeries!, replication: 1, into: &rows)
        let exit = lines.filter { $0.contains(",exit,zone,") }
        XCTAssertEqual(exit[27], "1,1,405,06:45,exit,zone,80,100,0")
        XCTAssertEqual(exit[28], "1,1,420,07:00,exit,zone,80,50,30")
        XCTAssertEqual(exit[38], "1,1,570,09:30,exit,zone,80,100,0")
    }

    /// Policies see the cap in force: an exit of 45 bikes on 100 spaces, capped at 30 from 07:00.
    /// `threshold` reacts when the cap opens (a short episode); `predictive` and `clearance`, which
    /// look an hour ahead, clear it to its target under the cap (24: 21 bikes) at 06:00, so no
    /// episode starts.
    func testPoliciesClearBeforeTheCapOpens() throws {
        let json = """
            {"tidesim":1,
             "zones":[{"id":"exit","lat":30.50,"lon":114.40,"capacity":100,"bikes":45,"capacityWindows":[{"time":"07:00-09:30","capacity":30}]},
                      {"id":"far","lat":30.52,"lon":114.40,"capacity":100,"bikes":50}],
             "holdingAreas":[{"id":"lot","lat":30.501,"lon":114.40,"capacity":200}],
             "demand":{"flows":[]},
             "trucks":{"count":1,"capacity":30,"depot":"lot","shifts":["06:00-10:00"]},
             "policy":{"name":"threshold"}}
            """
        let model = Model(try TestScenarios.load(json))
        for (policy, issued) in [("threshold", 7 * 3600.0), ("predictive", 6 * 3600.0), ("clearance", 6 * 3600.0)] {
            let r = Replications.run(model: model, policy: policy, seed: 1, count: 1)[0]
            let first = try XCTUnwrap(r.transfers.first { !$0.toDepot }, policy)
            XCTAssertEqual(first.order, TransferOrder(truck: 0, pickup: .zone(0), dropoff: .holding(0), bikes: 21), policy)
            XCTAssertEqual(first.issued, issued, policy)
            XCTAssertEqual(r[zone: 0, .overflowEpisodes], issued < 7 * 3600 ? 0 : 1, policy)
            XCTAssertEqual(r[zone: 0, .clearanceBreaches], 0, policy)
        }
    }

    func testMistakesAndWritingBack() throws {
        func issues(_ windows: String, overflow: String = "pile") -> [String] {
            TestScenarios.issues(zone(windows).replacingOccurrences(of: #""bikes":80,"#, with: #""bikes":80,"overflow":"\#(overflow)","lat":30.5,"lon":114.4,"#))
        }
        XCTAssertEqual(issues(#"[{"time":"07:00-09:30","capacity":50}]"#, overflow: "redirect"),
                       ["test.json: zones[0].capacityWindows: a docked ('redirect') zone cannot shrink its docks; rush-hour caps apply to 'pile' zones"])
        XCTAssertEqual(issues(#"[{"time":"7-9","capacity":50}]"#),
                       [#"test.json: zones[0].capacityWindows[0].time: expected a time window "HH:MM-HH:MM" (00:00 to 24:00, start and end different), got '7-9'"#])
        XCTAssertEqual(issues(#"[{"time":"07:00-09:30"}]"#), ["test.json: zones[0].capacityWindows[0].capacity: missing; expected a whole number between 0 and 10000000"])
        XCTAssertEqual(issues(#"[{"time":"07:00-09:30","capacity":50,"days":"workdays"}]"#).count, 1)
        XCTAssertEqual(issues(#"{"time":"07:00-09:30"}"#).count, 1)

        let s = try TestScenarios.load(zone(#"[{"time":"07:00-09:30","capacity":50,"days":"weekdays"},{"time":"22:00-02:00","capacity":0}]"#))
        XCTAssertTrue(ScenarioText.render(s, file: "t.json").contains("2 (parking capacity 110; 0 with coordinates; 0 docked; 1 with rush-hour caps)"))
        let dir = try TestScenarios.temporaryDirectory(self)
        for tables in [false, true] {
            try OutputDirectory.write(ScenarioWriter.files(s, baseName: "t", tables: tables), to: dir)
            let back = try ScenarioLoader.load(path: dir + "/t.json")
            XCTAssertEqual(back.zones, s.zones, "tables: \(tables)")
        }
    }
}
