import TideSimCore
import TideSimBuffers
/// The truck fleet compiled for the engine.
public struct TruckSettings: Sendable {
    public let count: Int
    public let capacity: Int
    /// Seconds per metre of great-circle distance (detour over speed).
    public let secondsPerMeter: Double
    /// Road kilometres per great-circle metre (the detour factor over 1000).
    public let kmPerMeter: Double
    public let loadSeconds: Double
    public let depot: Site
    /// Working hours; empty means all day.
    public let shifts: [TimeWindow]

    /// Whether the trucks may take new orders at a time (seconds from midnight of day 1).
    public func inShift(_ t: Double) -> Bool {
        shifts.isEmpty || shifts.contains { $0.contains(secondOfDay: t.truncatingRemainder(dividingBy: 86_400)) }
    }
}

/// The policy's thresholds resolved for every zone ("one point, one policy").
public struct ZoneTargets: Sendable {
    /// Thresholds as fractions of capacity.
    public let high: [Double], target: [Double], low: [Double]
    /// The holding area assigned to each zone, if any.
    public let holdingArea: [Int?]
    /// Higher priority zones are served first (default 0).
    public let priority: [Double]

    /// The bike count a zone is cleared down to or refilled up to: `floor(target × capacity)`.
    public func targetBikes(_ z: Int, capacity: Int) -> Int { Int((target[z] * Double(capacity)).rounded(.down)) }
}
