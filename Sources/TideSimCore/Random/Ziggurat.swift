import TideSimBuffers
import Foundation

/// The ziggurat method of Marsaglia and Tsang (2000) for the exponential and the standard normal
/// distribution: exact (a rejection method), and in about 99% of draws one 64-bit random number,
/// a table lookup, a multiplication and a comparison, instead of a logarithm (and, for the normal,
/// a square root and a cosine).
///
/// 256 layers of equal area `v` under the density, the base layer holding the tail beyond `r`.
/// A draw takes layer `i` from the low 8 bits and a uniform from the top 53 bits (no bit is used
/// twice); x = u·x[i] is accepted at once when it lies under the next layer's edge, else it is
/// tested against the density (a wedge) or, in the base layer, drawn from the tail.
/// The tables are computed at first use by the standard recurrence
/// x[i+1] = f⁻¹(v / x[i] + f(x[i])), which reproduces the published constants.
public struct ZigguratTable: @unchecked Sendable {
    /// Layer edges, x[0] = v / f(r) (the base layer's equivalent width), x[1] = r, ..., x[256] = 0.
    /// Plain pointers to tables made once and never freed: reading them costs no reference count
    /// in the hot loop (an array would be retained at every draw).
    @usableFromInline let x: UnsafePointer<Double>
    /// Density at each edge.
    @usableFromInline let f: UnsafePointer<Double>
    @usableFromInline let r: Double

    init(r: Double, v: Double, density: (Double) -> Double, inverse: (Double) -> Double) {
        var x = [Double](repeating: 0, count: 257)
        x[0] = v / density(r)
        x[1] = r
        for i in 1..<255 { x[i + 1] = inverse(v / x[i] + density(x[i])) }
        x[256] = 0
        let xs = UnsafeMutablePointer<Double>.allocate(capacity: 257)
        let fs = UnsafeMutablePointer<Double>.allocate(capacity: 257)
        for i in 0..<257 { xs[i] = x[i]; fs[i] = density(x[i]) }
        self.x = UnsafePointer(xs)
        f = UnsafePointer(fs)
        self.r = r
    }

    /// f(x) = exp(-x), r and v of Marsaglia and Tsang.
    public static let exponential = ZigguratTable(r: 7.697117470131487, v: 0.0039496598225815571993,
                                                             density: { exp(-$0) }, inverse: { -log($0) })
    /// f(x) = exp(-x²/2) (unnormalised), r and v of Marsaglia and Tsang.
    public static let normal = ZigguratTable(r: 3.6541528853610088, v: 0.00492867323399,
                                                        density: { exp(-$0 * $0 / 2) }, inverse: { (-2 * log($0)).squareRoot() })
}

extension RandomNumberGenerator {
    /// An exponential variate with mean 1, by the ziggurat method.
    @inlinable @inline(__always) public mutating func nextStandardExponential() -> Double {
        nextStandardExponential(table: ZigguratTable.exponential)
    }

    /// ``nextStandardExponential()`` with its table passed in: a loop that draws many keeps the
    /// table in registers instead of checking at every draw that the static is initialised.
    @inlinable @inline(__always) public mutating func nextStandardExponential(table t: ZigguratTable) -> Double {
        while true {
            let bits = next()
            let i = Int(bits & 0xFF)
            let x = Double(bits >> 11) * 0x1.0p-53 * t.x[i]
            if x < t.x[i + 1] { return x }
            if i == 0 {
                // The tail beyond r is r plus an exponential (memorylessness).
                return t.r - log(nextOpenUnitDouble())
            }
            if t.f[i + 1] + (t.f[i] - t.f[i + 1]) * nextUnitDouble() < exp(-x) { return x }
        }
    }

    /// A standard normal variate by the ziggurat method, the sign from the uniform's sign bit
    /// (tidesim 0.3.0; the Box–Muller transform before).
    @inlinable @inline(__always) public mutating func nextStandardNormal() -> Double {
        nextStandardNormal(table: ZigguratTable.normal)
    }

    /// ``nextStandardNormal()`` with its table passed in (see ``nextStandardExponential(table:)``).
    @inlinable @inline(__always) public mutating func nextStandardNormal(table t: ZigguratTable) -> Double {
        while true {
            let bits = next()
            let i = Int(bits & 0xFF)
            // A uniform in (-1, 1) from the top 53 bits: the top bit is the sign.
            let u = Double(Int64(bitPattern: bits) >> 11) * 0x1.0p-52
            let x = u * t.x[i]
            if abs(x) < t.x[i + 1] { return x }
            if i == 0 {
                // Marsaglia's tail: x = -log(u1)/r, y = -log(u2), accept when 2y >= x².
                while true {
                    let tx = -log(nextOpenUnitDouble()) / t.r
                    let ty = -log(nextOpenUnitDouble())
                    if 2 * ty >= tx * tx { return u < 0 ? -(t.r + tx) : t.r + tx }
                }
            }
            if t.f[i + 1] + (t.f[i] - t.f[i + 1]) * nextUnitDouble() < exp(-x * x / 2) { return x }
        }
    }

    /// A uniform index in `0..<bound` and, from the same 64 bits, a uniform fraction in [0, 1):
    /// what one alias-table draw needs (Lemire's multiply-shift, with its rejection step, so the
    /// index is exactly uniform; the fraction is the product's low word, at 2⁻⁵³ resolution).
    @inlinable @inline(__always) public mutating func nextIndexAndFraction(below bound: Int) -> (index: Int, fraction: Double) {
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold { m = next().multipliedFullWidth(by: b) }
        }
        return (Int(m.high), Double(m.low >> 11) * 0x1.0p-53)
    }
}
