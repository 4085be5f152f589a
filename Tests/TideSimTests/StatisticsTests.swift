import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

final class StatisticsTests: XCTestCase {
    func testStudentTQuantilesMatchReferenceValues() {
        // scipy.stats.t.ppf(0.975, df)
        let reference: [(Double, Double)] = [(1, 12.706204736174694), (2, 4.302652729749462), (4, 2.7764451051977934),
                                             (9, 2.262157162798205), (29, 2.045229642132703), (199, 1.9719565442517533)]
        for (df, q) in reference {
            XCTAssertEqual(StudentT.quantile(0.975, degreesOfFreedom: df), q, accuracy: 1e-9, "df \(df)")
        }
        XCTAssertEqual(StudentT.quantile(0.025, degreesOfFreedom: 9), -2.262157162798205, accuracy: 1e-9)
    }

    /// The cached 0.975-quantile is the computed one exactly, asked first or again, from
    /// several threads at once.
    func testCachedQuantileIsTheComputedOne() {
        let dfs = [1, 2, 4, 9, 29, 199, 7, 1, 9]
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for df in dfs {
                XCTAssertEqual(StudentT.quantile975(degreesOfFreedom: df), StudentT.quantile(0.975, degreesOfFreedom: Double(df)), "df \(df)")
            }
        }
        XCTAssertEqual(StudentT.quantile975(degreesOfFreedom: 9), 2.262157162798205, accuracy: 1e-9)
    }

    func testSummaryByHand() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample variance 32/7.
        let s = Summary([2, 4, 4, 4, 5, 5, 7, 9])
        XCTAssertEqual(s.mean, 5)
        XCTAssertEqual(s.sd!, (32.0 / 7).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(s.ci95!, 2.3646242515927849 * (32.0 / 7).squareRoot() / 8.0.squareRoot(), accuracy: 1e-9)
        XCTAssertEqual(s.count, 8)
    }

    func testSummaryOfOneAndOfUndefined() {
        let one = Summary([3.5])
        XCTAssertEqual(one.mean, 3.5)
        XCTAssertNil(one.sd)
        XCTAssertNil(one.ci95)
        let some = Summary([nil, 2, nil, 4])
        XCTAssertEqual(some.mean, 3)
        XCTAssertEqual(some.count, 2)
        XCTAssertNil(Summary([nil, nil]).mean)
    }
}
