import Foundation
import XCTest

/// The built binary, as a user runs it: exit codes, stdout, stderr, files.
final class EndToEndTests: XCTestCase {
    let quickstart = "scenarios/quickstart.json"

    func testRunPrintsReport() throws {
        let r = try Tool.run(["run", quickstart])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        XCTAssertTrue(r.stdout.hasPrefix("Quickstart district (scenarios/quickstart.json), tidesim 0.4.0\n"))
        XCTAssertTrue(r.stdout.contains("trip attempts"))
        XCTAssertTrue(r.stdout.contains("Fleet 640 bikes against a cap of 1,200 (53.3%)"))
        XCTAssertTrue(r.stdout.contains("Turnover "))
        XCTAssertTrue(r.stdout.contains("Hotspots (top 5 of 5 zones by overflow bike-hours; peak = most bikes / capacity)"))
        XCTAssertTrue(r.stdout.contains("clearance breaches per day (> 30 min)"))
    }

    func testRunIsDeterministicAcrossThreads() throws {
        let a = try Tool.run(["run", quickstart, "--replications", "4", "--threads", "1", "--json"])
        let b = try Tool.run(["run", quickstart, "--replications", "4", "--threads", "2", "--json"])
        XCTAssertEqual(a.status, 0)
        XCTAssertEqual(a.stdout, b.stdout)
        let c = try Tool.run(["run", quickstart, "--replications", "4", "--seed", "8", "--json"])
        XCTAssertNotEqual(a.stdout, c.stdout)
    }

    /// Every file of `--out` (the time series written while replications run) and the HTML
    /// report are the same bytes with one thread or two.
    func testRunFilesAreDeterministicAcrossThreads() throws {
        let dir = try Tool.temporaryDirectory(self)
        var outputs: [[String: Data]] = []
        for threads in ["1", "2"] {
            let out = dir.appendingPathComponent("out\(threads)"), html = dir.appendingPathComponent("r\(threads).html")
            let r = try Tool.run(["run", quickstart, "--policy", "threshold", "--replications", "5", "--threads", threads,
                                  "--out", out.path, "--html", html.path])
            XCTAssertEqual(r.status, 0, r.stderr)
            var files = ["report.html": try Data(contentsOf: html)]
            for name in try FileManager.default.contentsOfDirectory(atPath: out.path) {
                files[name] = try Data(contentsOf: out.appendingPathComponent(name))
            }
            outputs.append(files)
        }
        XCTAssertEqual(outputs[0].keys.sorted(), ["holding.csv", "provenance.json", "report.html", "system.csv", "timeseries.csv",
                                                  "transfers.csv", "zones.csv", "zones.geojson"])
        for (name, data) in outputs[0] { XCTAssertEqual(data, outputs[1][name], name) }
        let rows = String(decoding: outputs[0]["timeseries.csv"]!, as: UTF8.self).split(separator: "\r\n")
        XCTAssertEqual(rows.dropFirst().map { $0.prefix(while: { $0 != "," }) }.reduce(into: [String]()) {
            if $0.last != String($1) { $0.append(String($1)) }
        }, ["1", "2", "3", "4", "5"], "replications in order")
    }

    func testJSONDocumentShape() throws {
        let r = try Tool.run(["run", quickstart, "--replications", "3", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(doc["scenario"] as? String, "Quickstart district")
        XCTAssertEqual(doc["seed"] as? Int, 7)
        XCTAssertEqual(doc["replications"] as? Int, 3)
        XCTAssertNotNil(doc["tidesim"] as? String)
        let system = doc["system"] as! [String: [String: Any]]
        for key in ["tripAttempts", "tripsServed", "tripsLost", "tripsWalked", "serviceLevel", "failedReturns", "overflowBikeHours",
                    "peakOverflowBikes", "hotspotZones", "bikesToHolding", "bikesFromHolding", "holdingPeakFill", "truckKm",
                    "truckBusyHours", "turnover", "fleet", "clearanceBreaches"] {
            XCTAssertNotNil(system[key]?["mean"], key)
            XCTAssertNotNil(system[key]?["ci95"], key)
        }
        XCTAssertEqual(system["fleet"]?["mean"] as? Double, 640)
        let zones = doc["zones"] as! [[String: Any]]
        XCTAssertEqual(zones.count, 5)
        XCTAssertEqual(zones[0]["id"] as? String, "res-north")
        XCTAssertNotNil((zones[0]["overflowBikeHours"] as? [String: Any])?["sd"])
        for key in ["overflowEpisodes", "longestOverflowMinutes", "clearanceBreaches"] {
            XCTAssertNotNil((zones[2][key] as? [String: Any])?["mean"], key)
        }
        // The metro exit overflows in the morning tide: its first and last moments over capacity.
        XCTAssertEqual(zones[2]["id"] as? String, "metro-sq")
        XCTAssertNotNil(zones[2]["firstOverCapacity"] as? String)
        XCTAssertNotNil(zones[2]["lastOverCapacity"] as? String)
        XCTAssertTrue(zones[4]["firstOverCapacity"] is NSNull, "the campus never overflows in these replications")
        XCTAssertEqual((doc["holdingAreas"] as! [[String: Any]]).count, 1)
    }

    func testOutWritesCSVFiles() throws {
        let dir = try Tool.temporaryDirectory(self).appendingPathComponent("results")
        let r = try Tool.run(["run", quickstart, "--replications", "2", "--out", dir.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        XCTAssertEqual(names, ["holding.csv", "provenance.json", "system.csv", "timeseries.csv", "transfers.csv", "zones.csv", "zones.geojson"])
        let system = try String(contentsOf: dir.appendingPathComponent("system.csv"), encoding: .utf8)
        let lines = system.split(separator: "\r\n")
        XCTAssertEqual(lines.count, 3)
        XCTAssertTrue(lines[0].hasPrefix("replication,tripAttempts,tripsServed,"))
        let zones = try String(contentsOf: dir.appendingPathComponent("zones.csv"), encoding: .utf8)
        XCTAssertEqual(zones.split(separator: "\r\n").count, 1 + 2 * 5)
        let series = try String(contentsOf: dir.appendingPathComponent("timeseries.csv"), encoding: .utf8)
        XCTAssertTrue(series.hasPrefix("replication,day,minute,time,site,kind,bikes,capacity,overflow\r\n1,1,0,00:00,res-north,zone,260,300,0\r\n"))
        // From the file alone: the rows of every sample add up to the fleet, trucks and riders included.
        var sums: [String: Int] = [:]
        var kinds = Set<String>()
        for line in series.split(separator: "\r\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            sums["\(f[0])/\(f[1])/\(f[2])", default: 0] += Int(f[6])!
            kinds.insert(String(f[5]))
        }
        XCTAssertEqual(kinds, ["zone", "holding", "riding", "trucks"])
        XCTAssertEqual(sums.count, 2 * 96)
        XCTAssertEqual(Set(sums.values), [640])
        let transfers = try String(contentsOf: dir.appendingPathComponent("transfers.csv"), encoding: .utf8)
        let rows = transfers.split(separator: "\r\n")
        XCTAssertEqual(rows[0], "replication,order,truck,purpose,day,issuedTime,pickup,dropoff,asked,loaded,unloaded,leftOnTruck,km,issued,atPickup,atDropoff,finished")
        XCTAssertGreaterThan(rows.count, 10)

        // What produced the directory, and the map of its zones.
        let provenance = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("provenance.json"))) as! [String: Any]
        XCTAssertEqual(provenance["scenarioFile"] as? String, quickstart)
        XCTAssertEqual(provenance["seed"] as? Int, 7)
        XCTAssertEqual(provenance["replications"] as? Int, 2)
        XCTAssertEqual(provenance["policies"] as? [String], ["threshold"])
        let geo = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("zones.geojson"))) as! [String: Any]
        XCTAssertEqual(geo["type"] as? String, "FeatureCollection")
        let features = geo["features"] as! [[String: Any]]
        XCTAssertEqual(features.count, 5 + 1, "every zone and the holding area")
        let metro = features[2]
        XCTAssertEqual((metro["geometry"] as! [String: Any])["coordinates"] as? [Double], [114.398, 30.505], "[lon, lat]")
        let props = metro["properties"] as! [String: Any]
        XCTAssertEqual(props["id"] as? String, "metro-sq")
        XCTAssertEqual(props["name"] as? String, "Metro Square exit B")
        XCTAssertEqual(props["kind"] as? String, "metro")
        XCTAssertEqual(props["capacity"] as? Int, 120)
        XCTAssertNotNil(props["overflowBikeHours"] as? Double)
        XCTAssertNotNil(props["clearanceBreaches"] as? Double)
        XCTAssertEqual((features[5]["properties"] as! [String: Any])["depot"] as? Bool, true)
    }

    func testPolicyFlagAndItsErrors() throws {
        let none = try Tool.run(["run", quickstart, "--policy", "none"])
        XCTAssertEqual(none.status, 0, none.stderr)
        XCTAssertTrue(none.stdout.contains("policy none, seed 7"))
        let threshold = try Tool.run(["run", quickstart])
        XCTAssertTrue(threshold.stdout.contains("policy threshold, seed 7"), "the scenario's policy by default")
        let typo = try Tool.run(["run", quickstart, "--policy", "predictiv"])
        XCTAssertEqual(typo.status, 64)
        XCTAssertEqual(typo.stderr, "Error: --policy: unknown policy 'predictiv' (did you mean 'predictive'?); expected one of: none, threshold, predictive, rebalance, clearance. See 'tidesim run --help'.\n")
        let noTrucks = try Tool.run(["run", quickstart, "--policy", "rebalance", "--set", "trucks=null"])
        XCTAssertEqual(noTrucks.status, 64)
        XCTAssertEqual(noTrucks.stderr, "Error: --policy rebalance: policy.name: policy 'rebalance' moves bikes with trucks, but the scenario has no trucks block. See 'tidesim run --help'.\n")
        let zeroTrucks = try Tool.run(["run", quickstart, "--set", "trucks.count=0", "--json"])
        XCTAssertEqual(zeroTrucks.status, 0, "zero trucks is a what-if, not an error")
    }

    func testCompareReportsPoliciesAndPairedDifferences() throws {
        let r = try Tool.run(["compare", quickstart, "--replications", "4", "--policies", "none,threshold,predictive"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("System KPIs\n  KPI "))
        XCTAssertTrue(r.stdout.contains("Paired differences against none"))
        XCTAssertTrue(r.stdout.contains("threshold − none"))
        XCTAssertTrue(r.stdout.contains("Hotspots side by side"))

        let j = try Tool.run(["compare", quickstart, "--replications", "3", "--policies", "none,rebalance", "--json"])
        XCTAssertEqual(j.status, 0, j.stderr)
        let doc = try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(doc["replications"] as? Int, 3)
        let policies = doc["policies"] as! [[String: Any]]
        XCTAssertEqual(policies.map { $0["policy"] as! String }, ["none", "rebalance"])
        XCTAssertNotNil((policies[1]["system"] as! [String: [String: Any]])["truckKm"]?["ci95"])
        XCTAssertEqual((policies[0]["zones"] as! [Any]).count, 5)
        let paired = doc["paired"] as! [[String: Any]]
        XCTAssertEqual(paired.count, 1)
        XCTAssertEqual(paired[0]["policy"] as? String, "rebalance")
        XCTAssertEqual(paired[0]["versus"] as? String, "none")
        let attempts = (paired[0]["system"] as! [String: [String: Any]])["tripAttempts"]!
        XCTAssertEqual(attempts["meanDifference"] as? Double, 0, "the same riders under both policies")

        let dir = try Tool.temporaryDirectory(self).appendingPathComponent("cmp")
        let o = try Tool.run(["compare", quickstart, "--replications", "2", "--policies", "none,threshold", "--out", dir.path])
        XCTAssertEqual(o.status, 0, o.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(),
                       ["paired.csv", "provenance.json", "system.csv", "transfers.csv", "zones.csv"])
        let paired2 = try String(contentsOf: dir.appendingPathComponent("paired.csv"), encoding: .utf8)
        XCTAssertTrue(paired2.hasPrefix("policy,versus,kpi,meanDifference,sd,ci95\r\nthreshold,none,tripAttempts,0,0,0\r\n"))

        let bad = try Tool.run(["compare", quickstart, "--policies", "none,thresold"])
        XCTAssertEqual(bad.status, 64)
        XCTAssertTrue(bad.stderr.hasPrefix("Error: --policies: unknown policy 'thresold' (did you mean 'threshold'?)"))
    }

    /// Without --policies, compare runs the built-in policies the scenario can run.
    func testCompareDefaultsToThePoliciesTheScenarioCanRun() throws {
        let dir = try Tool.temporaryDirectory(self)
        let s = dir.appendingPathComponent("docked.json")
        try #"{"tidesim":1,"zones":[{"id":"a","lat":30.5,"lon":114.4,"capacity":10,"bikes":9},{"id":"b","lat":30.51,"lon":114.4,"capacity":10,"bikes":1}],"demand":{"flows":[{"from":"b","to":"a","tripsPerDay":40}]},"trucks":{"count":1,"capacity":5,"depot":"a"}}"#
            .write(to: s, atomically: true, encoding: .utf8)
        let r = try Tool.run(["compare", s.path, "--replications", "2"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("rebalance − none"))
        XCTAssertFalse(r.stdout.contains("threshold"), "no holding area: threshold and predictive are left out")
        let named = try Tool.run(["compare", s.path, "--policies", "none,threshold"])
        XCTAssertEqual(named.status, 64, "a policy named explicitly that cannot run is still an error")
    }

    func testBadTransferInputExits65WithThePlace() throws {
        let dir = try Tool.temporaryDirectory(self)
        let text = try String(contentsOf: Tool.packageRoot.appendingPathComponent(quickstart), encoding: .utf8)
        let cases: [(String, String, String)] = [
            (#""name": "threshold""#, #""name": "greedy""#, "policy.name: unknown value 'greedy'"),
            (#""metro-sq": { "high""#, #""metro-x": { "high""#, "policy.zones.metro-x: unknown zone 'metro-x' (did you mean 'metro-sq'?)"),
            (#""depot": "lot-east""#, #""depot": "lot-west""#, "trucks.depot: unknown depot 'lot-west' (did you mean 'lot-east'?)"),
            (#""06:30-10:00""#, #""06:30-1000""#, "trucks.shifts[0]: expected a time window"),
            (#""open": "06:00-22:00""#, #""open": "6am-10pm""#, "holdingAreas[0].open: expected a time window"),
            (#""capacity": 30,"#, #""capacity": 0,"#, "trucks.capacity: must be between 1 and 100000, got 0"),
            (#""high": 0.9,"#, #""high": 0.5,"#, "policy.zones.metro-sq: thresholds must satisfy 0 <= low <= target <= high"),
        ]
        for (k, (target, replacement, expected)) in cases.enumerated() {
            let file = dir.appendingPathComponent("bad\(k).json")
            XCTAssertNotNil(text.range(of: target), target)
            try text.replacingOccurrences(of: target, with: replacement).write(to: file, atomically: true, encoding: .utf8)
            let r = try Tool.run(["run", file.path])
            XCTAssertEqual(r.status, 65, expected)
            XCTAssertTrue(r.stderr.hasPrefix("Error: \(file.path): \(expected)"), "\(r.stderr) lacks \(expected)")
            XCTAssertEqual(r.stdout, "")
        }
    }

    func testEveryBundledScenarioIsValid() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Tool.packageRoot.appendingPathComponent("scenarios").path)
            .filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertEqual(names, ["bayarea-2014-stations.json", "optics-valley-operators.json", "optics-valley.json", "quickstart.json", "sf-bayarea-2014.json"])
        for name in names {
            let r = try Tool.run(["validate", "scenarios/\(name)"])
            XCTAssertEqual(r.status, 0, "\(name): \(r.stderr)")
        }
    }

    func testValidatePrintsWhatTheScenarioHolds() throws {
        let r = try Tool.run(["validate", quickstart])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("scenarios/quickstart.json: valid\n"))
        XCTAssertTrue(r.stdout.contains("zones          5 (parking capacity 1,020; 5 with coordinates; 0 docked)"))
        XCTAssertTrue(r.stdout.contains("fleet          640 bikes against a cap of 1,200 (53.3%)"))
    }

    func testInvalidScenarioExits65WithEveryProblemAndNoOutput() throws {
        let dir = try Tool.temporaryDirectory(self)
        let bad = dir.appendingPathComponent("bad.json")
        try """
            {"tidesim": 1, "zones": [{"id": "a", "capacity": -5}, {"id": "b", "capcity": 3}],
             "demand": {"flows": [{"from": "a", "to": "metro-x", "tripsPerDay": 10, "minutes": 5}]}}
            """.write(to: bad, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try Tool.run(["run", bad.path, "--out", out.path])
        XCTAssertEqual(r.status, 65)
        XCTAssertEqual(r.stdout, "")
        let lines = r.stderr.split(separator: "\n")
        XCTAssertEqual(lines, [
            "Error: \(bad.path): zones[0].capacity: must be between 0 and 10000000, got -5",
            "Error: \(bad.path): zones[1].capcity: unknown key (did you mean 'capacity'?); expected one of: id, name, kind, lat, lon, capacity, bikes, overflow, capacityWindows, bikesByOperator",
            "Error: \(bad.path): zones[1].capacity: missing; expected a whole number between 0 and 10000000",
            "Error: \(bad.path): demand.flows[0].to: unknown zone 'metro-x'",
        ])
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "nothing is written for a bad scenario")
        XCTAssertEqual(try Tool.run(["validate", bad.path]).status, 65)
    }

    func testMalformedJSONNamesLineAndColumn() throws {
        let dir = try Tool.temporaryDirectory(self)
        let bad = dir.appendingPathComponent("broken.json")
        try "{\n  \"tidesim\": 1,\n  \"zones\": [ }\n".write(to: bad, atomically: true, encoding: .utf8)
        let r = try Tool.run(["validate", bad.path])
        XCTAssertEqual(r.status, 65)
        XCTAssertEqual(r.stderr, "Error: \(bad.path): top level: not valid JSON: line 3, column 14: expected a value\n")
    }

    func testMissingFileExits66() throws {
        let r = try Tool.run(["run", "no/such/scenario.json"])
        XCTAssertEqual(r.status, 66)
        XCTAssertEqual(r.stderr, "Error: no/such/scenario.json: no such file\n")
        XCTAssertEqual(r.stdout, "")
    }

    func testUsageErrorsExit64() throws {
        let cases: [([String], String)] = [
            (["run", quickstart, "--replicatons", "3"], "Error: unknown option '--replicatons'; did you mean '--replications'? See 'tidesim run --help'.\n"),
            (["run", quickstart, "--replications", "0"], "Error: --replications expects a whole number from 1 to 100000, got '0'. See 'tidesim run --help'.\n"),
            (["run", quickstart, "--seed", "abc"], "Error: --seed expects a whole number from 0 to 18446744073709551615, got 'abc'. See 'tidesim run --help'.\n"),
            (["run", quickstart, "--set", "trucks.cont=6"], "Error: --set trucks.cont=6: trucks.cont: unknown key (did you mean 'count'?); expected one of: count, capacity, speedKmh, detour, loadSeconds, depot, shifts, maxOrderKm, id, serves. See 'tidesim run --help'.\n"),
            (["run", quickstart, "--set", "zones[metro-x].capacity=200"], "Error: --set zones[metro-x].capacity=200: no element 'metro-x' at zones (did you mean 'metro-sq'?); select by id or by index 0..<5. See 'tidesim run --help'.\n"),
            (["run"], "Error: missing argument <scenario>. See 'tidesim run --help'.\n"),
            (["runn", quickstart], "Error: unknown subcommand 'runn'; did you mean 'run'? See 'tidesim --help'.\n"),
        ]
        for (args, stderr) in cases {
            let r = try Tool.run(args)
            XCTAssertEqual(r.status, 64, "\(args)")
            XCTAssertEqual(r.stderr, stderr)
            XCTAssertEqual(r.stdout, "")
        }
    }

    /// A mistake in a `--set` is the command line's (exit 64, naming `--set`), not the file's.
    func testSetMistakesAreUsageErrorsNamingSet() throws {
        let cases: [(String, String)] = [
            ("policy.zones.metro-sq.high=0.1",
             "Error: --set policy.zones.metro-sq.high=0.1: policy.zones.metro-sq: thresholds must satisfy 0 <= low <= target <= high, got low 0.2, target 0.8, high 0.1."),
            ("zones[0]].capacity=5", "Error: --set zones[0]].capacity=5: bad path 'zones[0]].capacity': ']' without '['."),
            ("zones[+].capacity=5", "Error: --set zones[+].capacity=5: zones[5].id: missing; expected a string."),
            ("policy.high=85",
             "Error: --set policy.high=85: policy.high: must be a fraction of capacity between 0 and 5, got 85; thresholds are fractions of capacity, so write 0.85 for 85%."),
            ("fleet=20000",
             "Error: --set fleet=20000: fleet: expected an object, got a number; to rescale the fleet use --fleet 20000, to set the planning cap --set fleet.cap=20000."),
        ]
        for (set, message) in cases {
            let r = try Tool.run(["run", quickstart, "--set", set])
            XCTAssertEqual(r.status, 64, set)
            XCTAssertEqual(r.stdout, "", set)
            XCTAssertEqual(r.stderr, message + " See 'tidesim run --help'.\n", set)
        }
    }

    /// `--fleet N` that leaves zones above capacity at the start warns on stderr; the run goes on.
    func testFleetAboveCapacityWarns() throws {
        let r = try Tool.run(["run", quickstart, "--fleet", "1500"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "warning: --fleet 1500: 3 of 5 zones start the day above their capacity, 586 bikes over in all "
            + "(most: res-north, 309 over a capacity of 300)\n")
        XCTAssertTrue(r.stdout.contains("Fleet 1,500 bikes"))
        let quiet = try Tool.run(["run", quickstart, "--fleet", "600"])
        XCTAssertEqual(quiet.stderr, "", "600 bikes fit within every zone's capacity")
    }

    func testWhatIfsChangeTheRun() throws {
        let base = try Tool.run(["run", quickstart, "--json"])
        let fleet = try Tool.run(["run", quickstart, "--json", "--fleet", "1000"])
        let set = try Tool.run(["run", quickstart, "--json", "--set", "zones[metro-sq].capacity=400"])
        XCTAssertEqual(fleet.status, 0, fleet.stderr)
        XCTAssertEqual(set.status, 0, set.stderr)
        func system(_ r: ToolRun, _ key: String) throws -> Double {
            let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
            return ((doc["system"] as! [String: Any])[key] as! [String: Any])["mean"] as! Double
        }
        XCTAssertEqual(try system(fleet, "fleet"), 1000)
        XCTAssertEqual(try system(fleet, "tripAttempts"), try system(base, "tripAttempts"), "same riders")
        XCTAssertLessThan(try system(set, "overflowBikeHours"), try system(base, "overflowBikeHours"))
    }

    func testCannotCreateOutputExits73() throws {
        let dir = try Tool.temporaryDirectory(self)
        let file = dir.appendingPathComponent("a-file")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let r = try Tool.run(["run", quickstart, "--out", file.path])
        XCTAssertEqual(r.status, 73)
        XCTAssertEqual(r.stderr, "Error: \(file.path): cannot write: exists and is not a directory\n")
        XCTAssertEqual(r.stdout, "")
    }

    func testHelpAndVersion() throws {
        let top = try Tool.run(["--help"])
        XCTAssertEqual(top.status, 0)
        XCTAssertTrue(top.stdout.contains("SUBCOMMANDS:\n  run"))
        for command in ["run", "compare", "sweep", "validate"] {
            let a = try Tool.run([command, "--help"])
            let b = try Tool.run(["help", command])
            XCTAssertEqual(a.status, 0)
            XCTAssertEqual(a.stdout, b.stdout)
            XCTAssertTrue(a.stdout.hasPrefix("OVERVIEW: "))
            XCTAssertTrue(a.stdout.contains("USAGE: tidesim \(command) <scenario>"))
        }
        let v = try Tool.run(["--version"])
        XCTAssertEqual(v.status, 0)
        XCTAssertTrue(v.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil)
    }

    /// The README shows the help of each command; it must not drift from the tool.
    func testDocsShowTheCurrentHelp() throws {
        let cli = try String(contentsOf: Tool.packageRoot.appendingPathComponent("docs/cli.md"), encoding: .utf8)
        for command in ["run", "compare", "sweep", "plan", "generate", "validate"] {
            let help = try Tool.run([command, "--help"]).stdout
            XCTAssertTrue(cli.contains(help), "docs/cli.md does not show the current 'tidesim \(command) --help'")
        }
    }
}

/// What a person at a terminal sees: progress while it runs, wide names lined up, no escapes.
final class TerminalTests: XCTestCase {
    /// Runs the tool under `script`, which gives it a terminal; nil where `script` is missing.
    func inTerminal(_ arguments: String) throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        p.arguments = ["-qec", "\(Tool.binary.path) \(arguments) > /dev/null", "/dev/null"]
        p.currentDirectoryURL = Tool.packageRoot
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func testProgressOnATerminalOnly() throws {
        guard let run = try inTerminal("run scenarios/quickstart.json --replications 3 --threads 1") else {
            throw XCTSkip("no /usr/bin/script to give the tool a terminal")
        }
        XCTAssertTrue(run.contains("tidesim run: 1/3 replications, about "), run)
        XCTAssertTrue(run.contains("tidesim run: 3/3 replications"), run)
        let sweepOut = try Tool.temporaryDirectory(self).appendingPathComponent("s.csv").path
        let sweep = try inTerminal("sweep scenarios/quickstart.json --grid trucks.count=1,2 --replications 1 --out \(sweepOut)") ?? ""
        XCTAssertTrue(sweep.contains("tidesim sweep: 1/2 grid points, about "), sweep)
        XCTAssertTrue(sweep.hasSuffix("\u{1B}[K"), "the progress line is cleared at the end (the summary goes to stdout): \(sweep)")
        // On a pipe: nothing at all on stderr.
        let piped = try Tool.run(["run", "scenarios/quickstart.json", "--replications", "3"])
        XCTAssertEqual(piped.stderr, "")
    }

    /// Chinese names take two terminal cells a character: the columns after them still line up,
    /// and a name with an escape sequence is printed escaped.
    func testWideNamesLineUpAndEscapesAreShownEscaped() throws {
        let dir = try Tool.temporaryDirectory(self)
        let scenario = dir.appendingPathComponent("wide.json")
        try """
            {"tidesim":1,"name":"光谷","zones":[
              {"id":"m","name":"光谷广场地铁站B口","lat":30.5,"lon":114.4,"capacity":10,"bikes":30},
              {"id":"n","name":"North","lat":30.51,"lon":114.4,"capacity":10,"bikes":20},
              {"id":"e","name":"evil\\u001b[31mred","lat":30.52,"lon":114.4,"capacity":10,"bikes":15},
              {"id":"c","name":"del\\u007fcsi\\u009b2J","lat":30.53,"lon":114.4,"capacity":10,"bikes":5}],
             "demand":{"flows":[{"from":"n","to":"m","tripsPerDay":10}]}}
            """.write(to: scenario, atomically: true, encoding: .utf8)
        let r = try Tool.run(["run", scenario.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stdout.contains("\u{1B}"), "no raw escape reaches the terminal")
        XCTAssertTrue(r.stdout.contains("evil\\u{1B}[31mred"))
        let rows = r.stdout.split(separator: "\n").filter { $0.hasPrefix("  m ") || $0.hasPrefix("  n ") || $0.hasPrefix("  e ") }
        XCTAssertEqual(rows.count, 3)
        // The display column where the capacity "10" ends is the same on every row.
        func width(_ s: Substring) -> Int {
            s.unicodeScalars.reduce(0) { $0 + ((0x4E00...0x9FFF).contains($1.value) ? 2 : 1) }
        }
        let ends = rows.map { row -> Int in
            let r = row.range(of: "10  ")!
            return width(row[..<r.upperBound])
        }
        XCTAssertEqual(Set(ends).count, 1, "\(rows)")
        // The JSON document escapes every control character itself (C0, DEL, C1): it is printed
        // as it is, and still carries no raw one.
        let json = try Tool.run(["run", scenario.path, "--json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        XCTAssertFalse(json.stdout.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) })
        XCTAssertTrue(json.stdout.contains(#""evil\u001b[31mred""#), json.stdout)
        XCTAssertTrue(json.stdout.contains(#""del\u007fcsi\u009b2J""#), json.stdout)
        let names = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let zones = names?["zones"] as? [[String: Any]] ?? []
        XCTAssertEqual(Set(zones.compactMap { $0["name"] as? String }).contains("del\u{7F}csi\u{9B}2J"), true, "the escapes read back")
    }
}
