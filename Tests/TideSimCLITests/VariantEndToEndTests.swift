import Foundation
import XCTest

/// `compare --variant`: every variant is the run it names, replication by replication, and the
/// outputs carry the variant.
final class VariantEndToEndTests: XCTestCase {
    let quickstart = "scenarios/quickstart.json"

    func rows(_ url: URL) throws -> [[String]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// The rows of variant v, policy p in compare's system.csv are the rows of `run` with the
    /// variant's what-ifs, the same seed and replications, to the last digit.
    func testVariantsEqualSeparateRuns() throws {
        let dir = try Tool.temporaryDirectory(self)
        let compare = try Tool.run(["compare", quickstart, "--replications", "3", "--seed", "11", "--policies", "none,threshold",
                                    "--set", "demand.scale=1.1",
                                    "--variant", "base=", "--variant", "trucks4=--set trucks.count=4", "--variant", "small=--fleet -30%",
                                    "--out", dir.appendingPathComponent("cmp").path])
        XCTAssertEqual(compare.status, 0, compare.stderr)
        let stacked = try rows(dir.appendingPathComponent("cmp/system.csv"))
        XCTAssertEqual(Array(stacked[0].prefix(3)), ["variant", "policy", "replication"])
        let runs: [(String, [String])] = [("base", []), ("trucks4", ["--set", "trucks.count=4"]), ("small", ["--fleet", "-30%"])]
        for (variant, whatIfs) in runs {
            for policy in ["none", "threshold"] {
                let out = dir.appendingPathComponent("\(variant)-\(policy)")
                let run = try Tool.run(["run", quickstart, "--replications", "3", "--seed", "11", "--policy", policy, "--set", "demand.scale=1.1"]
                                       + whatIfs + ["--out", out.path])
                XCTAssertEqual(run.status, 0, run.stderr)
                let expected = try rows(out.appendingPathComponent("system.csv")).dropFirst()
                let found = stacked.dropFirst().filter { $0[0] == variant && $0[1] == policy }.map { Array($0.dropFirst(2)) }
                XCTAssertEqual(found, Array(expected), "\(variant) under \(policy)")
            }
        }
        // --fleet -30% leaves round(0.7 × 640) = 448 bikes.
        let fleetColumn = try XCTUnwrap(stacked[0].firstIndex(of: "fleet"))
        XCTAssertEqual(Set(stacked.dropFirst().filter { $0[0] == "small" }.map { $0[fleetColumn] }), ["448"])
        let paired = try rows(dir.appendingPathComponent("cmp/paired.csv"))
        XCTAssertEqual(paired[0], ["variant", "policy", "versusVariant", "versusPolicy", "kpi", "meanDifference", "sd", "ci95"])
        // Each variant's policy pair, then each later variant against the first, per policy.
        XCTAssertEqual(paired.count - 1, 17 * (3 + 2 * 2))
        let provenance = try String(contentsOf: dir.appendingPathComponent("cmp/provenance.json"), encoding: .utf8)
        XCTAssertTrue(provenance.contains(#""--variant trucks4=\"--set trucks.count=4\"""#), provenance)
    }

    func testJSONTextAndMistakes() throws {
        let json = try Tool.run(["compare", quickstart, "--replications", "2", "--policies", "none", "--variant", "a=", "--variant", "b=--fleet +10%", "--json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let variants = try XCTUnwrap(doc["variants"] as? [[String: Any]])
        XCTAssertEqual(variants.map { $0["name"] as? String }, ["a", "b"])
        XCTAssertEqual(variants[1]["whatIfs"] as? [String], ["--fleet +10%"])
        let pairs = try XCTUnwrap(doc["pairedVariants"] as? [[String: Any]])
        XCTAssertEqual(pairs.count, 1)
        let fleet = try XCTUnwrap(((pairs[0]["system"] as? [String: Any])?["fleet"] as? [String: Any])?["meanDifference"] as? Double)
        XCTAssertEqual(fleet, 64, "+10% of 640 bikes")
        let text = try Tool.run(["compare", quickstart, "--replications", "2", "--policies", "none", "--variant", "a=", "--variant", "b=--fleet +10%"])
        XCTAssertTrue(text.stdout.contains("  b: --fleet +10%\n"), text.stdout)
        XCTAssertTrue(text.stdout.contains("Paired differences against a (same riders, same policy)"), text.stdout)
        let page = try Tool.run(["compare", quickstart, "--replications", "2", "--policies", "none", "--variant", "a=", "--variant", "b=--fleet +10%", "--html", "-"])
        XCTAssertTrue(page.stdout.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(page.stdout.contains("<h3>Paired differences against a (same riders, same policy)</h3>"), page.stdout)
        XCTAssertTrue(page.stdout.contains("<th>b − a</th>"))
        let cases: [([String], String)] = [
            (["--variant", "a=", "--variant", "a=--fleet 5"], "Error: --variant: the name 'a' is given twice. See 'tidesim compare --help'.\n"),
            (["--variant", "x=--set trucks.cont=3"], "Error: --variant x: --set trucks.cont=3: trucks.cont: unknown key (did you mean 'count'?); expected one of: count, capacity, speedKmh, detour, loadSeconds, depot, shifts, maxOrderKm, id, serves. See 'tidesim compare --help'.\n"),
            (["--variant", "x=--fleet lots"], "Error: --variant x: --fleet expects a whole number of bikes from 0 to 100000000, or a change in percent above -100% and up to +1000% such as -30% or +10%, got 'lots'. See 'tidesim compare --help'.\n"),
        ]
        for (args, message) in cases {
            let r = try Tool.run(["compare", quickstart, "--replications", "2"] + args)
            XCTAssertEqual(r.status, 64, "\(args)")
            XCTAssertEqual(r.stderr, message)
        }
    }
}
