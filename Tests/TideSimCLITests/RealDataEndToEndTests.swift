import Foundation
import XCTest

/// A user with a GBFS feed and a trip file: import, calibrate, run, replay; and their mistakes.
final class RealDataEndToEndTests: XCTestCase {
    let fixtures = Tool.packageRoot.appendingPathComponent("Tests/Fixtures").path
    var slice: String { fixtures + "/bayarea-2014/trips-2014-07-15_16_19.csv" }

    func testImportCalibrateRunAndReplay() throws {
        let dir = try Tool.temporaryDirectory(self)
        let imported = try Tool.run(["import", "gbfs", fixtures + "/gbfs-v3.0", "--out", dir.path + "/feed.json"])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertTrue(imported.stdout.contains("GBFS 3.0: 1 station (0 virtual)"), imported.stdout)
        XCTAssertTrue(imported.stderr.hasPrefix("tidesim import: not placed: 1 vehicle at an unknown station"), imported.stderr)
        let run = try Tool.run(["run", dir.path + "/feed.json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("no demand: the scenario has no flows"), run.stdout)

        let out = dir.path + "/bayarea.json"
        let cal = try Tool.run(["calibrate", slice, "--zones", "scenarios/bayarea-2014-stations.json", "--out", out,
                                "--from", "2014-07-15", "--to", "2014-07-16"])
        XCTAssertEqual(cal.status, 0, cal.stderr)
        XCTAssertTrue(cal.stdout.contains("Bay Area Bike Share 2013-15 layout:"), cal.stdout)
        XCTAssertTrue(cal.stdout.contains("on 2 selected days from 2014-07-15 to 2014-07-16"), cal.stdout)
        let valid = try Tool.run(["validate", out])
        XCTAssertEqual(valid.status, 0, valid.stderr)
        let calibrated = try Tool.run(["run", out, "--replications", "2", "--json"])
        XCTAssertEqual(calibrated.status, 0, calibrated.stderr)

        // Standard input gives the same scenario as the file.
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "cat '\(slice)' | '\(Tool.binary.path)' calibrate - --zones scenarios/bayarea-2014-stations.json --out '\(dir.path)/piped.json' --from 2014-07-15 --to 2014-07-16 > /dev/null"]
        shell.currentDirectoryURL = Tool.packageRoot
        try shell.run()
        shell.waitUntilExit()
        XCTAssertEqual(shell.terminationStatus, 0)
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8).replacingOccurrences(of: "bayarea", with: "x"),
                       try String(contentsOfFile: dir.path + "/piped.json", encoding: .utf8).replacingOccurrences(of: "piped", with: "x"))

        let replay = try Tool.run(["compare", "scenarios/bayarea-2014-stations.json", "--replay", slice, "--date", "2014-07-16", "--json"])
        XCTAssertEqual(replay.status, 0, replay.stderr)
        let doc = try JSONSerialization.jsonObject(with: Data(replay.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(doc["replications"] as? Int, 1)
        let text = try String(contentsOfFile: slice, encoding: .utf8)
        let onDate = text.split(separator: "\n").filter { $0.split(separator: ",")[2].hasPrefix("2014-07-16") }.count
        XCTAssertTrue(replay.stdout.contains("\"tripAttempts\""))
        let policies = doc["policies"] as! [[String: Any]]
        for p in policies {
            let attempts = ((p["system"] as! [String: Any])["tripAttempts"] as! [String: Any])["mean"] as! Double
            XCTAssertEqual(attempts, Double(onDate))
        }
    }

    func testMistakesInRealDataAreOneLineWithTheDocumentedCode() throws {
        let dir = try Tool.temporaryDirectory(self)
        let out = dir.path + "/new.json"
        // A missing trip file: 66; a missing feed directory: 66.
        var r = try Tool.run(["calibrate", dir.path + "/nope.csv", "--zones", "scenarios/bayarea-2014-stations.json", "--out", out])
        XCTAssertEqual(r.status, 66)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        r = try Tool.run(["import", "gbfs", dir.path + "/nofeed", "--out", out])
        XCTAssertEqual(r.status, 66)
        // A bad date on line 3: 65, naming file, line and column; nothing written.
        let bad = dir.path + "/bad.csv"
        let lines = try String(contentsOfFile: slice, encoding: .utf8).split(separator: "\n").prefix(4).map(String.init)
        try ([lines[0], lines[1], lines[2].replacingOccurrences(of: "2014-07-15", with: "2014-15-07")] + [lines[3]]).joined(separator: "\n")
            .write(toFile: bad, atomically: true, encoding: .utf8)
        r = try Tool.run(["calibrate", bad, "--zones", "scenarios/bayarea-2014-stations.json", "--out", out])
        XCTAssertEqual(r.status, 65)
        XCTAssertTrue(r.stderr.contains("bad.csv: line 3, column start_date: expected a date and time"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        // Usage mistakes: 64.
        for args in [["calibrate", slice, "--zones", "scenarios/bayarea-2014-stations.json", "--out", out, "--days", "workdays"],
                     ["calibrate", slice, "--zones", "scenarios/bayarea-2014-stations.json", "--out", out, "--from", "15/07/2014"],
                     ["run", "scenarios/bayarea-2014-stations.json", "--replay", slice],
                     ["run", "scenarios/bayarea-2014-stations.json", "--date", "2014-07-16"],
                     ["run", "scenarios/bayarea-2014-stations.json", "--replay", slice, "--date", "2014-08-01"],
                     ["import", "gtfs", fixtures + "/gbfs-v3.0", "--out", out]] {
            r = try Tool.run(args)
            XCTAssertEqual(r.status, 64, "\(args): \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }
}
