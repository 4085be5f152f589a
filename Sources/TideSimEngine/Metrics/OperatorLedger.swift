import TideSimModel
import TideSimCore
import TideSimBuffers
/// What each operator owns and answers for in one replication of a city with operators
/// (DESIGN.md section 2b): its bikes in each zone and holding area, riding and on its trucks;
/// the trips it served and lost; and the overflow it is responsible for.
///
/// An operator's *fair share* of a zone is `share × cap` (the cap in force). While a zone is above
/// capacity, an operator with more bikes there than its fair share is responsible: the bikes above
/// it count in its overflow bike-hours, and when the zone's episode outlasts the clearance rule,
/// the operators above their fair share at the moment the rule is broken (`clearanceMinutes` after
/// the episode began) are each responsible for that breach. Integrals are exact: they are
/// accumulated whenever a zone's bikes (any operator's) or its cap change, clipped to the
/// measured window.
struct OperatorLedger {
    let count: Int
    let share: [Double]
    /// Bikes of each operator in each zone: `zone[o][z]` (the engine's own buffers).
    let zone: [FixedArray<Int>]
    var holding: [[Int]]
    var riding: [Int], onTrucks: [Int]

    private let clearanceSeconds: Double
    private var capacity: [Int]
    private var lastChange: [Double]
    /// Start of the zone's episode above capacity under way (measured time), or nil.
    private var overSince: [Double?]
    /// Whether the episode under way has been attributed as a breach.
    private var breachTold: [Bool]

    /// Attempts by riders who prefer each operator, trips on each operator's bikes, and its riders lost.
    private(set) var attempts: [Int], served: [Int], lost: [Int], breaches: [Int]
    /// Bike-seconds above fair share, per operator and per zone and operator (`z * count + o`).
    private(set) var excessSeconds: [Double]
    private(set) var zoneExcessSeconds: [Double]
    /// Each operator's bikes in each zone when the zone reached its peak pressure (`z * count + o`).
    private(set) var peakBikes: [Int]

    init(model: Model) {
        count = model.operators.count
        share = model.operators.map(\.share)
        zone = model.operators.map { FixedArray($0.zoneInitialBikes) }
        holding = model.operators.map(\.holdingInitialBikes)
        riding = Array(repeating: 0, count: count)
        onTrucks = riding
        clearanceSeconds = model.clearanceMinutes * 60
        capacity = (0..<model.zoneCount).map { model.capacity(zone: $0, at: 0) }
        lastChange = Array(repeating: 0, count: model.zoneCount)
        overSince = Array(repeating: nil, count: model.zoneCount)
        breachTold = Array(repeating: false, count: model.zoneCount)
        attempts = riding
        served = riding
        lost = riding
        breaches = riding
        excessSeconds = Array(repeating: 0, count: count)
        zoneExcessSeconds = Array(repeating: 0, count: model.zoneCount * count)
        peakBikes = Array(repeating: 0, count: model.zoneCount * count)
    }

    /// Bikes operator o fields now, wherever they are.
    func fleet(_ o: Int) -> Int { zone[o].array.reduce(0, +) + holding[o].reduce(0, +) + riding[o] + onTrucks[o] }

    /// Brings zone z's accounts up to `t`, before its bikes (`total` now) or its cap change.
    mutating func willChange(_ z: Int, total: Int, at t: Double, measuring: Bool) {
        guard measuring else { return }
        let cap = capacity[z]
        if total > cap {
            let dt = t - lastChange[z]
            var responsible = false
            for o in 0..<count {
                let excess = Double(zone[o][z]) - share[o] * Double(cap)
                guard excess > 0 else { continue }
                responsible = true
                if dt > 0 {
                    excessSeconds[o] += excess * dt
                    zoneExcessSeconds[z * count + o] += excess * dt
                }
            }
            // The state since the last change held when the rule was broken: it decides who answers for the breach.
            if let since = overSince[z], !breachTold[z], t > since + clearanceSeconds {
                breachTold[z] = true
                if responsible {
                    for o in 0..<count where Double(zone[o][z]) > share[o] * Double(cap) { breaches[o] += 1 }
                }
            }
        }
        lastChange[z] = t
    }

    /// Zone z holds `total` bikes from `t` on: an episode begins or ends.
    mutating func didChange(_ z: Int, total: Int, at t: Double, measuring: Bool) {
        guard measuring else { return }
        let over = total > capacity[z]
        if over && overSince[z] == nil {
            overSince[z] = t
            breachTold[z] = false
        } else if !over {
            overSince[z] = nil
        }
    }

    /// Zone z has `cap` spaces in force from `t`.
    mutating func capacityChanged(_ z: Int, to cap: Int, total: Int, at t: Double, measuring: Bool) {
        willChange(z, total: total, at: t, measuring: measuring)
        capacity[z] = cap
        didChange(z, total: total, at: t, measuring: measuring)
    }

    /// Zone z has just reached its peak pressure: keep who holds its bikes.
    mutating func notePeak(_ z: Int) {
        for o in 0..<count { peakBikes[z * count + o] = zone[o][z] }
    }

    /// The measured window starts at `t` with `totals` bikes per zone.
    mutating func beginMeasurement(at t: Double, totals: [Int]) {
        for z in totals.indices {
            lastChange[z] = t
            if totals[z] > capacity[z] { overSince[z] = t; breachTold[z] = false }
        }
    }

    /// An attempt by a rider who prefers operator `preferred`, served by a bike of `by` (nil: lost).
    @inline(__always)
    mutating func attempt(preferred: Int, servedBy by: Int?, measuring: Bool) {
        guard measuring else { return }
        attempts[preferred] += 1
        if let by { served[by] += 1 } else { lost[preferred] += 1 }
    }

    /// Closes the accounts at the end of the run.
    mutating func finish(at end: Double, totals: [Int], measuring: Bool) {
        for z in totals.indices { willChange(z, total: totals[z], at: end, measuring: measuring) }
    }
}
