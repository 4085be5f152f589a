import TideSimCore
import TideSimBuffers
/// Expected net inflow of each zone over the next minutes, from the demand rates alone: what a
/// policy may know without seeing a random draw.
///
/// Per zone and profile group it keeps the expected trips per day out of and into the zone, and
/// the trip-weighted mean ride time of the incoming flows; with each group's cumulative profile,
/// the expected attempts in any interval cost O(groups) per zone.
public struct ForecastTables: Sendable {
    let groups: Int
    /// Cumulative fraction of a day's attempts at each slot boundary, per group: the group's 97
    /// values at `cumulative[g * stride ...]` (one flat array: no array to retain per look-up).
    let cumulative: [Double]
    private static let stride = CompiledDemand.slotsPerDay + 1
    private(set) var outTrips: [Double]     // [zone * groups + g]
    private(set) var inTrips: [Double]
    let inRideSeconds: [Double]

    init(demand: CompiledDemand, zoneCount: Int) {
        let g = demand.groupSlotRate.count
        groups = g
        var cumulative: [Double] = []
        for rates in demand.groupSlotRate {
            precondition(rates.count == CompiledDemand.slotsPerDay)
            let total = rates.reduce(0, +)
            var c = [0.0]
            for r in rates { c.append(c.last! + (total > 0 ? r / total : 0)) }
            cumulative += c
        }
        self.cumulative = cumulative
        var out = [Double](repeating: 0, count: zoneCount * g)
        var inn = out, ride = out
        for f in 0..<demand.flowOrigin.count {
            let group = Int(demand.flowGroup[f])
            guard group >= 0 else { continue }
            let trips = demand.flowTripsPerDay[f]
            out[Int(demand.flowOrigin[f]) * g + group] += trips
            let i = Int(demand.flowDestination[f]) * g + group
            inn[i] += trips
            ride[i] += trips * demand.flowRide[f].mean
        }
        for i in 0..<inn.count where inn[i] > 0 { ride[i] /= inn[i] }
        outTrips = out
        inTrips = inn
        inRideSeconds = ride
    }

    /// The same forecast for `share` of the riders: every expected trip scaled, ride times as they are.
    func scaled(by share: Double) -> ForecastTables {
        var s = self
        s.outTrips = outTrips.map { $0 * share }
        s.inTrips = inTrips.map { $0 * share }
        return s
    }

    /// Fraction of a day's attempts of group g in [0, t) (t in seconds, any number of days).
    @inline(__always)
    func cumulativeDays(_ g: Int, _ t: Double) -> Double {
        // Whole days: truncation is the floor for t >= 0 (without a call to floor).
        let days = t >= 0 && t < 0x1p52 ? Double(Int(t / 86_400)) : (t / 86_400).rounded(.down)
        let x = (t - days * 86_400) / CompiledDemand.slotSeconds
        let s = min(Int(x), CompiledDemand.slotsPerDay - 1)
        let base = g * ForecastTables.stride + s
        return cumulative.withUnsafeBufferPointer { c in days + c[base] + (c[base + 1] - c[base]) * (x - Double(s)) }
    }

    /// Adds every zone's expected net inflow over (from, to] to `net` (arrivals minus
    /// departures, each zone's as ``expected(zone:from:to:)`` gives them): one pass over the
    /// flat tables, the interval's share of each group's day worked out once.
    package func addExpectedNetInflow(into net: inout [Double], from: Double, to: Double) {
        let interval = interval(from: from, to: to)
        withTables { tables in
            for z in net.indices {
                let (departures, arrivals) = expected(zone: z, in: interval, tables)
                net[z] += arrivals - departures
            }
        }
    }

    /// An interval's share of each group's day, worked out once for every zone of a forecast.
    struct Interval {
        let from: Double, to: Double
        /// Per group: the fraction of a day's attempts in (from, to], and in [0, from).
        let share: [Double], before: [Double]
    }

    func interval(from: Double, to: Double) -> Interval {
        let before = (0..<groups).map { cumulativeDays($0, from) }
        return Interval(from: from, to: to, share: (0..<groups).map { cumulativeDays($0, to) - before[$0] }, before: before)
    }

    /// Expected attempts starting in (from, to] that leave zone z, and that arrive at z by `to`.
    func expected(zone z: Int, from: Double, to: Double) -> (departures: Double, arrivals: Double) {
        let interval = interval(from: from, to: to)
        return withTables { expected(zone: z, in: interval, $0) }
    }

    /// The per-zone tables as buffers (no bounds check or retain per look-up in a pass over zones).
    private typealias Tables = (out: UnsafeBufferPointer<Double>, inn: UnsafeBufferPointer<Double>, ride: UnsafeBufferPointer<Double>)

    private func withTables<R>(_ body: (Tables) -> R) -> R {
        outTrips.withUnsafeBufferPointer { out in
            inTrips.withUnsafeBufferPointer { inn in
                inRideSeconds.withUnsafeBufferPointer { ride in body((out, inn, ride)) }
            }
        }
    }

    /// The same for an interval worked out beforehand: O(groups), and a profile look-up only for
    /// the arrivals (whose ride time differs by zone).
    @inline(__always)
    private func expected(zone z: Int, in interval: Interval, _ t: Tables) -> (departures: Double, arrivals: Double) {
        var dep = 0.0, arr = 0.0
        for g in 0..<groups {
            let i = z &* groups &+ g
            if t.out[i] > 0 { dep += t.out[i] * interval.share[g] }
            if t.inn[i] > 0 {
                let last = interval.to - t.ride[i]
                if last > interval.from { arr += t.inn[i] * (cumulativeDays(g, last) - interval.before[g]) }
            }
        }
        return (dep, arr)
    }
}
