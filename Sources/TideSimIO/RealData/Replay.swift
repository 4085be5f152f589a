import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
/// A real day's trip attempts from records (`run --replay TRIPS --date D`): every record of that
/// date matched to zones is one attempt, at its start time, from its origin to its destination,
/// with its recorded duration.
public enum Replay {
    /// The attempts of one day, in time order (ties: origin, destination, duration), so the same
    /// file gives the same run whatever its row order.
    ///
    /// A record without a usable duration (the Mobike records have none; a non-positive one is
    /// an error in the file) rides for the scenario's mean ride time of that pair: the flow's
    /// `minutes` where the scenario has such a flow, else the distance at `demand.ride`.
    public static func attempts(_ records: TripRecords, scenario: Scenario) -> [TripAttempt] {
        var flowMinutes: [Int64: Double] = [:]
        var index: [String: Int32] = [:]
        for (i, z) in scenario.zones.enumerated() { index[z.id] = Int32(i) }
        for f in scenario.demand.flows {
            if let m = f.minutes, let o = index[f.from], let d = index[f.to] { flowMinutes[Int64(o) << 32 | Int64(d)] = m }
        }
        let ride = scenario.demand.ride
        func meanSeconds(_ o: Int32, _ d: Int32) -> Double {
            if let m = flowMinutes[Int64(o) << 32 | Int64(d)] { return m * 60 }
            var meters = 0.0
            if o != d, let a = scenario.zones[Int(o)].coordinate, let b = scenario.zones[Int(d)].coordinate { meters = a.distanceMeters(to: b) }
            return ride.meanSeconds(overMeters: meters)
        }
        var attempts = records.trips.map { t in
            TripAttempt(time: t.start, flow: -1, origin: t.origin, destination: t.destination,
                        duration: t.duration.isFinite ? t.duration : meanSeconds(t.origin, t.destination))
        }
        attempts.sort {
            ($0.time, $0.origin, $0.destination, $0.duration) < ($1.time, $1.origin, $1.destination, $1.duration)
        }
        return attempts
    }
}
