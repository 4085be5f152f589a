import TideSimBuffers
/// Vose's alias method: after O(n) set-up, draws an index with probability proportional to its
/// weight in O(1) (one uniform integer and one uniform double).
public struct AliasTable: Sendable {
    @usableFromInline let probability: [Double]
    @usableFromInline let alias: [Int32]

    /// Number of outcomes.
    public var count: Int { probability.count }

    /// Builds the table. Weights must be finite and non-negative with a positive sum.
    /// - Complexity: O(n).
    public init(weights: [Double]) {
        let n = weights.count
        precondition(n > 0, "an alias table needs at least one weight")
        let total = weights.reduce(0, +)
        precondition(total > 0 && total.isFinite, "alias table weights must have a positive finite sum")
        var scaled = weights.map { $0 * Double(n) / total }
        var prob = [Double](repeating: 1, count: n)
        var alias = [Int32](repeating: 0, count: n)
        var small: [Int] = []
        var large: [Int] = []
        for i in 0..<n { if scaled[i] < 1 { small.append(i) } else { large.append(i) } }
        while let s = small.popLast() {
            guard let l = large.popLast() else { small.append(s); break }
            prob[s] = scaled[s]
            alias[s] = Int32(l)
            scaled[l] = (scaled[l] + scaled[s]) - 1
            if scaled[l] < 1 { small.append(l) } else { large.append(l) }
        }
        // Leftovers are 1 up to rounding.
        for i in small { prob[i] = 1; alias[i] = Int32(i) }
        for i in large { prob[i] = 1; alias[i] = Int32(i) }
        for i in 0..<n where alias[i] == 0 && prob[i] == 1 { alias[i] = Int32(i) }
        self.probability = prob
        self.alias = alias
    }

    /// Draws an index in `0..<count`.
    @inlinable @inline(__always) public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Int {
        let n = probability.count
        if n == 1 { return 0 }
        let (i, u) = generator.nextIndexAndFraction(below: n)
        return u < probability[i] ? i : Int(alias[i])
    }
}
