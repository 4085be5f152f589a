import TideSimModel
import TideSimCore
import TideSimBuffers
import Foundation

/// Mean, standard deviation and Student-t 95% half-width of one KPI across replications.
public struct Summary: Sendable, Equatable {
    /// Mean of the defined values; nil when no replication defines the KPI.
    public let mean: Double?
    /// Sample standard deviation (n - 1); nil for fewer than two values.
    public let sd: Double?
    /// Half-width of the 95% confidence interval of the mean, `t(0.975, n-1) * sd / sqrt(n)`;
    /// nil for fewer than two values.
    public let ci95: Double?
    /// Number of replications that define the KPI.
    public let count: Int

    /// Summarises values; nil entries (a KPI undefined in that replication) are skipped.
    public init(_ values: [Double?]) {
        self.init(count: values.count) { values[$0] }
    }

    /// Summarises `value(0)` to `value(count - 1)` (nil: skipped) without an array of them: a
    /// report of a 23,000-zone city makes half a million summaries.
    public init(count n: Int, _ value: (Int) -> Double?) {
        var k = 0, sum = 0.0
        for i in 0..<n { if let x = value(i) { sum += x; k += 1 } }
        count = k
        guard k > 0 else { mean = nil; sd = nil; ci95 = nil; return }
        // Two passes for accuracy, adding in the same order as the values come.
        let m = sum / Double(k)
        mean = m
        guard k > 1 else { sd = nil; ci95 = nil; return }
        var squares = 0.0
        for i in 0..<n { if let x = value(i) { squares += (x - m) * (x - m) } }
        let s = (squares / Double(k - 1)).squareRoot()
        sd = s
        ci95 = StudentT.quantile975(degreesOfFreedom: k - 1) * s / Double(k).squareRoot()
    }
}

extension Summary {
    /// Every system KPI's paired difference `a − b`, replication by replication (the same
    /// riders in both), indexed by ``SystemKPI/rawValue``: what compare, variants and a sweep's
    /// baseline report.
    public static func pairedDifferences(_ a: [ReplicationResult], _ b: [ReplicationResult]) -> [Summary] {
        SystemKPI.allCases.map { k in
            Summary(zip(a, b).map { x, y in
                guard let u = x.system[k.rawValue], let v = y.system[k.rawValue] else { return nil }
                return u - v
            })
        }
    }
}

/// The Student t distribution, for confidence intervals.
public enum StudentT {
    /// The p-quantile for `degreesOfFreedom` > 0, by bisection on the exact CDF (regularised
    /// incomplete beta function); accurate to about 1e-12.
    public static func quantile(_ p: Double, degreesOfFreedom df: Double) -> Double {
        precondition(p > 0 && p < 1 && df > 0)
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: df) }
        var lo = 0.0, hi = 1.0
        while cdf(hi, degreesOfFreedom: df) < p { hi *= 2 }
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if cdf(mid, degreesOfFreedom: df) < p { lo = mid } else { hi = mid }
            if hi - lo <= 1e-13 * max(1, hi) { break }
        }
        return (lo + hi) / 2
    }

    /// The 0.975-quantile (the 95% interval's), computed once per degrees of freedom: a run
    /// summarises every zone's KPIs over the same replications, so it asks for the same few
    /// values hundreds of thousands of times (each a bisection on the CDF, about 13 µs).
    public static func quantile975(degreesOfFreedom df: Int) -> Double {
        if let known = quantiles975.value(df) { return known }
        let q = quantile(0.975, degreesOfFreedom: Double(df))
        quantiles975.store(q, for: df)
        return q
    }

    private static let quantiles975 = QuantileCache()

    /// P(T <= t).
    public static func cdf(_ t: Double, degreesOfFreedom df: Double) -> Double {
        let x = df / (df + t * t)
        let tail = 0.5 * regularizedIncompleteBeta(a: df / 2, b: 0.5, x: x)
        return t >= 0 ? 1 - tail : tail
    }

    /// I_x(a, b) by the continued fraction of Numerical Recipes (Lentz's method).
    static func regularizedIncompleteBeta(a: Double, b: Double, x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let lnGammas: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
        let lnPowers: Double = a * log(x) + b * log(1 - x)
        let lnFront = lnGammas + lnPowers
        if x < (a + 1) / (a + b + 2) {
            return exp(lnFront) * continuedFraction(a: a, b: b, x: x) / a
        }
        return 1 - exp(lnFront) * continuedFraction(a: b, b: a, x: 1 - x) / b
    }

    private static func continuedFraction(a: Double, b: Double, x: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...500 {
            let m = Double(m)
            var aa = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return h
    }
}

/// Quantiles already computed, by degrees of freedom; safe to use from several threads.
private final class QuantileCache: @unchecked Sendable {
    private var values: [Int: Double] = [:]
    private let lock = NSLock()

    func value(_ df: Int) -> Double? {
        lock.lock(); defer { lock.unlock() }
        return values[df]
    }

    func store(_ q: Double, for df: Int) {
        lock.lock(); defer { lock.unlock() }
        values[df] = q
    }
}
