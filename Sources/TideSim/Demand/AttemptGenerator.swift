/// One rider's trip attempt.
public struct TripAttempt: Sendable, Equatable {
    /// Seconds from midnight of day 1.
    public var time: Double
    /// The flow it belongs to.
    public var flow: Int32
    public var origin: Int32
    public var destination: Int32
    /// Ride duration in seconds, drawn now so that it does not depend on what happens to the rider.
    public var duration: Double
}

/// The stream of trip attempts of one replication, in time order.
///
/// This is the common-random-numbers rule made concrete: the stream depends only on the compiled
/// demand, the seed and the replication number. It never sees the state, the fleet or the policy,
/// so every policy and every fleet size in replication r meets exactly the same riders.
///
/// The attempts are the superposition of all flows' non-homogeneous Poisson processes: within a
/// quarter hour the total rate is constant, gaps are exponential, and each attempt's flow is drawn
/// in proportion to the flows' rates in that slot. A gap that crosses a slot boundary is discarded
/// and drawing resumes at the boundary with the new rate (exact, by memorylessness).
public struct AttemptGenerator: Sendable {
    private let demand: CompiledDemand
    private var rng: Xoshiro256StarStar
    private var time: Double = 0
    private let endTime: Double
    /// A day of recorded attempts replayed instead of drawn, and where the replay is.
    private let replayDay: [TripAttempt]
    private let replaying: Bool
    private var replayIndex = 0
    private var replayOffset = 0.0

    /// A stream over `[0, endTime)` for a seed and a replication (1-based); with `replay`, the
    /// recorded day's attempts on every day instead (nothing is drawn).
    public init(demand: CompiledDemand, seed: UInt64, replication: Int, endTime: Double, replay: [TripAttempt]? = nil) {
        self.demand = demand
        self.rng = Xoshiro256StarStar(seed: seed, replication: replication, purpose: .demand)
        self.endTime = endTime
        replayDay = replay ?? []
        replaying = replay != nil
    }

    /// The next replayed attempt, day after day.
    private mutating func nextReplayed() -> TripAttempt? {
        while replayOffset < endTime {
            if replayIndex < replayDay.count {
                var a = replayDay[replayIndex]
                replayIndex += 1
                a.time += replayOffset
                return a.time < endTime ? a : nil
            }
            replayIndex = 0
            replayOffset += 86_400
        }
        return nil
    }

    /// The next attempt, or nil when the horizon is reached.
    /// - Complexity: O(1) amortised (slots with no demand are skipped one by one).
    public mutating func next() -> TripAttempt? {
        if replaying { return nextReplayed() }
        while time < endTime {
            let slotIndex = Int(time / CompiledDemand.slotSeconds)
            let slotEnd = min(Double(slotIndex + 1) * CompiledDemand.slotSeconds, endTime)
            let slot = slotIndex % CompiledDemand.slotsPerDay
            let rate = demand.slotRate[slot]
            guard rate > 0 else {
                time = slotEnd
                continue
            }
            let t = time + rng.nextExponential(rate: rate)
            if t >= slotEnd {
                time = slotEnd
                continue
            }
            time = t
            let g = demand.slotGroupTables.sample(table: slot, using: &rng)
            // The group's alias draw, as AliasTableSet.sample does it, on the packed entries.
            let base = Int(demand.groupFlowStart[g]), n = Int(demand.groupFlowStart[g + 1]) - base
            var e = demand.entries[base]
            if n > 1 {
                let (i, u) = rng.nextIndexAndFraction(below: n)
                e = demand.entries[base + i]
                if u >= e.probability { e = demand.entries[base + Int(e.alias)] }
            }
            let duration = e.ride.sample(using: &rng)
            return TripAttempt(time: t, flow: e.flow, origin: e.origin, destination: e.destination, duration: duration)
        }
        return nil
    }
}
