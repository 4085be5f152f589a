import XCTest
@testable import TideSim

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
