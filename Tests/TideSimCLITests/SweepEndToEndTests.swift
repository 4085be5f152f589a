import Foundation
import XCTest

final class SweepEndToEndTests: XCTestCase {
    let args = ["sweep", "scenarios/quickstart.json", "--grid", "trucks.count=0,2,4", "--grid", "fleet=500,700", "--replications", "3"]

    func testSweepRowsAndShardsConcatenateToTheWhole() throws {
        let dir = try Tool.temporaryDirectory(self)
        let whole = dir.appendingPathComponent("all.csv")
        let r = try Tool.run(args + ["--out", whole.path, "--threads", "1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("wrote \(whole.path): 6 grid points of 6, 3 replications each, the same riders at every point\n"), r.stdout)
        XCTAssertEqual(r.stdout.split(separator: "\n")[1].split(separator: " "),
                       ["point", "trucks.count", "fleet", "tripsLost", "serviceLevel", "overflowBikeHours", "clearanceBreaches", "truckKm"])
        XCTAssertEqual(r.stdout.split(separator: "\n").count, 8, "a line, the header and a row per point")
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

    /// With `--baseline`, every row carries its paired differences against that point, replication
    /// by replication: the baseline's own are 0, and a shard that lacks the baseline runs it too;
    /// with costs, a `costPerDay` column.
    func testBaselineDifferencesAndCosts() throws {
        let dir = try Tool.temporaryDirectory(self)
        let costs = #"costs={"truckPerDay":800,"bikePerDay":2}"#
        let whole = dir.appendingPathComponent("all.csv")
        let r = try Tool.run(args + ["--baseline", "2", "--set", costs, "--out", whole.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Δ: paired difference against point 2 (0, 700), replication by replication\n"), r.stdout)
        let rows = try String(contentsOf: whole, encoding: .utf8).split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = rows[0]
        let cost = try XCTUnwrap(header.firstIndex(of: "costPerDay"))
        XCTAssertEqual(rows.dropFirst().map { Double($0[cost])! }, [1000, 1400, 2600, 3000, 4200, 4600], "trucks × 800 + fleet × 2")
        let lost = try XCTUnwrap(header.firstIndex(of: "tripsLost.mean")), lostDiff = try XCTUnwrap(header.firstIndex(of: "tripsLost.diff"))
        XCTAssertLessThan(cost, lostDiff)
        XCTAssertEqual(Array(header.suffix(6)), ["tidesim", "scenarioFile", "scenario", "seed", "policy", "whatIfs"])
        for row in rows.dropFirst() {
            // The mean of the differences is the difference of the means.
            XCTAssertEqual(Double(row[lostDiff])!, Double(row[lost])! - Double(rows[2][lost])!, accuracy: 1e-9)
        }
        XCTAssertEqual(Double(rows[2][lostDiff]), 0)
        // Shard 2 of 3 (points 3 and 4) pairs against point 2, which it runs without writing it.
        let shard = dir.appendingPathComponent("s2.csv")
        XCTAssertEqual(try Tool.run(args + ["--baseline", "2", "--set", costs, "--shard", "2/3", "--out", shard.path]).status, 0)
        let shardRows = try String(contentsOf: shard, encoding: .utf8).split(separator: "\r\n").map(String.init)
        XCTAssertEqual(shardRows, rows[3...4].map { $0.joined(separator: ",") }.map { String($0) })
        let bad = try Tool.run(args + ["--baseline", "7", "--out", whole.path])
        XCTAssertEqual(bad.stderr, "Error: --baseline 7: the grid has 6 points. See 'tidesim sweep --help'.\n")
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
