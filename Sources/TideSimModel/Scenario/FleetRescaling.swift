import TideSimCore
import TideSimBuffers
/// What `--fleet` asks for: a number of bikes (`--fleet 12000`), or a change of the scenario's
/// fleet in percent (`--fleet -30%`, `--fleet +10%`).
public enum FleetTarget: Sendable, Equatable, CustomStringConvertible {
    case bikes(Int)
    /// The change in percent: -30 for `-30%`.
    case percent(Double)

    /// The largest fleet `--fleet` takes.
    public static let maximumBikes = 100_000_000

    /// `12000`, `-30%`, `+10%`, `0%`; nil for anything else, a negative count, a change of -100%
    /// or less (no fleet) or above +1000%.
    public init?(parsing text: String) {
        if text.hasSuffix("%") {
            let number = text.dropLast()
            guard let p = Double(number), p.isFinite, p > -100, p <= 1000, !number.contains(where: { $0 == "e" || $0 == "E" }) else { return nil }
            self = .percent(p)
        } else {
            guard let n = Int(text), n >= 0, n <= FleetTarget.maximumBikes else { return nil }
            self = .bikes(n)
        }
    }

    /// The fleet it asks for, given the scenario's: round((1 + p/100) × fleet) for a change.
    public func total(from current: Int) -> Int {
        switch self {
        case .bikes(let n): return n
        case .percent(let p): return Int((Double(current) * (1 + p / 100)).rounded())
        }
    }

    /// As typed back: `12000`, `-30%`, `+10%`.
    public var description: String {
        switch self {
        case .bikes(let n): return String(n)
        case .percent(let p):
            let number = p == p.rounded() && abs(p) < 1e15 ? String(Int(p)) : String(p)
            return (p > 0 ? "+" : "") + number + "%"
        }
    }
}

/// The `--fleet` what-if.
public enum FleetRescaling {
    /// Rescales the zones' initial bikes so that zones plus holding areas hold `total` bikes,
    /// proportionally to the current counts, by the largest-remainder method (ties go to the zone
    /// listed first). Zones that all start empty are filled in proportion to their capacity.
    /// - Throws: ``TideSimError/usage(_:)`` when `total` is below the bikes in holding areas.
    public static func rescale(_ scenario: inout Scenario, to target: FleetTarget) throws(TideSimError) {
        let total = target.total(from: scenario.fleet)
        guard total <= FleetTarget.maximumBikes else {
            throw .usage("--fleet \(target): that makes \(total) bikes, more than \(FleetTarget.maximumBikes)")
        }
        try rescale(&scenario, to: total, shownAs: target.description)
    }

    /// Rescales to `total` bikes (see ``rescale(_:to:)``); `shownAs` is the flag's value in messages.
    public static func rescale(_ scenario: inout Scenario, to total: Int, shownAs: String? = nil) throws(TideSimError) {
        let held = scenario.holdingAreas.reduce(0) { $0 + $1.bikes }
        guard total >= held else {
            let asked = shownAs.map { "\($0) (\(total) bikes)" } ?? String(total)
            throw .usage("--fleet \(asked): the holding areas alone start with \(held) bikes; the fleet must be at least that")
        }
        let target = total - held
        if !scenario.operators.isEmpty { return rescaleOperators(&scenario, zonesTo: target, total: total) }
        var weights = scenario.zones.map { Double($0.bikes) }
        if weights.reduce(0, +) == 0 { weights = scenario.zones.map { Double($0.capacity) } }
        if weights.reduce(0, +) == 0 { weights = scenario.zones.map { _ in 1 } }
        let counts = largestRemainder(total: target, weights: weights)
        for i in scenario.zones.indices { scenario.zones[i].bikes = counts[i] }
    }

    /// With operators: every operator's bikes in every zone are rescaled together (so each keeps
    /// its part of every zone), and each quota by the same factor as the fleet (rounded), so that
    /// operators stand against their permits as before.
    private static func rescaleOperators(_ scenario: inout Scenario, zonesTo target: Int, total: Int) {
        let before = scenario.fleet
        let placed = scenario.placedBikes().zones
        let n = scenario.zones.count
        var weights = placed.flatMap { $0.map(Double.init) }
        if weights.reduce(0, +) == 0 {
            weights = scenario.operators.flatMap { op in scenario.zones.map { Double($0.capacity) * op.share } }
        }
        if weights.reduce(0, +) == 0 { weights = weights.map { _ in 1 } }
        let counts = largestRemainder(total: target, weights: weights)
        for z in 0..<n {
            let split = scenario.operators.indices.map { OperatorBikes(operatorID: scenario.operators[$0].id, bikes: counts[$0 * n + z]) }
            scenario.zones[z].bikesByOperator = split
            scenario.zones[z].bikes = split.reduce(0) { $0 + $1.bikes }
        }
        let factor = before > 0 ? Double(total) / Double(before) : 1
        for o in scenario.operators.indices {
            scenario.operators[o].quota = Int((Double(scenario.operators[o].quota) * factor).rounded())
        }
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
