/// Expected net inflow of each zone over the next minutes, from the demand rates alone: what a
/// policy may know without seeing a random draw.
///
/// Per zone and profile group it keeps the expected trips per day out of and into the zone, and
/// the trip-weighted mean ride time of the incoming flows; with each group's cumulative profile,
/// the expected attempts in any interval cost O(groups) per zone.
public struct ForecastTables: Sendable {
    let groups: Int
    /// Cumulative fraction of a day's attempts at each slot boundary, per group (97 values).
    let cumulative: [[Double]]
    let outTrips: [Double]     // [zone * groups + g]
    let inTrips: [Double]
    let inRideSeconds: [Double]

    init(demand: CompiledDemand, zoneCount: Int) {
        let g = demand.groupSlotRate.count
        groups = g
        var cumulative: [[Double]] = []
        for rates in demand.groupSlotRate {
            let total = rates.reduce(0, +)
            var c = [0.0]
            for r in rates { c.append(c.last! + (total > 0 ? r / total : 0)) }
            cumulative.append(c)
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

    /// Fraction of a day's attempts of group g in [0, t) (t in seconds, any number of days).
    func cumulativeDays(_ g: Int, _ t: Double) -> Double {
        let days = (t / 86_400).rounded(.down)
        let x = (t - days * 86_400) / CompiledDemand.slotSeconds
        let s = min(Int(x), CompiledDemand.slotsPerDay - 1)
        let c = cumulative[g]
        return days + c[s] + (c[s + 1] - c[s]) * (x - Double(s))
    }

    /// Expected attempts starting in (from, to] that leave zone z, and that arrive at z by `to`.
    func expected(zone z: Int, from: Double, to: Double) -> (departures: Double, arrivals: Double) {
        var dep = 0.0, arr = 0.0
        for g in 0..<groups {
            let i = z * groups + g
            if outTrips[i] > 0 { dep += outTrips[i] * (cumulativeDays(g, to) - cumulativeDays(g, from)) }
            if inTrips[i] > 0 {
                let last = to - inRideSeconds[i]
                if last > from { arr += inTrips[i] * (cumulativeDays(g, last) - cumulativeDays(g, from)) }
            }
        }
        return (dep, arr)
    }
}
