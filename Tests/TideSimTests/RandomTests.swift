import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

final class RandomTests: XCTestCase {
    func testSplitMix64MatchesPublishedValues() {
        // First outputs for seed 0, as published with the reference implementation.
        var g = SplitMix64(seed: 0)
        XCTAssertEqual(g.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(g.next(), 0x6E78_9E6A_A1B9_65F4)
        XCTAssertEqual(g.next(), 0x06C4_5D18_8009_454F)
    }

    func testXoshiroMatchesIndependentImplementation() {
        // Reference values from a Python transcription of the authors' C code, seeded by SplitMix64(42).
        var g = Xoshiro256StarStar(seed: 42)
        XCTAssertEqual(g.next(), 0x1578_0B2E_0C2E_C716)
        XCTAssertEqual(g.next(), 0x6104_D986_6D11_3A7E)
        XCTAssertEqual(g.next(), 0xAE17_5332_39E4_99A1)
    }

    func testStreamsDifferByReplicationAndPurpose() {
        var a = Xoshiro256StarStar(seed: 1, replication: 1, purpose: .demand)
        var b = Xoshiro256StarStar(seed: 1, replication: 2, purpose: .demand)
        var c = Xoshiro256StarStar(seed: 1, replication: 1, purpose: .policy)
        var a2 = Xoshiro256StarStar(seed: 1, replication: 1, purpose: .demand)
        let x = a.next()
        XCTAssertNotEqual(x, b.next())
        XCTAssertNotEqual(x, c.next())
        XCTAssertEqual(x, a2.next())
    }

    func testUnitDoubleRange() {
        var g = Xoshiro256StarStar(seed: 3)
        for _ in 0..<10_000 {
            let u = g.nextUnitDouble(), v = g.nextOpenUnitDouble()
            XCTAssert(u >= 0 && u < 1)
            XCTAssert(v > 0 && v <= 1)
        }
    }

    /// Sample mean within 5 standard errors of the true mean (fails with probability ~6e-7).
    func assertMean(_ xs: [Double], _ mean: Double, _ sd: Double, file: StaticString = #filePath, line: UInt = #line) {
        let m = xs.reduce(0, +) / Double(xs.count)
        XCTAssertEqual(m, mean, accuracy: 5 * sd / Double(xs.count).squareRoot(), file: file, line: line)
    }

    func testExponentialMean() {
        var g = Xoshiro256StarStar(seed: 5)
        let xs = (0..<100_000).map { _ in g.nextExponential(rate: 2) }
        assertMean(xs, 0.5, 0.5)
    }

    func testLognormalMeanAndCV() {
        var g = Xoshiro256StarStar(seed: 6)
        let d = LognormalByMean(mean: 600, cv: 0.3)
        let xs = (0..<200_000).map { _ in d.sample(using: &g) }
        assertMean(xs, 600, 180)
        let m = xs.reduce(0, +) / Double(xs.count)
        let sd = (xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)).squareRoot()
        XCTAssertEqual(sd / m, 0.3, accuracy: 0.01)
    }

    func testLognormalWithZeroCVIsConstant() {
        var g = Xoshiro256StarStar(seed: 6)
        let before = g
        XCTAssertEqual(LognormalByMean(mean: 300, cv: 0).sample(using: &g), 300)
        var h = before
        XCTAssertEqual(g.next(), h.next(), "cv 0 must consume no random numbers")
    }

    func testPoissonMeanAndVarianceBothMethods() {
        var g = Xoshiro256StarStar(seed: 7)
        for mean in [0.5, 4.0, 9.9, 10.0, 37.5, 1000.0] {
            let n = 50_000
            let xs = (0..<n).map { _ in Double(g.nextPoisson(mean: mean)) }
            assertMean(xs, mean, mean.squareRoot())
            let m = xs.reduce(0, +) / Double(n)
            let v = xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n - 1)
            // Var of the sample variance of a Poisson is about (mu + 2 mu^2) / n.
            XCTAssertEqual(v, mean, accuracy: 5 * ((mean + 2 * mean * mean) / Double(n)).squareRoot(), "mean \(mean)")
        }
        XCTAssertEqual(g.nextPoisson(mean: 0), 0)
    }

    func testPoissonPMFAgreesAtLargeMean() {
        // PTRS must reproduce the distribution, not only its moments: P(X = 30) for mean 30.
        var g = Xoshiro256StarStar(seed: 8)
        let n = 200_000
        let hits = (0..<n).filter { _ in g.nextPoisson(mean: 30) == 30 }.count
        let p = exp(30 * log(30.0) - 30 - lgamma(31.0))
        XCTAssertEqual(Double(hits) / Double(n), p, accuracy: 5 * (p * (1 - p) / Double(n)).squareRoot())
    }

    func testNextIntIsUniform() {
        var g = Xoshiro256StarStar(seed: 9)
        var counts = [Int](repeating: 0, count: 7)
        let n = 70_000
        for _ in 0..<n { counts[g.nextInt(below: 7)] += 1 }
        let chi2 = counts.reduce(0.0) { $0 + pow(Double($1) - 10_000, 2) / 10_000 }
        XCTAssertLessThan(chi2, 22.46, "chi-square with 6 df above its 0.999 quantile")
    }

    func testAliasTableFrequencies() {
        let weights = [1.0, 0, 3, 6, 0.5]
        let table = AliasTable(weights: weights)
        var g = Xoshiro256StarStar(seed: 10)
        var counts = [Int](repeating: 0, count: weights.count)
        let n = 105_000
        for _ in 0..<n { counts[table.sample(using: &g)] += 1 }
        XCTAssertEqual(counts[1], 0, "a zero weight is never drawn")
        let total = weights.reduce(0, +)
        var chi2 = 0.0
        for (i, w) in weights.enumerated() where w > 0 {
            let e = Double(n) * w / total
            chi2 += pow(Double(counts[i]) - e, 2) / e
        }
        XCTAssertLessThan(chi2, 16.27, "chi-square with 3 df above its 0.999 quantile")
    }

    func testAliasTableSingleOutcome() {
        var g = Xoshiro256StarStar(seed: 1)
        XCTAssertEqual(AliasTable(weights: [2]).sample(using: &g), 0)
    }
}
