import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

/// Two zones and N bikes, flat demand a→b at rate λ and b→a at rate μ, rides of 0.06 s: the count
/// at a is a birth-death chain on 0...N (deaths at rate λ while a has a bike, births at rate μ
/// while b has one). Its transient distribution p(t) solves the Kolmogorov forward equations
/// p' = pQ; this test integrates them exactly by uniformization and compares the expected lost
/// rentals, empty minutes and overflow bike-hours over a day with the simulated means.
final class BirthDeathChainTests: XCTestCase {
    let n = 8, capA = 5, startA = 4
    let lambda = 40.0 / 3600, mu = 30.0 / 3600, horizon = 86_400.0

    /// ∫_0^T p(t) dt for the chain, by uniformization:
    /// ∫_0^T e^{-Λt} (Λt)^k / k! dt = P(Poisson(ΛT) > k) / Λ, so ∫ p = Σ_k p0 U^k P(Pois > k) / Λ.
    /// The Poisson weights are computed in log space (e^{-ΛT} underflows for ΛT in the thousands).
    func occupancyIntegral() -> [Double] {
        let rate = lambda + mu
        let m = rate * horizon
        let top = Int(m + 40 * m.squareRoot() + 100)
        let pmf = (0...top).map { k in exp(-m + Double(k) * log(m) - lgamma(Double(k) + 1)) }
        var tail = [Double](repeating: 0, count: top + 1)   // tail[k] = P(Pois > k)
        for k in stride(from: top - 1, through: 0, by: -1) { tail[k] = tail[k + 1] + pmf[k + 1] }
        var v = [Double](repeating: 0, count: n + 1)
        v[startA] = 1
        var integral = [Double](repeating: 0, count: n + 1)
        for k in 0..<top {
            for i in 0...n { integral[i] += v[i] * tail[k] / rate }
            // v <- v U, with U = I + Q / Λ.
            var next = [Double](repeating: 0, count: n + 1)
            for i in 0...n {
                let down = i > 0 ? lambda / rate : 0
                let up = i < n ? mu / rate : 0
                next[i] += v[i] * (1 - down - up)
                if i > 0 { next[i - 1] += v[i] * down }
                if i < n { next[i + 1] += v[i] * up }
            }
            v = next
        }
        return integral
    }

    func testMatchesKolmogorovForwardSolution() throws {
        let json = """
            {"tidesim":1,"zones":[{"id":"a","capacity":\(capA),"bikes":\(startA)},{"id":"b","capacity":\(n),"bikes":\(n - startA)}],
             "demand":{"ride":{"cv":0},"flows":[{"from":"a","to":"b","tripsPerDay":\(lambda * 86_400),"minutes":0.001},
                                                {"from":"b","to":"a","tripsPerDay":\(mu * 86_400),"minutes":0.001}]}}
            """
        let model = Model(try TestScenarios.load(json))
        let reps = Replications.run(model: model, seed: 2024, count: 300, threads: 2)

        let occupancy = occupancyIntegral()
        XCTAssertEqual(occupancy.reduce(0, +), horizon, accuracy: 1e-6 * horizon)
        let expectedLostA = lambda * occupancy[0]
        let expectedLostB = mu * occupancy[n]
        let expectedEmptyMinutes = occupancy[0] / 60
        let expectedOverflowHours = (capA...n).reduce(0.0) { $0 + Double($1 - capA) * occupancy[$1] } / 3600
        let expectedMeanBikes = (0...n).reduce(0.0) { $0 + Double($1) * occupancy[$1] } / horizon

        func check(_ values: [Double], _ expected: Double, _ what: String) {
            let s = Summary(values)
            // Five standard errors of the mean, plus 0.5% for the 0.06-second rides the chain ignores.
            let tolerance = 5 * s.sd! / Double(values.count).squareRoot() + 0.005 * abs(expected)
            XCTAssertEqual(s.mean!, expected, accuracy: tolerance, "\(what): simulated \(s.mean!) vs exact \(expected)")
        }
        check(reps.map { $0[zone: 0, .lostRentals]! }, expectedLostA, "lost rentals at a")
        check(reps.map { $0[zone: 1, .lostRentals]! }, expectedLostB, "lost rentals at b")
        check(reps.map { $0[zone: 0, .emptyMinutes]! }, expectedEmptyMinutes, "empty minutes at a")
        check(reps.map { $0[zone: 0, .overflowBikeHours]! }, expectedOverflowHours, "overflow bike-hours at a")
        check(reps.map { $0[zone: 0, .meanBikes]! }, expectedMeanBikes, "mean bikes at a")
        // The chain's answers are far from trivial, so the comparison has power.
        XCTAssertGreaterThan(expectedLostA, 50)
        XCTAssertGreaterThan(expectedOverflowHours, 1)
    }
}
