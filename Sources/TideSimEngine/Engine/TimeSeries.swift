import TideSimModel
import TideSimCore
import TideSimBuffers
/// The state sampled every `sampleMinutes` over the measured days.
public struct TimeSeries: Sendable, Equatable {
    /// Sample times in seconds from midnight of day 1.
    public var times: [Double] = []
    /// Bikes per zone, sample-major: `zoneBikes[sample * zoneCount + zone]`.
    public var zoneBikes: [Int32] = []
    /// Bikes per holding area, sample-major.
    public var holdingBikes: [Int32] = []
    /// Bikes being ridden at each sample.
    public var riding: [Int32] = []
    /// Bikes on trucks at each sample.
    public var onTrucks: [Int32] = []
    /// Trucks on an order (the policy's, or the drive back to the depot) at each sample.
    public var busyTrucks: [Int32] = []

    public init() {}
}
