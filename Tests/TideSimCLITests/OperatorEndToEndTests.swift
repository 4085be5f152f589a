import Foundation
import XCTest

/// Issue 20 from the command line: the three-operator district's files and documents, quota
/// what-ifs, compare, and `import mds-policy` with its errors.
final class OperatorEndToEndTests: XCTestCase {
    private let scenario = "scenarios/optics-valley-operators.json"

    /// `run --out` writes operators.csv (a row per replication and operator) and transfers.csv
    /// with an operator column; `--json` holds the operators; the text names who answers.
    func testRunFilesAndDocuments() throws {
        let dir = try Tool.temporaryDirectory(self)
        let out = dir.appendingPathComponent("out")
        let r = try Tool.run(["run", scenario, "--replications", "2", "--out", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Who is responsible for the piles"))
        let rows = try String(contentsOf: out.appendingPathComponent("operators.csv"), encoding: .utf8).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        // The district has inspectors: the operators' orders and points follow their trucks' km.
        XCTAssertEqual(rows.first, "replication,operator,share,quota,placed,fleet,tripsServed,tripsLost,serviceLevel,overflowBikeHours,"
                       + "clearanceBreaches,truckKm,workOrders,ordersMetInTime,ordersLate,penaltyPoints")
        XCTAssertEqual(rows.count, 1 + 2 * 3)
        XCTAssertTrue(rows[2].hasPrefix("1,mt,0.35,6000,6339,6000,"), rows[2])
        XCTAssertEqual(rows[3].split(separator: ",")[11], "0", "qj has no trucks: 0 km")
        let inspections = try String(contentsOf: out.appendingPathComponent("inspections.csv"), encoding: .utf8)
        XCTAssertTrue(inspections.hasPrefix("replication,inspections,overCapacityFound,detectionRate,minutesToDetection,workOrders,"))
        let transfers = try String(contentsOf: out.appendingPathComponent("transfers.csv"), encoding: .utf8)
        XCTAssertTrue(transfers.hasPrefix("replication,order,truck,operator,purpose,"))
        XCTAssertFalse(transfers.contains(",qj,"), "qj has no trucks")

        let json = try Tool.run(["run", scenario, "--replications", "2", "--json"])
        let doc = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let operators = try XCTUnwrap(doc["operators"] as? [[String: Any]])
        XCTAssertEqual(operators.map { $0["id"] as? String }, ["hb", "mt", "qj"])
        XCTAssertEqual(operators.map { $0["policy"] as? String }, ["threshold", "clearance", "none"])
        XCTAssertEqual(doc["quotaTotal"] as? Double, 18_000)
        let served = operators.map { (($0["tripsServed"] as? [String: Any])?["mean"] as? Double) ?? -1 }
        let system = try XCTUnwrap((doc["system"] as? [String: Any])?["tripsServed"] as? [String: Any])
        XCTAssertEqual(served.reduce(0, +), system["mean"] as? Double)
        // A scenario without operators keeps its document as it was: no operators member.
        let plain = try Tool.run(["run", "scenarios/quickstart.json", "--json"])
        XCTAssertFalse(plain.stdout.contains("\"operators\""))
    }

    /// What-ifs on operators: a quota cut takes the fleet down; --policy and compare run every
    /// operator's trucks under each policy.
    func testWhatIfsOnOperators() throws {
        let cut = try Tool.run(["validate", scenario, "--set", "operators[hb].quota=6500"])
        XCTAssertEqual(cut.status, 0, cut.stderr)
        XCTAssertTrue(cut.stdout.contains("quota 6,500, fleet 6,500, 1,661 placed over its quota not deployed"), cut.stdout)
        let none = try Tool.run(["run", scenario, "--policy", "none", "--json"])
        XCTAssertTrue(none.stdout.contains("\"policy\": \"none\""))
        let compare = try Tool.run(["compare", scenario, "--policies", "none,clearance", "--replications", "2"])
        XCTAssertEqual(compare.status, 0, compare.stderr)
        let unknown = try Tool.run(["run", scenario, "--set", "operators[xx].quota=5"])
        XCTAssertEqual(unknown.status, 64)
        XCTAssertEqual(unknown.stderr.split(separator: "\n").count, 1, unknown.stderr)
    }

    /// `import mds-policy`: a good import writes a scenario that validates; a bad policy gets one
    /// line on stderr, exit 65 and no file.
    func testImportMDSPolicy() throws {
        let dir = try Tool.temporaryDirectory(self)
        func write(_ name: String, _ text: String) throws -> String {
            let url = dir.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        let geo = try write("geo.json", """
            {"version":"1.1.0","data":{"geographies":[
              {"geography_id":"all","name":"Optics Valley","geography_json":{"type":"Polygon","coordinates":[[[114.3,30.4],[114.5,30.4],[114.5,30.6],[114.3,30.6],[114.3,30.4]]]}},
              {"geography_id":"far","name":"Far away","geography_json":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}}]}}
            """)
        let good = try write("good.json", """
            {"version":"1.2.0","data":{"policies":[{"name":"Permits","provider_ids":["mt"],"rules":[
              {"name":"mt fleet","rule_type":"count","geographies":["all"],"maximum":5000},
              {"name":"slow","rule_type":"speed","geographies":["all"],"maximum":15}]}]}}
            """)
        let out = dir.appendingPathComponent("new.json")
        let r = try Tool.run(["import", "mds-policy", good, "--geographies", geo, "--zones", scenario, "--out", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "tidesim import: ignored: 'Permits', rule 'slow': rule_type speed is not modelled\n")
        XCTAssertTrue(r.stdout.contains("quotas mt 5,000"), r.stdout)
        let v = try Tool.run(["validate", out.path])
        XCTAssertEqual(v.status, 0, v.stderr)
        XCTAssertTrue(v.stdout.contains("quota 5,000, fleet 5,000"), v.stdout)

        let bad = try write("bad.json", """
            {"version":"1.2.0","data":{"policies":[{"name":"Caps","rules":[
              {"name":"far","rule_type":"count","geographies":["far"],"maximum":10}]}]}}
            """)
        let badOut = dir.appendingPathComponent("bad-new.json")
        let b = try Tool.run(["import", "mds-policy", bad, "--geographies", geo, "--zones", scenario, "--out", badOut.path])
        XCTAssertEqual(b.status, 65)
        XCTAssertEqual(b.stderr.split(separator: "\n").count, 1, b.stderr)
        XCTAssertTrue(b.stderr.contains("geography 'far': 'Far away' holds no zone of \(scenario)"), b.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: badOut.path))
        let missing = try Tool.run(["import", "mds-policy", good, "--zones", scenario, "--out", badOut.path])
        XCTAssertEqual(missing.status, 64)
        XCTAssertTrue(missing.stderr.contains("missing '--geographies <GEOGRAPHIES.json>'"))
    }
}
