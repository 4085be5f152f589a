import TideSimCore
import TideSimBuffers
import Foundation

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

    @inlinable public init(time: Double, flow: Int32, origin: Int32, destination: Int32, duration: Double) {
        self.time = time
        self.flow = flow
        self.origin = origin
        self.destination = destination
        self.duration = duration
    }
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
        var a = TripAttempt(time: 0, flow: 0, origin: 0, destination: 0, duration: 0)
        return fill(&a, capacity: 1) == 1 ? a : nil
    }

    /// Writes the next attempts, up to `capacity` of them, to `buffer` in time order and returns
    /// how many it wrote: fewer than `capacity` only at the horizon, 0 after it. The attempts and
    /// the random numbers are exactly those of as many calls of ``next()``.
    ///
    /// Two passes: the first draws every random number of the batch (times, groups, the flows'
    /// alias slots, the rides' normal variates: none depends on which flow is drawn, since all
    /// flows share one ride cv), the second looks the flows up. The look-ups are independent of
    /// one another, so on a big city the processor overlaps their cache misses instead of waiting
    /// for each in turn (the flow table is megabytes, and one random entry is read per attempt).
    package mutating func fill(_ buffer: UnsafeMutablePointer<TripAttempt>, capacity: Int) -> Int {
        if replaying {
            var n = 0
            while n < capacity, let a = nextReplayed() { buffer[n] = a; n += 1 }
            return n
        }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: capacity) { fractions in
            let n = drawRandomParts(buffer, fractions: fractions.baseAddress!, capacity: capacity)
            lookUpFlows(buffer, fractions: fractions.baseAddress!, count: n)
            return n
        }
    }

    /// The first pass: each attempt's time, and, parked in its other fields, the entry its alias
    /// draw points at (`flow`), its group's first entry (`origin`) and its ride's standard normal
    /// variate (`duration`); the alias fraction goes to `fractions`.
    private mutating func drawRandomParts(_ buffer: UnsafeMutablePointer<TripAttempt>, fractions: UnsafeMutablePointer<Double>,
                                          capacity: Int) -> Int {
        var rng = self.rng, time = self.time
        defer { self.rng = rng; self.time = time }
        let endTime = self.endTime
        let exponential = ZigguratTable.exponential, normal = ZigguratTable.normal
        let slotRate = demand.slotRate, groupFlowStart = demand.groupFlowStart, groupTables = demand.slotGroupTables
        let constantRides = demand.rideSigma == 0
        var n = 0
        while n < capacity && time < endTime {
            let slotIndex = Int(time / CompiledDemand.slotSeconds)
            let slotEnd = min(Double(slotIndex + 1) * CompiledDemand.slotSeconds, endTime)
            let slot = slotIndex % CompiledDemand.slotsPerDay
            let rate = slotRate[slot]
            guard rate > 0 else {
                time = slotEnd
                continue
            }
            // Within the slot the rate is constant: draw until a gap crosses its end (that gap is
            // discarded, and drawing resumes at the boundary: exact, by memorylessness).
            while n < capacity {
                let t = time + rng.nextExponential(table: exponential, rate: rate)
                if t >= slotEnd {
                    time = slotEnd
                    break
                }
                time = t
                let g = groupTables.sample(table: slot, using: &rng)
                // The group's alias draw, as AliasTableSet.sample does it, on the packed entries.
                let base = Int(groupFlowStart[g]), count = Int(groupFlowStart[g + 1]) - base
                var entry = base, u = -Double.infinity
                if count > 1 {
                    let (i, fraction) = rng.nextIndexAndFraction(below: count)
                    entry = base + i
                    u = fraction
                }
                let z = constantRides ? 0 : rng.nextStandardNormal(table: normal)
                buffer[n] = TripAttempt(time: t, flow: Int32(entry), origin: Int32(base), destination: 0, duration: z)
                fractions[n] = u
                n += 1
            }
        }
        return n
    }

    /// The second pass: the flows the alias draws chose, and the ride times. The look-up loop has
    /// no branch on a loaded value and calls nothing, so many iterations (and their cache misses)
    /// are in flight at once; the ride times follow in a loop of their own.
    private func lookUpFlows(_ buffer: UnsafeMutablePointer<TripAttempt>, fractions: UnsafeMutablePointer<Double>, count n: Int) {
        demand.entries.withUnsafeBufferPointer { entries in
            for k in 0..<n {
                let a = buffer[k]
                let drawn = Int(a.flow)
                let first = entries[drawn]
                let alias = Int(a.origin) + Int(first.alias)
                let e = entries[fractions[k] >= first.probability ? alias : drawn]
                buffer[k] = TripAttempt(time: a.time, flow: e.flow, origin: e.origin, destination: e.destination, duration: a.duration)
                fractions[k] = e.rideParameter
            }
        }
        let sigma = demand.rideSigma
        if sigma == 0 {
            for k in 0..<n { buffer[k].duration = fractions[k] }
        } else {
            for k in 0..<n { buffer[k].duration = exp(fractions[k] + sigma * buffer[k].duration) }
        }
    }
}
