import TideSimCore
import TideSimBuffers
/// The `--fleet N` what-if.
public enum FleetRescaling {
    /// Rescales the zones' initial bikes so that zones plus holding areas hold `total` bikes,
    /// proportionally to the current counts, by the largest-remainder method (ties go to the zone
    /// listed first). Zones that all start empty are filled in proportion to their capacity.
    /// - Throws: ``TideSimError/usage(_:)`` when `total` is below the bikes in holding areas.
    public static func rescale(_ scenario: inout Scenario, to total: Int) throws(TideSimError) {
        let held = scenario.holdingAreas.reduce(0) { $0 + $1.bikes }
        guard total >= held else {
            throw .usage("--fleet \(total): the holding areas alone start with \(held) bikes; the fleet must be at least that")
        }
        let target = total - held
        var weights = scenario.zones.map { Double($0.bikes) }
        if weights.reduce(0, +) == 0 { weights = scenario.zones.map { Double($0.capacity) } }
        if weights.reduce(0, +) == 0 { weights = scenario.zones.map { _ in 1 } }
        let counts = largestRemainder(total: target, weights: weights)
        for i in scenario.zones.indices { scenario.zones[i].bikes = counts[i] }
    }

    /// Splits `total` into whole shares proportional to `weights` (sum positive) by the
    /// largest-remainder (Hamilton) method; equal remainders favour the lower index.
    public static func largestRemainder(total: Int, weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        let quotas = weights.map { Double(total) * $0 / sum }
        var counts = quotas.map { Int($0.rounded(.down)) }
        let remaining = total - counts.reduce(0, +)
        let order = quotas.indices.sorted { a, b in
            let ra = quotas[a] - Double(counts[a]), rb = quotas[b] - Double(counts[b])
            return ra != rb ? ra > rb : a < b
        }
        for i in order.prefix(max(0, remaining)) { counts[i] += 1 }
        return counts
    }
}

extension Scenario {
    /// Zones that start the day above their capacity, with the bikes they hold over it, in file
    /// order: what a `--fleet` rescaling that is too large for the district produces.
    public var zonesStartingOverCapacity: [(zone: Int, excess: Int)] {
        zones.indices.compactMap { z in zones[z].bikes > zones[z].capacity ? (z, zones[z].bikes - zones[z].capacity) : nil }
    }
}
