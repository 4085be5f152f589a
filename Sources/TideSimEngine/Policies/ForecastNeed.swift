import TideSimModel
import TideSimCore
import TideSimBuffers
/// A zone the forecast says riders will take below its low count, with when it runs dry (or dips
/// below its low count) and the held bikes it can take.
typealias ShortZone = (zone: Int, when: Double, amount: Int)

/// Each zone's capacity (the lowest in force over a policy's horizon: a rush-hour cap about to
/// open counts already) and its target and low counts for that capacity.
struct ZoneCounts {
    let capacity: [Double], target: [Double], low: [Double]

    init(_ view: PolicyView, capacityUntil: Double) {
        let model = view.model, targets = model.targets
        let capacity = (0..<model.zoneCount).map { Double(model.lowestCapacity(zone: $0, from: view.time, to: capacityUntil)) }
        self.capacity = capacity
        target = capacity.indices.map { Double(targets.targetBikes($0, capacity: Int(capacity[$0]))) }
        low = capacity.indices.map { targets.low[$0] * capacity[$0] }
    }
}

extension PolicyView {
    /// How far ahead `clearance` and `predictive` look for zones to bring held bikes to: until
    /// the `idle` trucks' shift ends plus an hour (a day at most), and at least `horizonMinutes`.
    func releaseHorizon(idle: [Int], horizonMinutes: Double) -> Double {
        let shiftEnd = idle.map { orderDeadline(truck: $0) }.max() ?? time
        return max(time + horizonMinutes * 60, min(shiftEnd + 3600, time + 86_400))
    }
}

extension ForecastPath {
    /// The zones riders will take below their low count before `until` (not a zone low now that
    /// riders fill), soonest first, each with the bikes that bring its lowest level back to its
    /// target count without keeping it over capacity for longer than the clearance rule allows
    /// before riders take them: where held bikes go back, before riders need them. `clearance`
    /// and `predictive` release by it.
    /// - Parameters:
    ///   - counts: each zone's capacity over the policy's horizon, and its target and low counts;
    ///   - roomUntil: with it, bikes are brought only while the zone stays at or below capacity
    ///     until then (not only until riders take them): a zone the forecast fills later that day
    ///     would keep them until they overflow it.
    /// - Complexity: O(zones × forecast steps).
    func shortZones(_ view: PolicyView, until: Double, counts: ZoneCounts, roomUntil: Double? = nil) -> [ShortZone] {
        let model = view.model
        let cap = counts.capacity
        let clearance = model.clearanceMinutes * 60
        var short: [ShortZone] = []
        for z in 0..<model.zoneCount where model.zoneCoordinate[z] != nil {
            let low = lowest(zone: z, until: until)
            guard low.level < counts.low[z], low.time > view.time,
                  now[z] < cap[z], view.zoneBikes[z] < model.capacity(zone: z, at: view.time) else { continue }
            // Riders are lost from when it runs dry; a zone that only dips below its low count
            // comes after every zone that runs dry.
            let when = firstStep(zone: z) { $0 < 0 } ?? (view.time + 2 * 86_400 + low.level)
            // Room: what arrives must not keep the zone over capacity for longer than the rule
            // allows before riders take it.
            let arrives = view.time + ClearancePolicy.stepMinutes * 60
            let room = cap[z] - highest(zone: z, from: arrives, until: roomUntil ?? min(low.time, arrives + clearance))
            let amount = Int(min(counts.target[z] - low.level, room).rounded(.down))
            if amount > 0 { short.append((z, when, amount)) }
        }
        short.sort { $0.when != $1.when ? $0.when < $1.when : $0.zone < $1.zone }
        return short
    }
}
