import TideSimModel
import TideSimCore
import TideSimBuffers
/// The time series of several replications added up, sample by sample: what the report's charts
/// need (their means), in the size of one replication's series whatever the number of
/// replications. The counts are whole numbers, so the sums are exact and do not depend on the
/// order in which replications are added.
public struct TimeSeriesTotals: Sendable, Equatable {
    /// Replications added.
    public private(set) var count = 0
    /// Sample times in seconds from midnight of day 1 (the same in every replication).
    public private(set) var times: [Double] = []
    /// Summed bikes per zone, sample-major: `zoneBikes[sample * zoneCount + zone]`.
    public private(set) var zoneBikes: [Double] = []
    /// Summed bikes per holding area, sample-major.
    public private(set) var holdingBikes: [Double] = []
    /// Summed bikes ridden, and on trucks, per sample.
    public private(set) var riding: [Double] = [], onTrucks: [Double] = []
    /// Summed trucks on an order, per sample.
    public private(set) var busyTrucks: [Double] = []

    public init() {}

    /// The totals of recorded series.
    public init(_ series: some Sequence<TimeSeries>) {
        for s in series { add(s) }
    }

    /// Adds one replication's series.
    public mutating func add(_ series: TimeSeries) {
        if count == 0 { times = series.times }
        count += 1
        func add(_ values: [Int32], to sums: inout [Double]) {
            if sums.count < values.count { sums += repeatElement(0, count: values.count - sums.count) }
            sums.withUnsafeMutableBufferPointer { s in
                for i in values.indices { s[i] += Double(values[i]) }
            }
        }
        add(series.zoneBikes, to: &zoneBikes)
        add(series.holdingBikes, to: &holdingBikes)
        add(series.riding, to: &riding)
        add(series.onTrucks, to: &onTrucks)
        add(series.busyTrucks, to: &busyTrucks)
    }
}
