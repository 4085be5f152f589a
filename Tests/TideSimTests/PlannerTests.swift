import XCTest
@testable import TideSim
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO

/// The planner alone, on designs whose KPIs are drawn from known distributions: it must choose
/// what brute force knows to be the cheapest design that meets the targets, with fewer runs.
final class PlannerTests: XCTestCase {
    /// Replication results whose `tripsLost` is `mean + sd × z`, z standard normal from a stream
    /// of the design and replication numbers (the same draws whatever the batches).
    func results(mean: Double, sd: Double, design: Int, first: Int, count: Int) -> [ReplicationResult] {
        (first..<first + count).map { r in
            var rng = Xoshiro256StarStar(seed: UInt64(design), replication: r, purpose: .policy)
            let z = sd == 0 ? 0 : rng.nextStandardNormal()
            var system = [Double?](repeating: 0, count: SystemKPI.allCases.count)
            system[SystemKPI.tripsLost.rawValue] = mean + sd * z
            system[SystemKPI.serviceLevel.rawValue] = 0.9
            return ReplicationResult(replication: r, policy: "test", system: system, zones: [], zoneClocks: [], holdingAreas: [], eventCount: 0, transfers: [], timeSeries: nil)
        }
    }

    let lost = PlanTarget(kpi: .tripsLost, relation: .atMost, value: 100)

    func testDeterministicDesignsAreDecidedAtTheFirstLook() {
        // tripsLost 180, 160, ..., 0 at costs 1 to 10: the first to meet <= 100 is design 4.
        let designs = (0..<10).map { Planner.Design(values: [String($0)], cost: Double($0 + 1)) }
        var settings = Planner.Settings()
        settings.maximumReplications = 30
        let o = Planner.run(designs: designs, targets: [lost], settings: settings) { d, first, count in
            self.results(mean: 180 - 20 * Double(d), sd: 0, design: d, first: first, count: count)
        }
        XCTAssertEqual(o.chosen, 4)
        XCTAssertEqual(o.runs, 5 * 5, "five designs, five replications each: no spread, decided at once")
        XCTAssertEqual(o.bruteForceRuns, 300)
        XCTAssertEqual(o.designs.map(\.verdict), [.fails, .fails, .fails, .fails, .meets] + Array(repeating: .notRun, count: 5))
        XCTAssertEqual(o.designs[4].targets[0].mean, 100)
    }

    /// Noisy designs with known means: over 20 seeds' worth of noise the plan never chooses a
    /// design that misses the target, picks the one brute force knows is cheapest in nearly every
    /// seed (else it says that one stayed undecided), and never uses more than 60% of the runs.
    func testAgreesWithBruteForceOnNoisyDesigns() {
        let means: [Double] = [300, 240, 180, 130, 85, 60, 40, 20]   // cost order; sd 25
        let designs = means.indices.map { Planner.Design(values: [String($0)], cost: Double($0) * 10) }
        var exact = 0
        for shift in 0..<20 {
            var settings = Planner.Settings()
            settings.maximumReplications = 40
            let o = Planner.run(designs: designs, targets: [lost], settings: settings) { d, first, count in
                self.results(mean: means[d], sd: 25, design: d + 100 * shift, first: first, count: count)
            }
            // Brute force, knowing the means: the cheapest with mean <= 100 is design 4 (85).
            let chosen = try? XCTUnwrap(o.chosen)
            XCTAssertGreaterThanOrEqual(chosen ?? -1, 4, "noise \(shift): a design that misses the target was chosen")
            if chosen == 4 { exact += 1 } else { XCTAssertEqual(o.designs[4].verdict, .undecided, "noise \(shift)") }
            XCTAssertTrue(o.designs[0..<4].allSatisfy { $0.verdict == .fails }, "noise \(shift)")
            XCTAssertLessThanOrEqual(Double(o.runs), 0.6 * Double(o.bruteForceRuns), "noise \(shift)")
        }
        XCTAssertGreaterThanOrEqual(exact, 18)
    }

    func testTiesInCostAndDesignsNoneMeets() {
        // Two designs at the same cost: the first fails, the second meets; then a tie where both meet.
        let tie = [Planner.Design(values: ["a"], cost: 5), Planner.Design(values: ["b"], cost: 5), Planner.Design(values: ["c"], cost: 9)]
        let o = Planner.run(designs: tie, targets: [lost], settings: Planner.Settings()) { d, first, count in
            self.results(mean: [150, 50, 10][d], sd: 0, design: d, first: first, count: count)
        }
        XCTAssertEqual(o.chosen, 1)
        XCTAssertEqual(o.designs[2].verdict, .notRun)
        let both = Planner.run(designs: tie, targets: [lost], settings: Planner.Settings()) { d, first, count in
            self.results(mean: [60, 50, 10][d], sd: 0, design: d, first: first, count: count)
        }
        XCTAssertEqual(both.chosen, 0, "equal cost: the first in grid order")
        XCTAssertEqual(both.designs[1].verdict, .meets, "the tie is decided too, and reported")
        // No design meets: every one is run and fails.
        let none = Planner.run(designs: tie, targets: [lost], settings: Planner.Settings()) { d, first, count in
            self.results(mean: [500, 400, 300][d], sd: 0, design: d, first: first, count: count)
        }
        XCTAssertNil(none.chosen)
        XCTAssertEqual(none.designs.map(\.verdict), [.fails, .fails, .fails])
        XCTAssertFalse(none.budgetSpent)
    }

    /// A design whose mean sits on the target cannot be decided: after the most replications it
    /// is passed over, never claimed; and a budget stops the plan.
    func testUndecidedDesignsAndTheBudget() {
        let designs = [Planner.Design(values: ["edge"], cost: 1), Planner.Design(values: ["good"], cost: 2)]
        var settings = Planner.Settings()
        settings.maximumReplications = 20
        let o = Planner.run(designs: designs, targets: [lost], settings: settings) { d, first, count in
            self.results(mean: [100, 20][d], sd: 30, design: d, first: first, count: count)
        }
        XCTAssertEqual(o.designs[0].verdict, .undecided)
        XCTAssertEqual(o.designs[0].replications.count, 20)
        XCTAssertEqual(o.designs[0].replications.map(\.replication), Array(1...20), "batches continue the replication numbers")
        XCTAssertEqual(o.chosen, 1)
        settings.budget = 12
        let short = Planner.run(designs: designs, targets: [lost], settings: settings) { d, first, count in
            self.results(mean: [100, 20][d], sd: 30, design: d, first: first, count: count)
        }
        XCTAssertTrue(short.budgetSpent)
        XCTAssertNil(short.chosen)
        XCTAssertLessThanOrEqual(short.runs, 12)
    }

    func testTargetsAndLevers() throws {
        XCTAssertEqual(try PlanTarget(parsing: "clearanceBreaches<=5"), PlanTarget(kpi: .clearanceBreaches, relation: .atMost, value: 5))
        XCTAssertEqual(try PlanTarget(parsing: "serviceLevel >= 0.9"), PlanTarget(kpi: .serviceLevel, relation: .atLeast, value: 0.9))
        XCTAssertEqual(try PlanTarget(parsing: "tripsLost<10").relation, .below)
        XCTAssertThrowsError(try PlanTarget(parsing: "servicelevel>=0.9")) { error in
            guard case .usage(let m)? = error as? TideSimError else { return XCTFail() }
            XCTAssertTrue(m.contains("unknown KPI 'servicelevel'; did you mean 'serviceLevel'?"), m)
        }
        XCTAssertThrowsError(try PlanTarget(parsing: "serviceLevel>=90")) { error in
            guard case .usage(let m)? = error as? TideSimError else { return XCTFail() }
            XCTAssertEqual(m, "--target 'serviceLevel>=90': serviceLevel is a fraction from 0 to 1; did you mean serviceLevel>=0.9?")
        }
        XCTAssertThrowsError(try PlanTarget(parsing: "tripsLost=5"))
        XCTAssertThrowsError(try PlanTarget(parsing: "tripsLost<=lots"))
        let grid = try PlanLevers.grid(["trucks.count=2:8:2", "policy.name=none,threshold", #"trucks.shifts=["06:00-10:00"]"#])
        XCTAssertEqual(grid.axes[0].values, ["2", "4", "6", "8"])
        XCTAssertEqual(grid.axes[1].values, ["none", "threshold"])
        XCTAssertEqual(grid.axes[2].values, [#"["06:00-10:00"]"#], "a clock is not a range")
        XCTAssertEqual(try PlanLevers.grid(["demand.scale=0.5:1:0.25"]).axes[0].values, ["0.5", "0.75", "1"])
        XCTAssertThrowsError(try PlanLevers.grid(["trucks.count=8:2:2"]))
        XCTAssertThrowsError(try PlanLevers.grid(["trucks.count=0:100000:1"]))
    }
}
