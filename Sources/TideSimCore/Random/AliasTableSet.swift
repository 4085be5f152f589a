import TideSimBuffers
/// Many alias tables in two flat arrays, so that drawing from table k touches no nested array
/// (no reference counting in the hot loop). Draws exactly as ``AliasTable`` does.
public struct AliasTableSet: Sendable {
    public let probability: [Double]
    public let alias: [Int32]
    /// Table k occupies `start[k]..<start[k+1]`; its aliases are local indices.
    @usableFromInline let start: [Int32]

    /// Packs tables in order.
    public init(_ tables: [AliasTable]) {
        var p: [Double] = [], a: [Int32] = [], s: [Int32] = [0]
        for t in tables {
            p += t.probability
            a += t.alias
            s.append(Int32(p.count))
        }
        probability = p
        alias = a
        start = s
    }

    public var count: Int { start.count - 1 }

    /// Draws a local index from table k.
    @inlinable @inline(__always)
    public func sample<G: RandomNumberGenerator>(table k: Int, using generator: inout G) -> Int {
        let base = Int(start[k]), n = Int(start[k + 1]) - base
        if n == 1 { return 0 }
        let (i, u) = generator.nextIndexAndFraction(below: n)
        return u < probability[base + i] ? i : Int(alias[base + i])
    }
}
