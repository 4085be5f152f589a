import XCTest
import TideSim

// BEGIN EXAMPLE: docs/policies.md shows this code verbatim; the test below checks that it does.
/// Sends each idle truck to refill the emptiest zone from the nearest holding area with bikes.
struct RefillEmptiest: TransferPolicy {
    var name: String { "refill-emptiest" }

    func decide(_ view: PolicyView) -> [TransferOrder] {
        var orders: [TransferOrder] = []
        var claimed = Set<Int>()
        for truck in view.trucks where truck.isIdle {
            // The zone with the fewest bikes that no order of this call is already refilling.
            let zones = (0..<view.model.zoneCount).filter { !claimed.contains($0) && view.model.zoneCoordinate[$0] != nil }
            guard let zone = zones.min(by: { view.zoneBikes[$0] < view.zoneBikes[$1] }),
                  view.zoneBikes[zone] == 0 else { break }
            // The nearest holding area with bikes, open now.
            let sources = (0..<view.model.holdingCount).filter {
                view.holdingBikes[$0] > 0 && view.model.isOpen(holding: $0, at: view.time)
            }
            guard let source = sources.min(by: {
                view.driveSeconds(truck: truck.index, from: .holding($0), to: .zone(zone))
                    < view.driveSeconds(truck: truck.index, from: .holding($1), to: .zone(zone))
            }) else { break }
            orders.append(TransferOrder(truck: truck.index, pickup: .holding(source), dropoff: .zone(zone), bikes: truck.freeCapacity))
            claimed.insert(zone)
        }
        return orders
    }
}
// END EXAMPLE

final class CustomPolicyExampleTests: XCTestCase {
    func testDocsShowTheExampleVerbatim() throws {
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        let begin = source.range(of: "// BEGIN EXAMPLE")!, end = source.range(of: "// END EXAMPLE")!
        let body = source[begin.upperBound..<end.lowerBound].drop { $0 != "\n" }.dropFirst()
        let docs = try String(contentsOfFile: TestScenarios.packageRoot + "/docs/policies.md", encoding: .utf8)
        XCTAssertTrue(docs.contains(body), "docs/policies.md must show the RefillEmptiest example exactly as compiled here")
    }

    func testTheExampleRunsThroughTheSameEngine() throws {
        let json = """
            {"tidesim":1,
             "zones":[{"id":"a","lat":30.50,"lon":114.40,"capacity":20,"bikes":0},
                      {"id":"b","lat":30.51,"lon":114.40,"capacity":20,"bikes":0}],
             "holdingAreas":[{"id":"lot","lat":30.505,"lon":114.40,"capacity":100,"bikes":40}],
             "trucks":{"count":2,"capacity":15,"depot":"lot"}}
            """
        let model = Model(try TestScenarios.load(json))
        let results = Replications.run(model: model, seed: 1, count: 2, threads: 2) { _ in RefillEmptiest() }
        let r = results[0]
        XCTAssertEqual(r.policy, "refill-emptiest")
        // Both zones start empty: one truck each, 15 bikes each, at time 0.
        XCTAssertEqual(r.transfers.prefix(2).map(\.order), [
            TransferOrder(truck: 0, pickup: .holding(0), dropoff: .zone(0), bikes: 15),
            TransferOrder(truck: 1, pickup: .holding(0), dropoff: .zone(1), bikes: 15),
        ])
        XCTAssertEqual(r[.bikesFromHolding], 30)
        XCTAssertEqual(r.transfers.count, 2, "no zone is empty afterwards")
        let report = RunReport(model: model, policy: "refill-emptiest", seed: 1, replications: results)
        XCTAssertEqual(report[.bikesFromHolding].mean, 30)
    }
}
