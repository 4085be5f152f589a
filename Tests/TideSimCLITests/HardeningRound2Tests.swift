import Foundation
import XCTest

/// The findings of the second hostile test (issue 24), each held to its fix: no signal, no hang,
/// one bounded line with the documented exit code, and no partial or mixed output.
final class HardeningRound2Tests: XCTestCase {
    let quickstart = Tool.packageRoot.appendingPathComponent("scenarios/quickstart.json").path

    /// Runs the tool in `directory`, with standard output to `stdout` when given (/dev/full).
    func run(_ arguments: [String], in directory: URL? = nil, stdout: String? = nil, stdin: String? = nil,
             environment: [String: String] = [:]) throws -> ToolRun {
        let p = Process()
        p.executableURL = Tool.binary
        p.arguments = arguments
        p.currentDirectoryURL = directory ?? Tool.packageRoot
        var env = ProcessInfo.processInfo.environment
        env["TIDESIM_LANG"] = nil
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = stdout.flatMap { FileHandle(forWritingAtPath: $0) } ?? out
        p.standardError = err
        if let stdin { p.standardInput = FileHandle(forReadingAtPath: stdin) }
        try p.run()
        let o = stdout == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationReason, .exit, "the tool died by a signal: \(arguments)")
        return ToolRun(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    func names(_ dir: URL) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted() }

    // MARK: 1. One-character paths

    func testOneCharacterOutputPaths() throws {
        let dir = try Tool.temporaryDirectory(self)
        let cases: [[String]] = [["run", quickstart, "--html", "h"], ["run", quickstart, "--out", "a"],
                                 ["compare", quickstart, "--replications", "2", "--out", "c"],
                                 ["sweep", quickstart, "--grid", "trucks.count=1", "--replications", "1", "--out", "0"],
                                 ["generate", "--out", "g"], ["run", quickstart, "--html", "x/y/z"]]
        for args in cases {
            let r = try run(args, in: dir)
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
        }
        XCTAssertEqual(names(dir), ["0", "a", "c", "g", "h", "x"])
        XCTAssertEqual(names(dir.appendingPathComponent("a")), ["holding.csv", "provenance.json", "system.csv", "timeseries.csv", "transfers.csv", "zones.csv", "zones.geojson"])
        XCTAssertEqual(names(dir.appendingPathComponent("g")), ["district.json"])
        XCTAssertTrue(try String(contentsOf: dir.appendingPathComponent("x/y/z"), encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
    }

    func testHTMLToStandardOutput() throws {
        let dir = try Tool.temporaryDirectory(self)
        let page = try run(["run", quickstart, "--html", "-"], in: dir)
        XCTAssertEqual(page.status, 0, page.stderr)
        XCTAssertTrue(page.stdout.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(page.stdout.hasSuffix("</html>\n"), String(page.stdout.suffix(40)))
        XCTAssertFalse(page.stdout.contains("\nSystem\n"), "the page replaces the text report")
        let compare = try run(["compare", quickstart, "--replications", "2", "--html", "-"], in: dir)
        XCTAssertTrue(compare.stdout.hasPrefix("<!DOCTYPE html>"))
        XCTAssertEqual(names(dir), [], "no file named '-'")
        let both = try run(["run", quickstart, "--html", "-", "--json"], in: dir)
        XCTAssertEqual(both.status, 64)
        XCTAssertEqual(both.stderr, "Error: --html - writes the page to standard output, in place of the report; it cannot go with --json. See 'tidesim run --help'.\n")
    }

    // MARK: 2. GBFS ids beyond what JSON keeps exact

    func testHugeNumericStationIdsAreErrors() throws {
        let dir = try Tool.temporaryDirectory(self)
        for (file, id) in [("station_information.json", "1e20"), ("station_status.json", "-1e20"), ("station_information.json", "9007199254740993")] {
            let feed = dir.appendingPathComponent("feed-\(file)-\(id)")
            try FileManager.default.copyItem(at: Tool.packageRoot.appendingPathComponent("Tests/Fixtures/gbfs-v2.3"), to: feed)
            let path = feed.appendingPathComponent(file)
            var text = try String(contentsOf: path, encoding: .utf8)
            let range = try XCTUnwrap(text.range(of: #""station_id"\s*:\s*"[^"]*""#, options: .regularExpression))
            text.replaceSubrange(range, with: "\"station_id\": \(id)")
            try text.write(to: path, atomically: true, encoding: .utf8)
            let r = try run(["import", "gbfs", feed.path, "--out", dir.appendingPathComponent("s.json").path])
            XCTAssertEqual(r.status, 65, "\(file) \(id): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(".station_id: expected a station id (a string, or a whole number of at most 2^53 - 1), got "), r.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("s.json").path))
        }
    }

    // MARK: 3. Durations no ride can have

    func testUnusableDurationsAreCountedAndRideForTheMean() throws {
        let dir = try Tool.temporaryDirectory(self)
        let fixture = Tool.packageRoot.appendingPathComponent("Tests/Fixtures/bayarea-2014/trips-2014-07-15_16_19.csv")
        var lines = try String(contentsOf: fixture, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The second column is the duration: a 1e308-second ride, a zero and a negative one.
        for (i, d) in [(1, "1e308"), (2, "0"), (3, "-5")] {
            var cells = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[1] = d
            lines[i] = cells.joined(separator: ",")
        }
        let trips = dir.appendingPathComponent("bad.csv")
        try lines.joined(separator: "\n").write(to: trips, atomically: true, encoding: .utf8)
        let stations = Tool.packageRoot.appendingPathComponent("scenarios/bayarea-2014-stations.json").path
        let note = "3 matched records in \(trips.path) have a duration of zero, less or over 30 days; they are kept and ride for their pair's mean ride time\n"
        let replay = try run(["run", stations, "--policy", "none", "--replay", trips.path, "--date", "2014-07-15", "--json"])
        XCTAssertEqual(replay.status, 0, replay.stderr)
        XCTAssertEqual(replay.stderr, "tidesim run: " + note)
        XCTAssertTrue(replay.stdout.contains("\"tripAttempts\": {\n      \"mean\": 1300,"), "all 1,300 records of the day ride")
        let calibrate = try run(["calibrate", trips.path, "--zones", stations, "--out", dir.appendingPathComponent("c.json").path])
        XCTAssertEqual(calibrate.status, 0, calibrate.stderr)
        XCTAssertEqual(calibrate.stderr, "tidesim calibrate: " + note)
    }

    // MARK: 4. Endless and silent inputs

    func testDevicesAreRefusedAndEndlessStreamsBounded() throws {
        let dir = try Tool.temporaryDirectory(self)
        let device = "Error: /dev/zero: is a device or socket, not a file: it has no end; expected a regular file or a pipe\n"
        let scenario = try run(["validate", "/dev/zero"])
        XCTAssertEqual(scenario.status, 66)
        XCTAssertEqual(scenario.stderr, device)
        let trips = try run(["calibrate", "/dev/zero", "--zones", quickstart, "--out", dir.appendingPathComponent("n.json").path])
        XCTAssertEqual(trips.status, 66)
        XCTAssertEqual(trips.stderr, device)
        let replay = try run(["run", quickstart, "--replay", "/dev/zero", "--date", "2014-07-15"])
        XCTAssertEqual(replay.stderr, device)
        // A table that is a device, through a link beside the scenario.
        try #"{"tidesim":1,"zones":"zones.csv"}"#.write(to: dir.appendingPathComponent("s.json"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("zones.csv").path, withDestinationPath: "/dev/zero")
        let table = try run(["validate", dir.appendingPathComponent("s.json").path])
        XCTAssertEqual(table.status, 66)
        XCTAssertTrue(table.stderr.hasSuffix("zones.csv: is a device or socket, not a file: it has no end; expected a regular file or a pipe\n"), table.stderr)
        // A GBFS file that is a device.
        let feed = dir.appendingPathComponent("feed")
        try FileManager.default.createDirectory(at: feed, withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: feed.appendingPathComponent("station_information.json").path, withDestinationPath: "/dev/zero")
        let gbfs = try run(["import", "gbfs", feed.path, "--out", dir.appendingPathComponent("g.json").path])
        XCTAssertEqual(gbfs.status, 66, gbfs.stderr)
        // Standard input that never ends a line: one record is bounded (64 MiB).
        let stdin = try run(["calibrate", "-", "--zones", quickstart, "--out", dir.appendingPathComponent("n.json").path], stdin: "/dev/zero")
        XCTAssertEqual(stdin.status, 65)
        XCTAssertEqual(stdin.stderr, "Error: standard input: line 1: a record longer than 64 MiB: not a table of trips or zones (a file with no line ends?)\n")
        XCTAssertEqual(names(dir), ["feed", "s.json", "zones.csv"], "nothing written")
    }

    func testNamedPipes() throws {
        let dir = try Tool.temporaryDirectory(self)
        let fifo = dir.appendingPathComponent("fifo").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let started = Date()
        let silent = try run(["validate", fifo], environment: ["TIDESIM_PIPE_WAIT_SECONDS": "1"])
        XCTAssertEqual(silent.status, 66)
        XCTAssertEqual(silent.stderr, "Error: \(fifo): a named pipe with nothing written to it for 1 s (TIDESIM_PIPE_WAIT_SECONDS); start its writer first\n")
        XCTAssertLessThan(Date().timeIntervalSince(started), 8, "given up after the wait, not hung")
        // A pipe whose writer comes a little later is read as a file.
        let text = try String(contentsOfFile: quickstart, encoding: .utf8)
        let writer = Thread {
            Thread.sleep(forTimeInterval: 0.3)
            let fd = open(fifo, O_WRONLY)
            _ = Array(text.utf8).withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
            close(fd)
        }
        writer.start()
        let late = try run(["validate", fifo], environment: ["TIDESIM_PIPE_WAIT_SECONDS": "20"])
        XCTAssertEqual(late.status, 0, late.stderr)
        XCTAssertTrue(late.stdout.hasPrefix("\(fifo): valid"), late.stdout)
    }

    // MARK: 5. The memory guard counts what --html keeps

    func testMemoryGuardCountsTheHTMLReport() throws {
        let dir = try Tool.temporaryDirectory(self)
        // 2 zones, 3,000 days of 1-minute samples: the series alone (4 sites and the busy trucks ×
        // 4.32 M samples × 4 bytes, 86 MB) would pass; with what --html keeps (4 × 86 MB of totals
        // and means, and the heatmap's 500 bytes a sample for each of its 2 rows) it is 4.8 GB,
        // over the bound.
        let s = dir.appendingPathComponent("long.json")
        try #"{"tidesim":1,"days":3000,"sampleMinutes":1,"zones":[{"id":"a","capacity":9,"bikes":3},{"id":"b","capacity":9}]}"#
            .write(to: s, atomically: true, encoding: .utf8)
        let r = try run(["run", s.path, "--html", dir.appendingPathComponent("r.html").path])
        XCTAssertEqual(r.status, 64, r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix("Error: --html holds the time series of up to 1 replication in memory at once (those running and those "
            + "waiting to be written; the report's totals, means and heatmap besides): 1 × 4320000 samples × 5 numbers comes to about 4.8 GB"), r.stderr)
        XCTAssertEqual(names(dir), ["long.json"])
    }

    // MARK: 6. Output sets

    /// An output directory is replaced whole, in one step: compare over run leaves only
    /// compare's files; a directory of the user's own files is refused and left as it was.
    func testOutputDirectoryIsOneSet() throws {
        let dir = try Tool.temporaryDirectory(self)
        let out = dir.appendingPathComponent("results")
        XCTAssertEqual(try run(["run", quickstart, "--out", out.path]).status, 0)
        XCTAssertEqual(try run(["compare", quickstart, "--replications", "2", "--out", out.path]).status, 0)
        XCTAssertEqual(names(out), ["paired.csv", "provenance.json", "system.csv", "transfers.csv", "zones.csv"])
        XCTAssertEqual(names(dir), ["results"], "no staging directory is left beside it")
        try "mine".write(to: out.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let refused = try run(["run", quickstart, "--out", out.path])
        XCTAssertEqual(refused.status, 73)
        XCTAssertEqual(refused.stderr, "Error: \(out.path): cannot write: holds 'notes.txt', which tidesim does not write there; "
            + "the output replaces the whole directory, so name a new one or move those out\n")
        XCTAssertEqual(names(out), ["notes.txt", "paired.csv", "provenance.json", "system.csv", "transfers.csv", "zones.csv"])
        let here = try run(["run", quickstart, "--out", "."], in: out)
        XCTAssertEqual(here.status, 73)
        XCTAssertEqual(here.stderr, "Error: .: cannot write: is the current directory or holds it; name a directory of its own for the output files\n")
    }

    /// A run killed in the middle of switching a set in leaves the old set whole, which the next
    /// run that writes there puts back before it replaces it; a killed run's staged set is removed.
    func testKilledSwitchNeverShowsAMixedSet() throws {
        let dir = try Tool.temporaryDirectory(self)
        let dead: Int32 = 2_000_000_000   // no such process
        let aside = dir.appendingPathComponent(".tidesim-\(dead)-results.old")
        let staged = dir.appendingPathComponent(".tidesim-\(dead)-other")
        for d in [aside, staged] {
            try FileManager.default.createDirectory(at: d, withIntermediateDirectories: false)
            try "old".write(to: d.appendingPathComponent("system.csv"), atomically: true, encoding: .utf8)
        }
        // Killed between setting the old set aside and renaming the new one in: no `results`.
        let other = try run(["run", quickstart, "--out", dir.appendingPathComponent("elsewhere").path])
        XCTAssertEqual(other.status, 0, other.stderr)
        XCTAssertEqual(names(dir), ["elsewhere", "results"], "the old set is back whole, the staged one gone")
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("results/system.csv"), encoding: .utf8), "old")
    }

    /// With standard output failing, no command leaves a file: it prints before it moves its
    /// files into place.
    func testFailedStandardOutputLeavesNoFiles() throws {
        let dir = try Tool.temporaryDirectory(self)
        let feed = Tool.packageRoot.appendingPathComponent("Tests/Fixtures/gbfs-v2.3").path
        let trips = Tool.packageRoot.appendingPathComponent("Tests/Fixtures/bayarea-2014/trips-2014-07-15_16_19.csv").path
        let stations = Tool.packageRoot.appendingPathComponent("scenarios/bayarea-2014-stations.json").path
        let cases: [[String]] = [["run", quickstart, "--out", dir.appendingPathComponent("run").path, "--html", dir.appendingPathComponent("r.html").path],
                                 ["compare", quickstart, "--replications", "2", "--out", dir.appendingPathComponent("cmp").path],
                                 ["generate", "--out", dir.appendingPathComponent("gen").path],
                                 ["import", "gbfs", feed, "--out", dir.appendingPathComponent("imp.json").path],
                                 ["calibrate", trips, "--zones", stations, "--out", dir.appendingPathComponent("cal.json").path]]
        for args in cases {
            let r = try run(args, stdout: "/dev/full")
            XCTAssertEqual(r.status, 74, "\(args[0]): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasSuffix("Error: cannot write to standard output: No space left on device\n"), r.stderr)
            XCTAssertEqual(names(dir), [], "\(args[0]) left files")
        }
    }

    func testCommandsNeverOverwriteTheirInputs() throws {
        let dir = try Tool.temporaryDirectory(self)
        let feed = dir.appendingPathComponent("feed")
        try FileManager.default.copyItem(at: Tool.packageRoot.appendingPathComponent("Tests/Fixtures/gbfs-v2.3"), to: feed)
        let input = feed.appendingPathComponent("station_information.json")
        let before = try Data(contentsOf: input)
        let r = try run(["import", "gbfs", feed.path, "--out", input.path])
        XCTAssertEqual(r.status, 73)
        XCTAssertTrue(r.stderr.hasSuffix("Error: \(input.path): cannot write: is one of the files this command reads; write the scenario to another file\n"), r.stderr)
        XCTAssertEqual(try Data(contentsOf: input), before)
        let zones = dir.appendingPathComponent("zones.json")
        try FileManager.default.copyItem(atPath: Tool.packageRoot.appendingPathComponent("scenarios/bayarea-2014-stations.json").path, toPath: zones.path)
        let trips = Tool.packageRoot.appendingPathComponent("Tests/Fixtures/bayarea-2014/trips-2014-07-15_16_19.csv").path
        let c = try run(["calibrate", trips, "--zones", zones.path, "--out", zones.path])
        XCTAssertEqual(c.status, 73)
        XCTAssertEqual(c.stderr, "Error: \(zones.path): cannot write: is one of the files this command reads; write the scenario to another file\n")
    }

    // MARK: 7. Small ones

    func testSmallOnes() throws {
        let dir = try Tool.temporaryDirectory(self)
        let french = try run(["run", quickstart], environment: ["TIDESIM_LANG": "fr_FR.UTF-8"])
        XCTAssertEqual(french.status, 0, french.stderr)
        XCTAssertTrue(french.stdout.contains("\nSystem\n"), "an unknown TIDESIM_LANG reads English")
        let s = dir.appendingPathComponent("night.json")
        try #"{"tidesim":1,"zones":[{"id":"a","capacity":9,"bikes":3}],"holdingAreas":[{"id":"h","capacity":5,"open":"22:00-00:00"}]}"#
            .write(to: s, atomically: true, encoding: .utf8)
        let night = try run(["validate", s.path])
        XCTAssertEqual(night.status, 0, night.stderr)
        let emptyOut = try run(["run", quickstart, "--out", ""])
        XCTAssertEqual(emptyOut.status, 64)
        XCTAssertEqual(emptyOut.stderr, "Error: '--out <DIR>' got an empty value. See 'tidesim run --help'.\n")
        let emptyName = try run(["generate", "--out", dir.path, "--name", ""])
        XCTAssertEqual(emptyName.status, 64)
        let hidden = try run(["generate", "--out", dir.path, "--name", ".x"])
        XCTAssertEqual(hidden.stderr, "Error: --name is a file name without extension (no '/', not starting with '.'), got '.x'. See 'tidesim generate --help'.\n")
        let emptyScenario = try run(["validate", ""])
        XCTAssertEqual(emptyScenario.status, 64)
        let typo = try run(["run", quickstart, "--replicatons", "3"])
        XCTAssertEqual(typo.stderr, "Error: unknown option '--replicatons'; did you mean '--replications'? See 'tidesim run --help'.\n")
        XCTAssertEqual(names(dir), ["night.json"])
    }

    /// 200,000 bad rows: twenty lines and a count, not 800,000 lines.
    func testErrorListsAreCapped() throws {
        let dir = try Tool.temporaryDirectory(self)
        var table = "id,capacity\n"
        for i in 0..<200_000 { table += "z\(i),-1\n" }
        try table.write(to: dir.appendingPathComponent("zones.csv"), atomically: true, encoding: .utf8)
        try #"{"tidesim":1,"zones":"zones.csv"}"#.write(to: dir.appendingPathComponent("s.json"), atomically: true, encoding: .utf8)
        let r = try run(["validate", dir.appendingPathComponent("s.json").path])
        XCTAssertEqual(r.status, 65)
        let lines = r.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 21)
        XCTAssertEqual(lines.last, "Error: … and 199980 more problems (the first 20 are listed)")
    }
}
