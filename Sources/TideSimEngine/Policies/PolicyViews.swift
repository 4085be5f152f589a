import TideSimModel
import TideSimCore
import TideSimBuffers

/// The bikes in each zone now, read straight from the engine's state: no copy per decision. Valid
/// only during the policy's call (the engine changes the counts as events run).
public struct BikeCounts: RandomAccessCollection, Sendable {
    @usableFromInline let counts: FixedArray<Int>

    init(_ counts: FixedArray<Int>) { self.counts = counts }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { counts.count }
    @inlinable public subscript(i: Int) -> Int { counts[i] }
}

/// The rides under way, read-only: the arrivals the engine has scheduled. A policy can see where
/// and when riders will return bikes, and cannot schedule or remove anything.
public struct RidesUnderWay {
    let events: EventQueue

    init(_ events: EventQueue) { self.events = events }

    /// Calls `body` with the zone and arrival time of every ride due by `horizon` (all of them by
    /// default), in no particular order.
    public func forEach(until horizon: Double = .infinity, _ body: (_ zone: Int, _ arrival: Double) -> Void) {
        events.forEachScheduled(.rideArrival, until: horizon) { body(Int($0), $1) }
    }
}
