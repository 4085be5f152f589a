import TideSimModel
import TideSimCore
import TideSimBuffers
/// A zone the forecast says riders will take below its low count, with when it runs dry (or dips
/// below its low count) and the held bikes it can take.
typealias ShortZone = (zone: Int, when: Double, amount: Int)

extension ForecastPath {
    /// The zones riders will take below their low count before `until` (not a zone low now that
    /// riders fill), soonest first, each with the bikes that bring its lowest level back to its
    /// target count without keeping it over capacity for longer than the clearance rule allows
    /// before riders take them: where held bikes go back, before riders need them. `clearance`
    /// and `predictive` release by it.
    /// - Parameters:
    ///   - capacity: each zone's capacity (the lowest in force over the policy's horizon);
    ///   - targetCount, lowCount: each zone's target and low counts for that capacity;
    ///   - roomUntil: with it, bikes are brought only while the zone stays at or below capacity
    ///     until then (not only until riders take them): a zone the forecast fills later that day
    ///     would keep them until they overflow it.
    /// - Complexity: O(zones × forecast steps).
    func shortZones(_ view: PolicyView, until: Double, capacity cap: [Double], targetCount: [Double], lowCount: [Double], roomUntil: Double? = nil) -> [ShortZone] {
        let model = view.model
        let clearance = model.clearanceMinutes * 60
        var short: [ShortZone] = []
        for z in 0..<model.zoneCount where model.zoneCoordinate[z] != nil {
            let low = lowest(zone: z, until: until)
            guard low.level < lowCount[z], low.time > view.time,
                  now[z] < cap[z], view.zoneBikes[z] < model.capacity(zone: z, at: view.time) else { continue }
            // Riders are lost from when it runs dry; a zone that only dips below its low count
            // comes after every zone that runs dry.
            let when = firstStep(zone: z) { $0 < 0 } ?? (view.time + 2 * 86_400 + low.level)
            // Room: what arrives must not keep the zone over capacity for longer than the rule
            // allows before riders take it.
            let arrives = view.time + ClearancePolicy.stepMinutes * 60
            let room = cap[z] - highest(zone: z, from: arrives, until: roomUntil ?? min(low.time, arrives + clearance))
            let amount = Int(min(targetCount[z] - low.level, room).rounded(.down))
            if amount > 0 { short.append((z, when, amount)) }
        }
        short.sort { $0.when != $1.when ? $0.when < $1.when : $0.zone < $1.zone }
        return short
    }
}
