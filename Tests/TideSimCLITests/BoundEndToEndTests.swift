import Foundation
import XCTest

/// `compare --bound` and `run --bound`: the bound's rows in system.csv, its JSON member, the text
/// section, and that every policy's value stands at or above it, replication by replication.
final class BoundEndToEndTests: XCTestCase {
    func rows(_ url: URL) throws -> [[String]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    func testCompareWritesTheBoundBesideThePolicies() throws {
        let dir = try Tool.temporaryDirectory(self)
        let out = dir.appendingPathComponent("cmp")
        let compare = try Tool.run(["compare", "scenarios/quickstart.json", "--replications", "2", "--set", "trucks.count=1",
                                    "--set", "trucks.loadSeconds=30", "--bound", "--out", out.path])
        XCTAssertEqual(compare.status, 0, compare.stderr)
        XCTAssertTrue(compare.stdout.contains("The best any dispatch could do"), compare.stdout)
        XCTAssertTrue(compare.stdout.contains("clearance closes"), compare.stdout)
        let table = try rows(out.appendingPathComponent("system.csv"))
        let header = table[0]
        let lost = try XCTUnwrap(header.firstIndex(of: "tripsLost")), overflow = try XCTUnwrap(header.firstIndex(of: "overflowBikeHours"))
        let bound = table.filter { $0[0] == "bound" }
        XCTAssertEqual(bound.map { $0[1] }, ["1", "2"])
        for b in bound {
            // Only the two KPIs it bounds are filled.
            XCTAssertEqual(b.enumerated().filter { $0.offset >= 2 && !$0.element.isEmpty }.map(\.offset), [lost, overflow])
            for row in table.dropFirst() where row[0] != "bound" && row[1] == b[1] {
                XCTAssertLessThanOrEqual(Double(b[lost])!, Double(row[lost])!, "\(row[0]) replication \(b[1])")
                XCTAssertLessThanOrEqual(Double(b[overflow])!, Double(row[overflow])! + 1e-9, "\(row[0]) replication \(b[1])")
            }
        }
        // One slow truck for the district: the bound has something to say.
        XCTAssertGreaterThan(bound.map { Double($0[lost])! }.reduce(0, +), 0)
    }

    func testRunJSONCarriesTheBoundAndTheShareItCloses() throws {
        let run = try Tool.run(["run", "scenarios/quickstart.json", "--replications", "2", "--set", "trucks.count=1",
                                "--set", "trucks.loadSeconds=30", "--bound", "--json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let bound = try XCTUnwrap(doc["bound"] as? [String: Any])
        XCTAssertEqual(bound["kpis"] as? [String], ["tripsLost", "overflowBikeHours"])
        let system = try XCTUnwrap(doc["system"] as? [String: Any])
        for kpi in ["tripsLost", "overflowBikeHours"] {
            let b = try XCTUnwrap(((bound["system"] as? [String: Any])?[kpi] as? [String: Any])?["mean"] as? Double)
            let none = try XCTUnwrap(((bound["none"] as? [String: Any])?[kpi] as? [String: Any])?["mean"] as? Double)
            let policy = try XCTUnwrap((system[kpi] as? [String: Any])?["mean"] as? Double)
            XCTAssertLessThanOrEqual(b, policy + 1e-9)
            let closes = try XCTUnwrap((bound["closes"] as? [[String: Any]])?.first?[kpi] as? Double)
            XCTAssertEqual(closes, (none - policy) / (none - b), accuracy: 1e-12)
        }
        // The run's system.csv leads with the policy when the bound is there.
        let dir = try Tool.temporaryDirectory(self)
        let out = try Tool.run(["run", "scenarios/quickstart.json", "--bound", "--out", dir.path + "/o"])
        XCTAssertEqual(out.status, 0, out.stderr)
        let table = try rows(URL(fileURLWithPath: dir.path + "/o/system.csv"))
        XCTAssertEqual(table.map { $0[0] }, ["policy", "threshold", "bound"])
    }
}
