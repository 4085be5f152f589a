import TideSimBuffers
import Foundation

/// Sampling routines written here rather than taken from the standard library, so that a seed
/// gives the same numbers on every platform and toolchain.
extension RandomNumberGenerator {
    /// A uniform double in [0, 1) with 53 random bits.
    @inlinable @inline(__always) public mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in (0, 1]: safe to pass to `log`.
    @inlinable @inline(__always) public mutating func nextOpenUnitDouble() -> Double {
        Double((next() >> 11) &+ 1) * 0x1.0p-53
    }

    /// An exponential variate with the given rate (mean `1 / rate`), by the ziggurat method
    /// (``nextStandardExponential()``; tidesim 0.3.0, inversion before).
    @inlinable @inline(__always) public mutating func nextExponential(rate: Double) -> Double {
        nextStandardExponential() / rate
    }

    /// ``nextExponential(rate:)`` with the ziggurat table passed in (for loops that draw many).
    @inlinable @inline(__always) public mutating func nextExponential(table: ZigguratTable, rate: Double) -> Double {
        nextStandardExponential(table: table) / rate
    }

    /// A uniform integer in `0..<bound` by Lemire's multiply-shift method (unbiased).
    @inlinable @inline(__always) public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold { m = next().multipliedFullWidth(by: b) }
        }
        return Int(m.high)
    }

    /// A Poisson variate with the given mean: multiplication of uniforms below 10, the PTRS
    /// transformed-rejection method of Hörmann (1993) above.
    public mutating func nextPoisson(mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean < 10 {
            let limit = exp(-mean)
            var product = nextUnitDouble()
            var count = 0
            while product > limit {
                product *= nextUnitDouble()
                count += 1
            }
            return count
        }
        let slam = mean.squareRoot()
        let loglam = log(mean)
        let b = 0.931 + 2.53 * slam
        let a = -0.059 + 0.02483 * b
        let invalpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = nextUnitDouble() - 0.5
            let v = nextUnitDouble()
            let us = 0.5 - abs(u)
            let k = floor((2 * a / us + b) * u + mean + 0.43)
            if us >= 0.07 && v <= vr { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            let lhs = log(v) + log(invalpha) - log(a / (us * us) + b)
            let rhs = -mean + k * loglam - lgamma(k + 1)
            if lhs <= rhs { return Int(k) }
        }
    }
}

/// A lognormal distribution given by its mean and coefficient of variation, the form in which
/// ride times are specified. A cv of 0 degenerates to the constant mean.
public struct LognormalByMean: Sendable, Equatable {
    /// Location parameter of the underlying normal.
    public let mu: Double
    /// Scale parameter of the underlying normal (0 for a constant).
    public let sigma: Double
    /// The distribution's mean.
    public let mean: Double

    /// Creates the distribution with `E[X] = mean` and `sd(X) / E[X] = cv`.
    public init(mean: Double, cv: Double) {
        let s2 = log(1 + cv * cv)
        self.mean = mean
        self.sigma = s2.squareRoot()
        self.mu = log(mean) - s2 / 2
    }

    /// Draws one value; exactly `mean` when the cv is 0 (no random numbers are consumed then).
    @inlinable @inline(__always) public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
        if sigma == 0 { return mean }
        return exp(mu + sigma * generator.nextStandardNormal())
    }
}
