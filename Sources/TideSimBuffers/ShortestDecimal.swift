/// The shortest decimal that reads back as a given double, and of those the closest to it: the
/// digits Swift's `description` writes, found with exact integer arithmetic for the numbers the
/// writers meet most (not whole, between 2^-10 and 2^52, always written without an exponent).
///
/// The double is `M · 2^-s`; every decimal strictly between the midpoints to its neighbours (or
/// on one, when `M` is even: a reader rounds a tie to the even significand) reads back as it.
/// Scaled by `10^k0`, where `k0` is chosen so that this interval is wider than 1, the interval
/// holds an integer; digits are then taken off the end while a multiple of ten remains inside
/// (fewer digits), and of the candidates with that many digits the one nearest the exact value is
/// kept. With `M < 2^53` and `1 ≤ s ≤ 62`, `k0 ≤ 19`: each product is one 64 × 64-bit multiply.
@usableFromInline enum ShortestDecimal {
    /// Digits and the number of them after the decimal point, or nil outside the range served
    /// (left to the standard library).
    @usableFromInline
    static func digits(_ x: Double) -> (digits: UInt64, fractionDigits: Int)? {
        let magnitude = abs(x)
        guard magnitude >= 0x1p-10 && magnitude < 0x1p52 && Double(Int64(magnitude)) != magnitude else { return nil }
        let bits = magnitude.bitPattern
        let fraction = bits & (1 << 52 - 1)
        let m = fraction | 1 << 52
        let s = 1075 - Int(truncatingIfNeeded: bits >> 52)   // x = m / 2^s, 1 <= s <= 62
        let k0 = ((s + 1) &* 78_913) >> 18 + 1                // ceil((s + 1) log10 2): 10^k0 > 2^(s+1)
        let even = fraction & 1 == 0
        // Bounds in quarters of the last bit; the lower neighbour is half as far when the
        // significand is a power of two.
        let scale = powerOfTen(k0)
        let (low, lowExact) = shifted((4 &* m &- (fraction == 0 ? 1 : 2)).multipliedFullWidth(by: scale), by: s + 2)
        let (high, highExact) = shifted((4 &* m &+ 2).multipliedFullWidth(by: scale), by: s + 2)
        var lo = low, hi = high
        if !lowExact || !even { lo &+= 1 }                     // ceil, or past a midpoint that reads as the neighbour
        if highExact && !even { hi &-= 1 }
        var k = k0
        while true {
            let l = (lo &+ 9) / 10, h = hi / 10
            guard l <= h else { break }
            lo = l; hi = h; k &-= 1
        }
        // The candidate nearest the exact value x · 10^k (a tie goes to the even one).
        let exact = m.multipliedFullWidth(by: powerOfTen(k))
        var d = exact.high &<< (64 &- s) | exact.low &>> s
        let rest = exact.low & (UInt64.max &>> (64 &- s)), half = UInt64(1) &<< (s &- 1)
        if rest > half || (rest == half && d & 1 == 1) { d &+= 1 }
        d = min(max(d, lo), hi)
        return (d, k)
    }

    /// `(high, low) >> shift` for 1 ≤ shift ≤ 64 (the result fits 64 bits here), and whether
    /// nothing was shifted out.
    @inline(__always)
    private static func shifted(_ p: (high: UInt64, low: UInt64), by shift: Int) -> (UInt64, Bool) {
        if shift == 64 { return (p.high, p.low == 0) }
        return (p.high &<< (64 &- shift) | p.low &>> shift, p.low & (UInt64.max &>> (64 &- shift)) == 0)
    }

    /// 10^k for 0 ≤ k ≤ 19.
    @inlinable @inline(__always)
    static func powerOfTen(_ k: Int) -> UInt64 { powersOfTen[k] }

    /// The number of decimal digits of `d` (1 for 0): from its bit length, then one comparison.
    @inlinable @inline(__always)
    static func digitCount(_ d: UInt64) -> Int {
        let t = ((64 &- (d | 1).leadingZeroBitCount) &* 1233) &>> 12   // about log10(2^bits)
        return max(1, t &+ (t < 20 && d >= powersOfTen[t] ? 1 : 0))
    }

    /// Writes exactly `count` digits of `value` (leading zeros included) at `p`, two at a time
    /// from a table of the hundred pairs.
    @inlinable @inline(__always)
    static func writeDigits(_ value: UInt64, count: Int, to p: UnsafeMutablePointer<UInt8>) {
        let pairs = ("00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899" as StaticString).utf8Start
        var v = value, i = count
        while i >= 2 {
            let pair = Int(truncatingIfNeeded: v % 100) &* 2
            v /= 100
            i &-= 2
            p[i] = pairs[pair]
            p[i &+ 1] = pairs[pair &+ 1]
        }
        if i == 1 { p[0] = 48 &+ UInt8(truncatingIfNeeded: v) }
    }
}

/// 10^0 ... 10^19, a constant the compiler lays out statically.
@usableFromInline let powersOfTen: [UInt64] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
                                     10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
                                     1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000,
                                     1_000_000_000_000_000_000, 10_000_000_000_000_000_000]
