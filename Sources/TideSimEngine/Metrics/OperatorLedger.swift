import TideSimModel
import TideSimCore
@_spi(RawBytes) import TideSimBuffers
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
///
/// Everything per zone or per operator is in buffers this replication owns (``FixedArray``: a
/// write is a store), a zone's operators side by side (`z * count + o`). A class of constants
/// only: the engine's calls pass a reference, where a struct of two dozen buffers was copied.
final class OperatorLedger {
    let count: Int
    let share: FixedArray<Double>
    /// Bikes of each operator in each zone (`z * count + o`) and holding area (`h * count + o`).
    let own: FixedArray<Int>, held: FixedArray<Int>
    /// `own` and `share` as addresses, for the riders' path (reading through them retains nothing);
    /// valid as long as the ledger.
    let ownAddress: UnsafeMutablePointer<Int>, shareAddress: UnsafeMutablePointer<Double>, ridingAddress: UnsafeMutablePointer<Int>
    /// Each operator's bikes ridden now, and on its trucks now.
    let riding: FixedArray<Int>, onTrucks: FixedArray<Int>

    private let clearanceSeconds: Double
    private let capacity: FixedArray<Int>
    private let lastChange: FixedArray<Double>
    /// Start of the zone's episode above capacity under way (measured time), or -1.
    private let overSince: FixedArray<Double>
    /// Whether the episode under way has been attributed as a breach.
    private let breachTold: FixedArray<Bool>

    /// Attempts by riders who prefer each operator (`[o]`), trips on each operator's bikes
    /// (`[count + o]`) and its riders lost (`[2 × count + o]`), counted through `tallyAddress`.
    private let tally: FixedArray<Int>
    private let tallyAddress: UnsafeMutablePointer<Int>
    /// The breaches each operator answers for.
    let breaches: FixedArray<Int>
    /// Bike-seconds above fair share, per operator and per zone and operator (`z * count + o`).
    let excessSeconds: FixedArray<Double>, zoneExcessSeconds: FixedArray<Double>
    /// Each operator's bikes in each zone when the zone reached its peak pressure (`z * count + o`).
    let peakBikes: FixedArray<Int>

    init(model: Model) {
        let n = model.operators.count, zones = n == 0 ? 0 : model.zoneCount, areas = n == 0 ? 0 : model.holdingCount
        count = n
        share = FixedArray(model.operators.map(\.share))
        own = FixedArray((0..<zones * n).map { model.operators[$0 % n].zoneInitialBikes[$0 / n] })
        held = FixedArray((0..<areas * n).map { model.operators[$0 % n].holdingInitialBikes[$0 / n] })
        ownAddress = own.baseAddress
        shareAddress = share.baseAddress
        riding = FixedArray(repeating: 0, count: n)
        onTrucks = FixedArray(repeating: 0, count: n)
        ridingAddress = riding.baseAddress
        clearanceSeconds = model.clearanceMinutes * 60
        capacity = FixedArray((0..<zones).map { model.capacity(zone: $0, at: 0) })
        lastChange = FixedArray(repeating: 0, count: zones)
        overSince = FixedArray(repeating: -1, count: zones)
        breachTold = FixedArray(repeating: false, count: zones)
        tally = FixedArray(repeating: 0, count: 3 * n)
        tallyAddress = tally.baseAddress
        breaches = FixedArray(repeating: 0, count: n)
        excessSeconds = FixedArray(repeating: 0, count: n)
        zoneExcessSeconds = FixedArray(repeating: 0, count: zones * n)
        peakBikes = FixedArray(repeating: 0, count: zones * n)
    }

    /// Operator o's bikes in zone z now.
    @inline(__always) func bikes(_ o: Int, inZone z: Int) -> Int { own[z &* count &+ o] }
    /// Operator o's bikes in holding area h now.
    @inline(__always) func held(_ o: Int, inArea h: Int) -> Int { held[h &* count &+ o] }

    /// Operator o's bikes in each holding area now.
    func held(by o: Int, areas: Int) -> [Int] { (0..<areas).map { held(o, inArea: $0) } }

    /// Bikes operator o fields now, wherever they are.
    func fleet(_ o: Int) -> Int {
        var total = riding[o] + onTrucks[o]
        for z in 0..<(own.count / max(1, count)) { total += bikes(o, inZone: z) }
        for h in 0..<(held.count / max(1, count)) { total += held(o, inArea: h) }
        return total
    }

    /// Zone z goes from `before` to `after` bikes at `t` under `cap` spaces in force (called
    /// before any operator's count changes): its accounts up to `t`, and an episode begins or ends.
    @inline(__always)
    func zoneChanged(_ z: Int, from before: Int, to after: Int, capacity cap: Int, at t: Double, measuring: Bool) {
        guard measuring else { return }
        // Under capacity before and after (the common case) nothing is owed, and the time of the
        // last change matters only from the moment the zone goes over.
        if before > cap {
            accountOverflow(z, cap: cap, at: t)
            lastChange[z] = t
            if after <= cap { overSince[z] = -1 }
        } else if after > cap {
            lastChange[z] = t
            overSince[z] = t
            breachTold[z] = false
        }
    }

    /// Brings zone z's accounts up to `t`, before its bikes (`total` now) or its cap change.
    @inline(__always)
    func willChange(_ z: Int, total: Int, at t: Double, measuring: Bool) {
        guard measuring else { return }
        let cap = capacity[z]
        if total > cap { accountOverflow(z, cap: cap, at: t) }
        lastChange[z] = t
    }

    /// The overflow of zone z, above `cap`, since its last change: who was above its fair share,
    /// and who answers for a breach of the clearance rule that happened meanwhile.
    private func accountOverflow(_ z: Int, cap: Int, at t: Double) {
        let dt = t - lastChange[z]
        let base = z &* count
        var responsible = false
        for o in 0..<count {
            let excess = Double(own[base &+ o]) - share[o] * Double(cap)
            guard excess > 0 else { continue }
            responsible = true
            if dt > 0 {
                excessSeconds[o] += excess * dt
                zoneExcessSeconds[base &+ o] += excess * dt
            }
        }
        // The state since the last change held when the rule was broken: it decides who answers for the breach.
        let since = overSince[z]
        if since >= 0, !breachTold[z], t > since + clearanceSeconds {
            breachTold[z] = true
            if responsible {
                for o in 0..<count where Double(own[base &+ o]) > share[o] * Double(cap) { breaches[o] += 1 }
            }
        }
    }

    /// Zone z holds `total` bikes from `t` on: an episode begins or ends.
    @inline(__always)
    func didChange(_ z: Int, total: Int, at t: Double, measuring: Bool) {
        guard measuring else { return }
        if total > capacity[z] {
            if overSince[z] < 0 {
                overSince[z] = t
                breachTold[z] = false
            }
        } else {
            overSince[z] = -1
        }
    }

    /// Zone z has `cap` spaces in force from `t`.
    func capacityChanged(_ z: Int, to cap: Int, total: Int, at t: Double, measuring: Bool) {
        willChange(z, total: total, at: t, measuring: measuring)
        capacity[z] = cap
        didChange(z, total: total, at: t, measuring: measuring)
    }

    /// The measured window starts at `t` with `totals` bikes per zone.
    func beginMeasurement(at t: Double, totals: [Int]) {
        for z in totals.indices {
            lastChange[z] = t
            if totals[z] > capacity[z] { overSince[z] = t; breachTold[z] = false }
        }
    }

    /// Zone z has just reached its peak pressure: keep who holds its bikes.
    func notePeak(_ z: Int) {
        for o in 0..<count { peakBikes[z &* count &+ o] = own[z &* count &+ o] }
    }

    /// An attempt by a rider who prefers operator `preferred`, served by a bike of `by` (-1: lost).
    @inline(__always)
    func attempt(preferred: Int, servedBy by: Int, measuring: Bool) {
        guard measuring else { return }
        tallyAddress[preferred] &+= 1
        if by >= 0 { tallyAddress[count &+ by] &+= 1 } else { tallyAddress[2 &* count &+ preferred] &+= 1 }
    }

    /// Attempts by riders who prefer operator o, trips on its bikes, its riders lost.
    func attempts(_ o: Int) -> Int { tally[o] }
    func served(_ o: Int) -> Int { tally[count + o] }
    func lost(_ o: Int) -> Int { tally[2 * count + o] }

    /// Closes the accounts at the end of the run.
    func finish(at end: Double, totals: [Int], measuring: Bool) {
        for z in totals.indices { willChange(z, total: totals[z], at: end, measuring: measuring) }
    }
}
