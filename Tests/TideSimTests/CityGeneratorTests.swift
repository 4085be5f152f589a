import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

final class CityGeneratorTests: XCTestCase {
    func testDistrictPresetHasTheAdvertisedShape() throws {
        let p = CityParameters.preset("district")!
        let s = CityGenerator.generate(p, name: "d")
        XCTAssertEqual(s.zones.count, 200)
        let trips = s.demand.flows.reduce(0) { $0 + $1.tripsPerDay }
        XCTAssertEqual(trips, 100_000, accuracy: 500)
        XCTAssertEqual(Double(s.fleet), p.tripsPerDay / p.turnover, accuracy: 1)
        XCTAssertEqual(Set(s.zones.map(\.kind)), Set(CityGenerator.roles))
        // Sparse: a handful of destinations per origin on average (hubs get the evening mirror of
        // every estate that chose them), far from the 200 × 200 of a dense table, and all nearby.
        XCTAssertLessThanOrEqual(s.demand.flows.count, s.zones.count * 3 * p.neighbours)
        let coordinates = Dictionary(uniqueKeysWithValues: s.zones.map { ($0.id, $0.coordinate!) })
        let longest = s.demand.flows.map { coordinates[$0.from]!.distanceMeters(to: coordinates[$0.to]!) }.max()!
        XCTAssertLessThan(longest, 5_000, "flows join nearby zones in a district about 9.5 km across")
        // The tide: housing sends more than it receives in the morning profile.
        let housing = Set(s.zones.filter { $0.kind == "housing" }.map(\.id))
        let amOut = s.demand.flows.filter { $0.profile == "am" && housing.contains($0.from) }.reduce(0) { $0 + $1.tripsPerDay }
        let amIn = s.demand.flows.filter { $0.profile == "am" && housing.contains($0.to) }.reduce(0) { $0 + $1.tripsPerDay }
        XCTAssertGreaterThan(amOut, 10 * amIn)
    }

    func testWrittenScenarioReadsBackTheSame() throws {
        var p = CityParameters.preset("district")!
        p.zones = 120
        p.tripsPerDay = 5000
        let s = CityGenerator.generate(p, name: "t")
        for tables in [false, true] {
            let dir = try TestScenarios.temporaryDirectory(self)
            try OutputDirectory.write(ScenarioWriter.files(s, baseName: "t", tables: tables), to: dir)
            let back = try ScenarioLoader.load(path: dir + "/t.json")
            XCTAssertEqual(back.zones, s.zones)
            XCTAssertEqual(back.demand.flows, s.demand.flows)
            XCTAssertEqual(back.holdingAreas, s.holdingAreas)
            XCTAssertEqual(back.trucks, s.trucks)
            XCTAssertEqual(back.policy, s.policy)
            XCTAssertEqual(back.fleetCap, s.fleetCap)
            XCTAssertEqual(back.demand.profiles.map(\.name), s.demand.profiles.map(\.name))
        }
    }
}

/// Issue 8: a generated city a planner recognises, checked against real days.
final class BelievableCityTests: XCTestCase {
    /// Hourly shares of a 96-weight profile.
    private func hourly(_ weights: [Double]) -> [Double] {
        let f = QuarterHourProfile(weights: weights).fractions
        return (0..<24).map { h in f[4 * h..<4 * h + 4].reduce(0, +) }
    }

    func testDefaultCommuteBumpsMatchTheMeasuredProfiles() {
        let p = CityParameters.preset("district")!
        let s = CityGenerator.generate(p, name: "d")
        let profiles = Dictionary(uniqueKeysWithValues: s.demand.profiles.map { ($0.name, hourly($0.weights)) })
        for (name, measured) in [("am", "commute-am"), ("pm", "commute-pm")] {
            let real = hourly(BuiltInProfiles.weights(named: measured)!)
            for h in 0..<24 { XCTAssertEqual(profiles[name]![h], real[h], accuracy: 0.026, "\(name) hour \(h)") }
        }
    }

    /// The whole generated day against the real one: the hour-of-day shares of all expected
    /// departures lie within 4 percentage points of every Bay Area weekday trip of 2014 (the
    /// `all` row of docs/real-data.md), and within 0.15 in total variation. (The generated city
    /// is four fifths commute, the Bay Area under half, so its peaks are somewhat higher.)
    func testGeneratedDayHasTheShapeOfRealWeekdays() throws {
        let real = [0.2, 0.1, 0.1, 0.0, 0.1, 0.6, 2.3, 7.4, 14.2, 9.9, 4.2, 3.8, 4.5, 4.0, 3.3, 4.3, 8.8, 13.0, 9.1, 4.4, 2.5, 1.6, 1.0, 0.6].map { $0 / 100 }
        let s = CityGenerator.generate(CityParameters.preset("district")!, name: "d")
        let profiles = Dictionary(uniqueKeysWithValues: (BuiltInProfiles.all + s.demand.profiles).map { ($0.name, hourly($0.weights)) })
        var day = [Double](repeating: 0, count: 24)
        for f in s.demand.flows { for h in 0..<24 { day[h] += f.tripsPerDay * profiles[f.profile]![h] } }
        let total = day.reduce(0, +)
        day = day.map { $0 / total }
        for h in 0..<24 { XCTAssertEqual(day[h], real[h], accuracy: 0.04, "hour \(h)") }
        XCTAssertLessThan(zip(day, real).map { abs($0 - $1) }.reduce(0, +) / 2, 0.15)
    }

    /// No zone starts above its capacity; under no policy the hotspots are a minority, the worst
    /// work places peak after the morning tide and the worst estates in the evening or night.
    func testDistrictHasAMinorityOfHotspotsThatPeakInTheTides() throws {
        let s = CityGenerator.generate(CityParameters.preset("district")!, name: "d")
        XCTAssertTrue(s.zones.allSatisfy { $0.bikes <= $0.capacity })
        let model = Model(s)
        let runs = Replications.run(model: model, policy: "none", seed: 1, count: 4, threads: 2)
        let kinds = s.zones.map(\.kind)
        var workPeaks: [Double] = [], housingPeaks: [Double] = []
        for r in runs {
            let hotspots = r[.hotspotZones]!
            XCTAssertGreaterThan(hotspots, 0.02 * Double(s.zones.count))
            XCTAssertLessThan(hotspots, 0.40 * Double(s.zones.count))
            let worst = (0..<s.zones.count).sorted { r[zone: $0, .overflowBikeHours]! > r[zone: $1, .overflowBikeHours]! }.prefix(20)
            for z in worst where r[zone: z, .overflowBikeHours]! > 0 {
                let hour = r[zone: z, .peakTime]!.truncatingRemainder(dividingBy: 86_400) / 3600
                if ["metro", "office", "campus"].contains(kinds[z]) { workPeaks.append(hour) }
                if kinds[z] == "housing" { housingPeaks.append(hour) }
            }
        }
        XCTAssertFalse(workPeaks.isEmpty)
        // The morning tide ends around 10:00; work places peak before the afternoon.
        XCTAssertGreaterThan(workPeaks.filter { $0 >= 7 && $0 < 13 }.count, workPeaks.count * 3 / 4)
        XCTAssertTrue(housingPeaks.allSatisfy { $0 >= 17 || $0 < 7 }, "\(housingPeaks)")
    }
}
