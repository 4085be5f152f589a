import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

/// The writers' own shortest-decimal digits are exactly what Swift's `description` writes.
final class ShortestDecimalTests: XCTestCase {
    private func written(_ x: Double) -> String {
        let buffer = ByteBuffer(capacity: 16)
        buffer.append(shortest: x)
        return buffer.string
    }

    private func check(_ values: [Double], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        var served = 0, wrong: [String] = []
        for x in values {
            if ShortestDecimal.digits(x) != nil { served += 1 }
            let ours = written(x), theirs = "\(x)"
            if ours != theirs && wrong.count < 5 { wrong.append("\(theirs) written as \(ours) (bits \(String(x.bitPattern, radix: 16)))") }
        }
        XCTAssertEqual(wrong, [], what, file: file, line: line)
        XCTAssertGreaterThan(served, values.count * 9 / 10, "\(what): the fast path served \(served) of \(values.count)", file: file, line: line)
    }

    /// Doubles drawn as bits across the range served: every exponent, random significands, both signs.
    func testRandomDoublesAcrossTheRange() {
        var rng = SplitMix64(seed: 20261128)
        let values = (0..<200_000).map { _ -> Double in
            let r = rng.next()
            let exponent = UInt64(1023 - 13) + r % 65                  // 2^-13 ... 2^51
            let bits = (r >> 63) << 63 | exponent << 52 | (rng.next() & (1 << 52 - 1))
            return Double(bitPattern: bits)
        }.filter { $0 != $0.rounded() }
        check(values, "random bits")
    }

    /// Short decimals (what a person writes, what sums of a few KPIs give) and their neighbours.
    func testShortDecimalsAndTheirNeighbours() {
        var rng = SplitMix64(seed: 7)
        var values: [Double] = []
        for _ in 0..<60_000 {
            let digits = 1 + Int(rng.next() % 17), places = 1 + Int(rng.next() % 17)
            var n = 1.0
            for _ in 0..<digits { n *= 10 }
            let x = Double(rng.next() % UInt64(n)) / pow(10, Double(places))
            values += [x, x.nextUp, x.nextDown]
        }
        check(values.filter { $0 >= 0x1p-13 && $0 != $0.rounded() }, "short decimals")
    }

    /// Dyadic fractions with few bits (where the nearest candidates can tie), powers of two
    /// (whose lower neighbour is half as far) and the edges of the range.
    func testTiesPowersOfTwoAndEdges() {
        var values: [Double] = []
        var rng = SplitMix64(seed: 3)
        for s in 1...40 {
            for _ in 0..<500 { values.append(Double(rng.next() % (1 << 40) | 1) / Double(UInt64(1) << s)) }
        }
        for e in -13...51 {
            let p = Double(sign: .plus, exponent: e, significand: 1)
            values += [p, p.nextUp, p.nextDown, p + p.ulp * 3, -p.nextUp]
        }
        values += [0x1p-13.nextDown, 0x1p52.nextDown, -0x1p52.nextDown, 0.1, 0.2, 0.3, 2.0 / 3, 1434.2094305258904,
                   0.0040212288014650445, 4503599627370495.5, 9.999999999999999e-5, 1e-4, 0.00012345, 5e-324, 1e300]
        check(values.filter { $0 != $0.rounded() }, "ties, powers of two, edges")
    }

    /// Whole numbers go out as digits: every digit count, both signs, zero and minus zero, and
    /// the shortest form beyond 1e15.
    func testWholeNumbersAsDigits() {
        var values: [Double] = [0, -0.0, 1e15, -1e15, 1e15 - 1, 9007199254740992, 1e300]
        var p = 1.0
        for _ in 0..<16 {
            values += [p - 1, p, p + 1, -p, 7 * p]
            p *= 10
        }
        for x in values {
            let buffer = ByteBuffer(capacity: 16)
            buffer.append(number: x)
            let expected = abs(x) < 1e15 ? String(Int(x)) : "\(x)"
            XCTAssertEqual(buffer.string, expected)
        }
        for n in [0, 5, -5, 9, 10, 99, 100, Int.max, Int.min + 1, -1_234_567_890_123] {
            let buffer = ByteBuffer(capacity: 16)
            buffer.append(int: n)
            XCTAssertEqual(buffer.string, String(n))
        }
    }
}
