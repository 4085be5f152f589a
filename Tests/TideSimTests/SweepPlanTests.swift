import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

final class SweepPlanTests: XCTestCase {
    func testGridIsTheProductWithTheLastAxisFastest() throws {
        let plan = try SweepPlan(parsing: ["trucks.count=0,2,4", "fleet=500,700"])
        XCTAssertEqual(plan.count, 6)
        XCTAssertEqual((0..<6).map(plan.point), [["0", "500"], ["0", "700"], ["2", "500"], ["2", "700"], ["4", "500"], ["4", "700"]])
    }

    func testValuesMayBeJSON() throws {
        let plan = try SweepPlan(parsing: [#"trucks.shifts=["06:00-10:00","16:00-20:00"],["07:00-11:00"]"#, #"name="a,b",c"#])
        XCTAssertEqual(plan.axes[0].values, [#"["06:00-10:00","16:00-20:00"]"#, #"["07:00-11:00"]"#])
        XCTAssertEqual(plan.axes[1].values, [#""a,b""#, "c"])
    }

    func testShardsAreContiguousAndCoverTheGrid() throws {
        let plan = try SweepPlan(parsing: ["a=1,2,3,4,5,6,7"])
        for shards in 1...9 {
            let slices = (1...shards).map { plan.shard($0, of: shards) }
            XCTAssertEqual(slices.flatMap { Array($0) }, Array(0..<7), "\(shards) shards")
            XCTAssertLessThanOrEqual(slices.map(\.count).max()! - slices.map(\.count).min()!, 1, "balanced")
        }
    }

    func testBadGrids() {
        for (grids, message) in [(["trucks.count"], "--grid trucks.count: expected PATH=V1,V2,..., such as trucks.count=4,8,12"),
                                 (["a=1,,2"], "--grid a=1,,2: expected a comma-separated list of values with none empty"),
                                 (["a=1,1"], "--grid a=1,1: a value is listed twice"),
                                 (["a=1", "a=2"], "--grid a=2: the path a is already a grid axis"),
                                 ([], "missing '--grid PATH=V1,V2,...'")] {
            XCTAssertThrowsError(try SweepPlan(parsing: grids)) { error in
                guard case TideSimError.usage(let m) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(m, message)
            }
        }
    }
}
