/// The system's bikes above capacity (summed over zones) as a step function of time: after each
/// change, the time and the new total, from the start of the run (warm-up included). The dispatch
/// bound reads it from the run without transfers.
public struct OverflowTrace: Sendable, Equatable {
    /// Seconds from midnight of day 1, non-decreasing; the first is 0.
    public private(set) var times: [Double] = []
    /// The total from `times[i]` until `times[i + 1]`.
    public private(set) var overflow: [Int32] = []

    public init() {}

    /// The total became `overflow` at `time` (a later entry at the same time replaces it).
    mutating func append(time: Double, overflow value: Int) {
        if let last = times.last, last == time {
            overflow[overflow.count - 1] = Int32(clamping: value)
        } else {
            times.append(time)
            overflow.append(Int32(clamping: value))
        }
    }

    /// Whether nothing was recorded.
    public var isEmpty: Bool { times.isEmpty }
}
