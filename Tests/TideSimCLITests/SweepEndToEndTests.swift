import Foundation
import XCTest

final class SweepEndToEndTests: XCTestCase {
    let args = ["sweep", "scenarios/quickstart.json", "--grid", "trucks.count=0,2,4", "--grid", "fleet=500,700", "--replications", "3"]

    func testSweepRowsAndShardsConcatenateToTheWhole() throws {
        let dir = try Tool.temporaryDirectory(self)
        let whole = dir.appendingPathComponent("all.csv")
        let r = try Tool.run(args + ["--out", whole.path, "--threads", "1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "")
        let text = try String(contentsOf: whole, encoding: .utf8)
        let lines = text.split(separator: "\r\n")
        XCTAssertEqual(lines.count, 7)
        XCTAssertTrue(lines[0].hasPrefix("point,trucks.count,fleet,replications,tripAttempts.mean,tripAttempts.ci95,tripsServed.mean,"))
        XCTAssertTrue(lines[1].hasPrefix("1,0,500,3,"))
        XCTAssertTrue(lines[6].hasPrefix("6,4,700,3,"))
        // Every point faces the same riders; fleet and trucks change what they get.
        let attempts = Set(lines.dropFirst().map { $0.split(separator: ",")[4] })
        XCTAssertEqual(attempts.count, 1)
        let truckKm = lines.dropFirst().map { Double($0.split(separator: ",")[4 + 2 * 12])! }
        XCTAssertEqual(truckKm[0], 0, "no trucks, no kilometres")
        XCTAssertGreaterThan(truckKm[4], 0)

        var shards = ""
        for i in 1...4 {
            let file = dir.appendingPathComponent("s\(i).csv")
            let s = try Tool.run(args + ["--shard", "\(i)/4", "--out", file.path, "--threads", "2"])
            XCTAssertEqual(s.status, 0, s.stderr)
            shards += try String(contentsOf: file, encoding: .utf8)
        }
        XCTAssertEqual(shards, text, "the shards, concatenated in order, are the whole sweep, byte for byte")
    }

    func testBadSweepsWriteNothing() throws {
        let dir = try Tool.temporaryDirectory(self)
        let out = dir.appendingPathComponent("x.csv")
        let cases: [([String], String)] = [
            (["sweep", "scenarios/quickstart.json", "--grid", "trucks.count=2,x", "--out", out.path],
             "Error: --set trucks.count=x: trucks.count: expected a whole number, got 'x'. See 'tidesim sweep --help'.\n"),
            (["sweep", "scenarios/quickstart.json", "--grid", "trucks.count=2", "--shard", "5/4", "--out", out.path],
             "Error: --shard expects I/N with 1 <= I <= N, such as 3/8, got '5/4'. See 'tidesim sweep --help'.\n"),
            (["sweep", "scenarios/quickstart.json", "--grid", "trucks.count=2"],
             "Error: missing '--out <FILE>'. See 'tidesim sweep --help'.\n"),
        ]
        for (a, stderr) in cases {
            let r = try Tool.run(a)
            XCTAssertEqual(r.status, 64)
            XCTAssertEqual(r.stderr, stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
        }
    }

    func testGenerateWritesAValidCity() throws {
        let dir = try Tool.temporaryDirectory(self)
        let g = try Tool.run(["generate", "--preset", "district", "--zones", "400", "--trips", "20000", "--out", dir.path, "--name", "town"])
        XCTAssertEqual(g.status, 0, g.stderr)
        XCTAssertTrue(g.stdout.contains("400 zones"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["town-od.csv", "town-zones.csv", "town.json"])
        let v = try Tool.run(["validate", dir.appendingPathComponent("town.json").path])
        XCTAssertEqual(v.status, 0, v.stderr)
        XCTAssertTrue(v.stdout.contains("zones          400 "))
        // Deterministic by seed.
        let again = try Tool.temporaryDirectory(self)
        _ = try Tool.run(["generate", "--preset", "district", "--zones", "400", "--trips", "20000", "--out", again.path, "--name", "town"])
        for f in ["town.json", "town-zones.csv", "town-od.csv"] {
            XCTAssertEqual(try Data(contentsOf: dir.appendingPathComponent(f)), try Data(contentsOf: again.appendingPathComponent(f)))
        }
        let bad = try Tool.run(["generate", "--preset", "megacity", "--out", dir.path])
        XCTAssertEqual(bad.status, 64)
        XCTAssertTrue(bad.stderr.hasPrefix("Error: --preset: unknown preset 'megacity'"))
    }
}
