import Foundation
import XCTest

/// What a hostile user, a full disk or a closed pipe does to the tool: never a crash, one bounded
/// line with the documented exit code, and nothing changed on disk by a failed run.
final class HardeningTests: XCTestCase {
    let quickstart = "scenarios/quickstart.json"

    /// Runs the tool with its standard output or error going to `path` (such as /dev/full).
    func run(_ arguments: [String], stdout: String? = nil, stderr: String? = nil) throws -> ToolRun {
        let p = Process()
        p.executableURL = Tool.binary
        p.arguments = arguments
        p.currentDirectoryURL = Tool.packageRoot
        let out = Pipe(), err = Pipe()
        p.standardOutput = stdout.flatMap { FileHandle(forWritingAtPath: $0) } ?? out
        p.standardError = stderr.flatMap { FileHandle(forWritingAtPath: $0) } ?? err
        try p.run()
        let o = stdout == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        let e = stderr == nil ? err.fileHandleForReading.readDataToEndOfFile() : Data()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationReason, .exit, "the tool died by a signal")
        return ToolRun(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    func testFailedWritesToStdoutOrStderrExit74() throws {
        let help = try run(["--help"], stdout: "/dev/full")
        XCTAssertEqual(help.status, 74)
        XCTAssertEqual(help.stderr, "Error: cannot write to standard output: No space left on device\n")
        let report = try run(["run", quickstart], stdout: "/dev/full")
        XCTAssertEqual(report.status, 74)
        let silent = try run(["validate", "missing.json"], stderr: "/dev/full")
        XCTAssertEqual(silent.status, 74, "stderr itself fails: exit 74, nothing to say it with")
        // A closed pipe (SIGPIPE is ignored by the tool): an I/O error, not a signal.
        let p = Process()
        p.executableURL = Tool.binary
        p.arguments = ["run", quickstart, "--replications", "2"]
        p.currentDirectoryURL = Tool.packageRoot
        let pipe = Pipe(), err = Pipe()
        p.standardOutput = pipe
        p.standardError = err
        try pipe.fileHandleForReading.close()
        try p.run()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationReason, .exit)
        XCTAssertEqual(p.terminationStatus, 74)
        XCTAssertEqual(String(decoding: e, as: UTF8.self), "Error: cannot write to standard output: Broken pipe\n")
    }

    /// `sweep --out` writes only where a regular file is or nothing is.
    func testSweepRefusesDevicesLinksAndDirectories() throws {
        let dir = try Tool.temporaryDirectory(self)
        let link = dir.appendingPathComponent("link.csv"), target = dir.appendingPathComponent("target.csv")
        try "keep\n".write(to: target, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let sub = dir.appendingPathComponent("sub.csv")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: false)
        let sweep = ["sweep", quickstart, "--grid", "trucks.count=1", "--replications", "1", "--out"]
        let cases: [(String, String)] = [("/dev/null", "exists and is not a regular file"),
                                         (link.path, "is a symbolic link; name the file it points to, or remove the link"),
                                         (sub.path, "a directory is in the way")]
        for (path, reason) in cases {
            let r = try run(sweep + [path])
            XCTAssertEqual(r.status, 73, path)
            XCTAssertEqual(r.stderr, "Error: \(path): cannot write: \(reason)\n")
        }
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "keep\n")
        var st = stat()
        XCTAssertEqual(lstat("/dev/null", &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFCHR, "/dev/null is still a device")
        XCTAssertTrue((try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)) != nil, "the link is still a link")
        let ok = try run(sweep + [dir.appendingPathComponent("new.csv").path])
        XCTAssertEqual(ok.status, 0, ok.stderr)
    }

    /// A failed `--out` leaves the directory as it was: the files of an earlier run stay whole and
    /// together, no temporary file is left, and a directory the run created is removed.
    func testOutIsAllOrNothing() throws {
        let dir = try Tool.temporaryDirectory(self).appendingPathComponent("results")
        XCTAssertEqual(try run(["run", quickstart, "--seed", "1", "--out", dir.path]).status, 0)
        let before = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        let system1 = try String(contentsOf: dir.appendingPathComponent("system.csv"), encoding: .utf8)
        // A directory in the way of one file of the set: the set's directory holds something that
        // is not tidesim's, so it is not replaced.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("zones.csv"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("zones.csv"), withIntermediateDirectories: false)
        let failed = try run(["run", quickstart, "--seed", "2", "--out", dir.path])
        XCTAssertEqual(failed.status, 73)
        XCTAssertEqual(failed.stderr, "Error: \(dir.path): cannot write: holds 'zones.csv', which tidesim does not write there; "
            + "the output replaces the whole directory, so name a new one or move those out\n")
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("system.csv"), encoding: .utf8), system1, "seed 1's file stays")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), before, "no temporary file is left")
        // A directory that cannot be made: the system's reason is said.
        let file = dir.appendingPathComponent("system.csv").path
        let notDir = try run(["run", quickstart, "--out", file + "/deeper"])
        XCTAssertEqual(notDir.status, 73)
        XCTAssertEqual(notDir.stderr, "Error: \(file): cannot write: exists and is not a directory\n")
    }

    /// Temporary files of a killed run are cleaned up by the next run that writes there, and a file
    /// it had set aside is put back.
    func testKilledRunsLeftoversAreCleanedUp() throws {
        let dir = try Tool.temporaryDirectory(self)
        let dead: Int32 = 2_000_000_000   // no such process
        try "partial".write(to: dir.appendingPathComponent(".tidesim-\(dead)-timeseries.csv"), atomically: false, encoding: .utf8)
        try "old zones".write(to: dir.appendingPathComponent(".tidesim-\(dead)-zones.csv.old"), atomically: false, encoding: .utf8)
        XCTAssertEqual(try run(["run", quickstart, "--out", dir.path]).status, 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        XCTAssertFalse(names.contains { $0.hasPrefix(".tidesim-") }, "\(names)")
        XCTAssertTrue(try String(contentsOf: dir.appendingPathComponent("zones.csv"), encoding: .utf8).hasPrefix("replication,zone,"))
    }

    /// A run whose time series cannot be held in memory (the replications in flight: twice the
    /// threads and one), or whose `timeseries.csv` cannot fit on the disk, is refused before it
    /// starts, and nothing is written.
    func testAbsurdTimeSeriesIsRefusedUpFront() throws {
        let dir = try Tool.temporaryDirectory(self)
        let s = dir.appendingPathComponent("long.json")
        try #"{"tidesim":1,"days":3660,"sampleMinutes":1,"zones":[{"id":"a","capacity":9,"bikes":3},{"id":"b","capacity":9}]}"#
            .write(to: s, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let memory = try run(["run", s.path, "--replications", "300", "--threads", "64", "--out", out.path])
        XCTAssertEqual(memory.status, 64)
        XCTAssertTrue(memory.stderr.hasPrefix("Error: --out holds the time series of up to 129 replications in memory at once "
            + "(those running and those waiting to be written): 129 × 5270400 samples × 5 numbers comes to about 13.6 GB"), memory.stderr)
        // About 480 MB of rows a replication: 3,000 of them fill any disk.
        let disk = try run(["run", s.path, "--replications", "3000", "--threads", "1", "--out", out.path])
        XCTAssertEqual(disk.status, 73)
        XCTAssertTrue(disk.stderr.hasPrefix("Error: \(out.path)/timeseries.csv: cannot write: it would take about "), disk.stderr)
        XCTAssertTrue(disk.stderr.contains(" GB (3000 replications × 5270400 samples × 4 sites), more than the "), disk.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }

    /// What `generate` writes always validates, or it refuses with exit 64.
    func testGenerateAlwaysWritesAValidScenarioOrRefuses() throws {
        let dir = try Tool.temporaryDirectory(self)
        for trips in ["0", "10", "79"] {
            let out = dir.appendingPathComponent("t\(trips)")
            let g = try run(["generate", "--trips", trips, "--out", out.path])
            XCTAssertEqual(g.status, 0, g.stderr)
            XCTAssertEqual(try run(["validate", out.appendingPathComponent("district.json").path]).status, 0, "--trips \(trips)")
        }
        let big = try run(["generate", "--trips", "1e9", "--out", dir.appendingPathComponent("big").path])
        XCTAssertEqual(big.status, 64)
        XCTAssertTrue(big.stderr.contains("fleet.cap: must be between 0 and 10000000"), big.stderr)
        let seed = try run(["generate", "--seed", "18446744073709551615", "--out", dir.appendingPathComponent("seed").path])
        XCTAssertEqual(seed.status, 64)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("big").path))
    }

    /// Errors are one bounded line: input is quoted with control characters escaped and a cap,
    /// "did you mean" does not compare a huge word, and a foreign file's content is not echoed.
    func testErrorsAreOneBoundedLine() throws {
        let dir = try Tool.temporaryDirectory(self)
        let hugeKey = String(repeating: "k", count: 1_000_000)
        let cases: [(String, String)] = [
            ("huge.json", #"{"tidesim":1,"zones":[{"id":"a","capacity":1}],""# + hugeKey + #"":1}"#),
            ("control.json", "{\"tidesim\":1,\"zones\":[{\"id\":\"a\",\"capacity\":1}],\"bad\\nkey\\u001b[2J\":1}"),
            ("hugeid.json", #"{"tidesim":1,"zones":[{"id":"a","capacity":1}],"demand":{"flows":[{"from":""# + hugeKey + #"","to":"a","tripsPerDay":1}]}}"#),
            ("passwd.json", #"{"tidesim":1,"zones":"/etc/passwd"}"#),
        ]
        for (name, text) in cases {
            let path = dir.appendingPathComponent(name)
            try text.write(to: path, atomically: true, encoding: .utf8)
            let r = try run(["validate", path.path])
            XCTAssertEqual(r.status, 65, name)
            let lines = r.stderr.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, "\(name): \(r.stderr.prefix(300))")
            XCTAssertLessThan(r.stderr.utf8.count, 1200, name)
            XCTAssertFalse(r.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(name): a raw control character")
            XCTAssertFalse(r.stderr.contains("root:"), "\(name): foreign content echoed")
        }
        let control = try run(["validate", dir.appendingPathComponent("control.json").path])
        XCTAssertTrue(control.stderr.contains("bad\\u{A}key\\u{1B}[2J"), control.stderr)
        let flag = try run(["run", quickstart, "--" + String(repeating: "f", count: 100_000)])
        XCTAssertEqual(flag.status, 64)
        XCTAssertLessThan(flag.stderr.utf8.count, 1200)
    }

    /// A seed above 2^53 is recorded exactly, so the record reproduces the run.
    func testHugeSeedIsRecordedExactly() throws {
        let r = try run(["run", quickstart, "--seed", "18446744073709551615", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("\"seed\": 18446744073709551615,"))
    }

    /// `--spreadsheet-safe` neutralises formulas in CSV text cells; by default cells are as written.
    func testSpreadsheetSafety() throws {
        let dir = try Tool.temporaryDirectory(self)
        let s = dir.appendingPathComponent("s.json")
        try #"{"tidesim":1,"zones":[{"id":"=1+1","name":"@SUM(A1)","capacity":10,"bikes":3},{"id":"b","name":"-2","capacity":10}]}"#
            .write(to: s, atomically: true, encoding: .utf8)
        XCTAssertEqual(try run(["run", s.path, "--out", dir.appendingPathComponent("plain").path]).status, 0)
        XCTAssertEqual(try run(["run", s.path, "--out", dir.appendingPathComponent("safe").path, "--spreadsheet-safe"]).status, 0)
        let plain = try String(contentsOf: dir.appendingPathComponent("plain/zones.csv"), encoding: .utf8).split(separator: "\r\n")
        let safe = try String(contentsOf: dir.appendingPathComponent("safe/zones.csv"), encoding: .utf8).split(separator: "\r\n")
        XCTAssertTrue(plain[1].hasPrefix("1,=1+1,@SUM(A1),"))
        XCTAssertTrue(safe[1].hasPrefix("1,'=1+1,'@SUM(A1),"))
        XCTAssertTrue(safe[2].hasPrefix("1,b,-2,"), "a number stays a number")
    }

    func testMinorOnes() throws {
        let dir = try Tool.temporaryDirectory(self)
        let a = dir.appendingPathComponent("a.json"), b = dir.appendingPathComponent("b.json")
        try FileManager.default.createSymbolicLink(at: a, withDestinationURL: b)
        try FileManager.default.createSymbolicLink(at: b, withDestinationURL: a)
        let loop = try run(["validate", a.path])
        XCTAssertEqual(loop.status, 66)
        XCTAssertEqual(loop.stderr, "Error: \(a.path): Too many levels of symbolic links\n")
        let h = dir.appendingPathComponent("h.json")
        try #"{"tidesim":1,"zones":[{"id":"a","capacity":1}],"holdingAreas":"h.csv"}"#.write(to: h, atomically: true, encoding: .utf8)
        let holding = try run(["validate", h.path])
        XCTAssertEqual(holding.stderr, "Error: \(h.path): holdingAreas: expected an array of holding areas (only zones and demand.flows can come from a CSV file), got a string\n")
        let version = try run(["--version", "extra"])
        XCTAssertEqual(version.status, 64)
        let turnover = try run(["generate", "--out", dir.path, "--turnover", "0"])
        XCTAssertEqual(turnover.stderr, "Error: --turnover expects a number from 0.01 to 100, got '0'. See 'tidesim generate --help'.\n")
    }
}
