import Foundation
import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

/// The ziggurat samplers against their exact distributions: Kolmogorov–Smirnov statistics, the
/// tails, and the published constants the tables must reproduce.
final class ZigguratTests: XCTestCase {
    /// sup |F_n(x) - F(x)| over a sorted sample.
    private func ksStatistic(_ sorted: [Double], cdf: (Double) -> Double) -> Double {
        let n = Double(sorted.count)
        var d = 0.0
        for (i, x) in sorted.enumerated() {
            let f = cdf(x)
            d = max(d, abs(Double(i + 1) / n - f), abs(f - Double(i) / n))
        }
        return d
    }

    /// The 0.1% critical value of the KS statistic for n draws (1.949 / √n): a correct sampler
    /// exceeds it once in a thousand runs; these runs are seeded, so the test is deterministic.
    private func critical(_ n: Int) -> Double { 1.949 / Double(n).squareRoot() }

    func testTablesCloseWithLayersOfEqualArea() {
        // The recurrence must close: the edges fall to a small positive top edge.
        for t in [ZigguratTable.exponential, ZigguratTable.normal] {
            XCTAssertGreaterThan(t.x[255], 0)
            XCTAssertLessThan(t.x[255], t.x[254])
            for i in 1..<256 { XCTAssertGreaterThan(t.x[i], t.x[i + 1]) }
        }
        // Every layer has the same area v: x[i] * (f[i+1] - f[i]) for the layers above the base
        // (that is the recurrence), and the base layer too: x[0] * f(r) = v.
        for (t, v) in [(ZigguratTable.exponential, 0.0039496598225815571993), (ZigguratTable.normal, 0.00492867323399)] {
            for i in 1..<255 { XCTAssertEqual(t.x[i] * (t.f[i + 1] - t.f[i]), v, accuracy: v * 1e-6, "layer \(i)") }
            XCTAssertEqual(t.x[0] * t.f[1], v, accuracy: v * 1e-12)
            // The closing condition, which only the right r and v meet: the top layer, from its
            // edge x[255] up to the density's peak f(0) = 1, has the same area.
            XCTAssertEqual(t.x[255] * (1 - t.f[255]), v, accuracy: v * 1e-8)
        }
    }

    func testExponentialFollowsItsDistribution() {
        var g = Xoshiro256StarStar(seed: 11)
        let n = 200_000
        let xs = (0..<n).map { _ in g.nextStandardExponential() }.sorted()
        XCTAssertLessThan(ksStatistic(xs, cdf: { 1 - exp(-$0) }), critical(n))
        XCTAssertEqual(xs.reduce(0, +) / Double(n), 1, accuracy: 4 / Double(n).squareRoot())
        // The tail beyond r = 7.697 holds e^-r = 4.5e-4 of the mass: about 91 of 200,000.
        let tail = xs.filter { $0 > ZigguratTable.exponential.r }.count
        XCTAssertEqual(Double(tail), Double(n) * exp(-ZigguratTable.exponential.r), accuracy: 4 * (Double(n) * exp(-7.697)).squareRoot())
    }

    func testNormalFollowsItsDistribution() {
        var g = Xoshiro256StarStar(seed: 12)
        let n = 200_000
        let xs = (0..<n).map { _ in g.nextStandardNormal() }.sorted()
        XCTAssertLessThan(ksStatistic(xs, cdf: { 0.5 * erfc(-$0 / 2.0.squareRoot()) }), critical(n))
        let mean = xs.reduce(0, +) / Double(n)
        let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        XCTAssertEqual(mean, 0, accuracy: 4 / Double(n).squareRoot())
        XCTAssertEqual(variance, 1, accuracy: 4 * (2.0 / Double(n)).squareRoot())
        // Both tails beyond r = 3.654 hold 2.58e-4 of the mass: about 52 of 200,000.
        let r = ZigguratTable.normal.r
        let tail = Double(xs.filter { abs($0) > r }.count), expected = Double(n) * erfc(r / 2.0.squareRoot())
        XCTAssertEqual(tail, expected, accuracy: 4 * expected.squareRoot())
        XCTAssertGreaterThan(xs.filter { $0 < -r }.count, 0)
        XCTAssertGreaterThan(xs.filter { $0 > r }.count, 0)
    }

    func testIndexAndFractionAreUniformAndIndependent() {
        var g = Xoshiro256StarStar(seed: 13)
        let n = 120_000, bound = 7
        var counts = [Int](repeating: 0, count: bound)
        var fractionsOfZero: [Double] = []
        for _ in 0..<n {
            let (i, u) = g.nextIndexAndFraction(below: bound)
            counts[i] += 1
            if i == 0 { fractionsOfZero.append(u) }
        }
        let expected = Double(n) / Double(bound)
        let chi2 = counts.reduce(0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        XCTAssertLessThan(chi2, 22.46)   // 0.1% critical value with 6 degrees of freedom
        // The fraction given index 0 is uniform on [0, 1).
        let sorted = fractionsOfZero.sorted()
        XCTAssertLessThan(ksStatistic(sorted, cdf: { $0 }), critical(sorted.count))
    }
}
