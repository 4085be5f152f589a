import Foundation
import XCTest

/// `tidesim plan` on the quickstart district, against what brute force (the plan's shards: every
/// design with 30 replications) knows: overflow bike-hours 2,135, 1,025, 504, 381, 314, 278 and
/// 283 for 0 to 6 trucks (95% half-widths 25 to 114), so the cheapest design under 350 is 4 trucks
/// (3 trucks, 381 ± 55, cannot be told from 350 at 95%).
final class PlanEndToEndTests: XCTestCase {
    let quickstart = "scenarios/quickstart.json"
    let costs = #"costs={"currency":"CNY","truckPerDay":800,"holdingAreaPerDay":500,"bikePerDay":2.5}"#

    func testChoosesWhatBruteForceKnowsWithFewerRuns() throws {
        let r = try Tool.run(["plan", quickstart, "--set", costs, "--lever", "trucks.count=0:6:1", "--target", "overflowBikeHours<=350", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(doc["chosen"] as? [String: String], ["trucks.count": "4"])
        XCTAssertEqual(doc["cost"] as? Double, 4 * 800 + 500 + 640 * 2.5)
        let runs = try XCTUnwrap(doc["runs"] as? Double), brute = try XCTUnwrap(doc["bruteForceRuns"] as? Double)
        XCTAssertEqual(brute, 7 * 30)
        XCTAssertLessThanOrEqual(runs, 0.6 * brute)
        let designs = try XCTUnwrap(doc["designs"] as? [[String: Any]])
        XCTAssertEqual(designs.map { $0["verdict"] as? String }, ["fails", "fails", "fails", "undecided", "meets", "notRun", "notRun"])
        // The text says the same, and why the cheaper designs lost.
        let text = try Tool.run(["plan", quickstart, "--set", costs, "--lever", "trucks.count=0:6:1", "--target", "overflowBikeHours<=350"])
        XCTAssertTrue(text.stdout.contains("Chosen: trucks.count=4, 5,300 CNY a day\n"), text.stdout)
        XCTAssertTrue(text.stdout.contains("  trucks.count=2, 3,700 CNY a day: fails after "), text.stdout)
        XCTAssertTrue(text.stdout.contains("  trucks.count=3, 4,500 CNY a day: undecided after 30 replications"), text.stdout)
        XCTAssertTrue(text.stdout.contains("; 2 dearer designs never run\n"), text.stdout)
        // Results do not depend on the threads.
        let one = try Tool.run(["plan", quickstart, "--set", costs, "--lever", "trucks.count=0:6:1", "--target", "overflowBikeHours<=350", "--json", "--threads", "1"])
        XCTAssertEqual(one.stdout, r.stdout)
    }

    func testNoDesignMeetsAndTiesInCost() throws {
        let none = try Tool.run(["plan", quickstart, "--set", costs, "--lever", "trucks.count=0:6:1", "--target", "overflowBikeHours<=100"])
        XCTAssertEqual(none.status, 0, none.stderr)
        XCTAssertTrue(none.stdout.contains("No design meets every target at 95% confidence\n"), none.stdout)
        XCTAssertTrue(none.stdout.contains("  overflowBikeHours<=100 fails in every design; the closest is trucks.count="), none.stdout)
        // Two policies at the same cost: none cannot clear overflow, threshold can; threshold is chosen.
        let tie = try Tool.run(["plan", quickstart, "--set", costs, "--lever", "policy.name=none,threshold", "--target", "overflowBikeHours<=1000", "--json"])
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(tie.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(doc["chosen"] as? [String: String], ["policy.name": "threshold"])
    }

    /// `--shard I/N` runs the brute force of a slice; the shards' files, concatenated, are the whole
    /// grid, and its cheapest row that meets the target is the plan's choice.
    func testShardsAreTheBruteForce() throws {
        let dir = try Tool.temporaryDirectory(self)
        var text = ""
        for i in 1...3 {
            let file = dir.appendingPathComponent("s\(i).csv")
            let r = try Tool.run(["plan", quickstart, "--set", costs, "--lever", "trucks.count=0:6:1", "--target", "overflowBikeHours<=350",
                                  "--shard", "\(i)/3", "--out", file.path])
            XCTAssertEqual(r.status, 0, r.stderr)
            text += try String(contentsOf: file, encoding: .utf8)
        }
        let rows = text.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(rows[0].prefix(6), ["design", "trucks.count", "cost", "replications", "verdict", "chosen"])
        XCTAssertEqual(rows.count, 8)
        XCTAssertEqual(rows.dropFirst().map { $0[3] }, Array(repeating: "30", count: 7))
        let cheapest = rows.dropFirst().filter { $0[4] == "meets" }.min { Double($0[2])! < Double($1[2])! }
        XCTAssertEqual(cheapest?[1], "4")
    }

    func testMistakes() throws {
        let cases: [([String], String)] = [
            (["--lever", "trucks.count=1:3:1", "--target", "tripsLost<=5"], "Error: plan ranks designs by the day's cost of their levers, and the scenario states no costs; "
                + #"add "costs": {"truckPerDay": ..., "holdingAreaPerDay": ..., "bikePerDay": ...} or --set costs={...}. See 'tidesim plan --help'."# + "\n"),
            (["--set", costs, "--target", "tripsLost<=5"], "Error: missing '--lever PATH=A:B:STEP', such as --lever trucks.count=2:16:2. See 'tidesim plan --help'.\n"),
            (["--set", costs, "--lever", "trucks.count=1,2"], "Error: missing '--target KPI<=X', such as --target clearanceBreaches<=5. See 'tidesim plan --help'.\n"),
            (["--set", costs, "--lever", "trucks.count=1,2", "--target", "tripsLost<=5", "--confidence", "2"],
             "Error: --confidence expects a number from 0.5 to 0.999, got '2'. See 'tidesim plan --help'.\n"),
            (["--set", costs, "--lever", "trucks.cont=1,2", "--target", "tripsLost<=5"],
             "Error: --set trucks.cont=1: trucks.cont: unknown key (did you mean 'count'?); expected one of: count, capacity, speedKmh, detour, loadSeconds, depot, shifts, maxOrderKm, id, serves. See 'tidesim plan --help'.\n"),
        ]
        for (args, message) in cases {
            let r = try Tool.run(["plan", quickstart] + args)
            XCTAssertEqual(r.status, 64, "\(args)")
            XCTAssertEqual(r.stderr, message)
        }
    }
}
