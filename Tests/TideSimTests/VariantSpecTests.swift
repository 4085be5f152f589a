import XCTest
@testable import TideSim
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO

/// `--fleet ±P%` and `--variant NAME="..."`, parsed and applied.
final class VariantSpecTests: XCTestCase {
    func testFleetTargets() throws {
        XCTAssertEqual(FleetTarget(parsing: "12000"), .bikes(12000))
        XCTAssertEqual(FleetTarget(parsing: "-30%"), .percent(-30))
        XCTAssertEqual(FleetTarget(parsing: "+10%"), .percent(10))
        XCTAssertEqual(FleetTarget(parsing: "2.5%"), .percent(2.5))
        for bad in ["-1", "abc", "-100%", "-150%", "1001%", "1e3%", "%", "12.5", "nan%", "inf%"] {
            XCTAssertNil(FleetTarget(parsing: bad), bad)
        }
        // round((1 + p/100) × fleet), halves away from zero.
        XCTAssertEqual(FleetTarget.percent(-30).total(from: 640), 448)
        XCTAssertEqual(FleetTarget.percent(-30).total(from: 641), 449)   // 448.7
        XCTAssertEqual(FleetTarget.percent(-50).total(from: 5), 3)       // 2.5 rounds up
        XCTAssertEqual(FleetTarget.percent(10).total(from: 640), 704)
        XCTAssertEqual(FleetTarget.bikes(7).total(from: 640), 7)
        XCTAssertEqual(FleetTarget.percent(-30).description, "-30%")
        XCTAssertEqual(FleetTarget.percent(10).description, "+10%")
        XCTAssertEqual(FleetTarget.percent(2.5).description, "+2.5%")

        var s = try ScenarioLoader.load(path: TestScenarios.packageRoot + "/scenarios/quickstart.json")
        let before = s.fleet
        try FleetRescaling.rescale(&s, to: .percent(-30))
        XCTAssertEqual(s.fleet, Int((Double(before) * 0.7).rounded()))
    }

    func testVariantSpecs() throws {
        let v = try VariantSpec(parsing: #"trucks8=--set trucks.count=8 --set "zones[metro-sq].name=Exit B, north" --fleet=-30%"#)
        XCTAssertEqual(v.name, "trucks8")
        XCTAssertEqual(v.sets, ["trucks.count=8", "zones[metro-sq].name=Exit B, north"])
        XCTAssertEqual(v.fleet, "-30%")
        XCTAssertEqual(v.whatIfs, ["--set trucks.count=8", "--set zones[metro-sq].name=Exit B, north", "--fleet -30%"])
        XCTAssertEqual(try VariantSpec(parsing: "base="), VariantSpec(name: "base"))
        let cases: [(String, String)] = [
            ("noequals", #"--variant expects NAME="--set PATH=VALUE ... --fleet N", got 'noequals'"#),
            ("=--fleet 5", #"--variant expects NAME="--set PATH=VALUE ... --fleet N", got '=--fleet 5'"#),
            ("a b=--fleet 5", "--variant: a name is one word (no spaces, commas or quotes), got 'a b'"),
            ("x=--sett a=1", "--variant x: unknown option '--sett'; did you mean '--set'?; a variant takes --set PATH=VALUE and --fleet N"),
            ("x=--fleet", "--variant x: --fleet needs a value"),
            ("x=--fleet 1 --fleet 2", "--variant x: --fleet given more than once"),
            (#"x=--set "a=1"#, "--variant x: a quote is not closed"),
            ("x=--set ''", "--variant x: --set got an empty value"),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try VariantSpec(parsing: text), text) { error in
                guard case .usage(let m)? = error as? TideSimError else { return XCTFail("\(error)") }
                XCTAssertEqual(m, message)
            }
        }
    }

    /// Paired differences are the per-replication differences summarised: their mean is the
    /// difference of the means, and a variant identical to the first differs by exactly 0.
    func testPairedDifferencesAgainstTheFirstVariant() throws {
        let s = try ScenarioLoader.load(path: TestScenarios.packageRoot + "/scenarios/quickstart.json")
        var more = s
        more.trucks?.count = 4
        let c = VariantComparison.run(variants: [("base", [], Model(s)), ("same", [], Model(s)), ("more", ["--set trucks.count=4"], Model(more))],
                                      policies: ["none", "threshold"], seed: 3, replications: 4, threads: 2)
        XCTAssertEqual(c.paired.count, 2)
        for p in 0..<2 {
            for k in SystemKPI.allCases {
                let same = c.paired[0][p][k.rawValue]
                if let mean = same.mean { XCTAssertEqual(mean, 0, "\(k)") }
                let d = c.paired[1][p][k.rawValue]
                guard let dm = d.mean, let a = c.variants[2].comparison.runs[p][k].mean, let b = c.variants[0].comparison.runs[p][k].mean else { continue }
                XCTAssertEqual(dm, a - b, accuracy: 1e-9 * max(1, abs(a)), "\(k)")
            }
        }
        // Under `none` the trucks do nothing: the variants are the same run.
        XCTAssertEqual(c.paired[1][0][SystemKPI.tripsServed.rawValue].mean, 0)
        // Under threshold, four trucks move more bikes than two, on the same riders.
        XCTAssertGreaterThan(c.paired[1][1][SystemKPI.bikesToHolding.rawValue].mean ?? 0, 0)
        XCTAssertEqual(c.variants[2].comparison.runs[1].replications.map(\.system[SystemKPI.tripAttempts.rawValue]),
                       c.variants[0].comparison.runs[1].replications.map(\.system[SystemKPI.tripAttempts.rawValue]), "the same riders")
    }
}
