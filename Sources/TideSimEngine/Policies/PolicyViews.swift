import TideSimModel
import TideSimCore
import TideSimBuffers

/// The bikes in each zone now, read straight from the engine's state: no copy per decision. Valid
/// only during the policy's call (the engine changes the counts as events run).
///
/// With operators it is one operator's bikes, read from the engine's buffer of every operator's
/// bikes in every zone (zone `i`'s at `i × stride + offset`).
public struct BikeCounts: RandomAccessCollection, Sendable {
    @usableFromInline let counts: FixedArray<Int>
    @usableFromInline let stride: Int, offset: Int

    init(_ counts: FixedArray<Int>, stride: Int = 1, offset: Int = 0) {
        self.counts = counts
        self.stride = stride
        self.offset = offset
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { counts.count / stride }
    @inlinable public subscript(i: Int) -> Int { counts[i &* stride &+ offset] }
}

/// The rides under way, read-only: the arrivals the engine has scheduled. A policy can see where
/// and when riders will return bikes, and cannot schedule or remove anything.
///
/// With operators, a policy sees the rides on its operator's bikes only.
public struct RidesUnderWay {
    let events: EventQueue
    /// With operators, a ride's event site is `zone × operators + operator`; `only` is the
    /// operator whose rides are seen (-1: every ride).
    let operators: Int32, only: Int32

    init(_ events: EventQueue, operators: Int = 1, only: Int = -1) {
        self.events = events
        self.operators = Int32(max(1, operators))
        self.only = Int32(only)
    }

    /// Calls `body` with the zone and arrival time of every ride due by `horizon` (all of them by
    /// default), in no particular order.
    public func forEach(until horizon: Double = .infinity, _ body: (_ zone: Int, _ arrival: Double) -> Void) {
        if operators == 1 {
            events.forEachScheduled(.rideArrival, until: horizon) { body(Int($0), $1) }
        } else {
            let n = operators, only = only
            events.forEachScheduled(.rideArrival, until: horizon) { site, t in
                if only < 0 || site % n == only { body(Int(site / n), t) }
            }
        }
    }
}
