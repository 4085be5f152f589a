/// What a scheduled event does.
public enum EventKind: UInt8, Sendable {
    /// A rider arrives at a zone to return a bike (`site` is the zone).
    case rideArrival
    /// A truck reaches its pickup (`site` is the truck).
    case truckAtPickup
    /// A truck has finished loading and leaves for its drop-off.
    case truckLoaded
    /// A truck reaches its drop-off.
    case truckAtDropoff
    /// A truck has finished unloading and is idle.
    case truckIdle
    /// The policy's periodic decision time.
    case decisionEpoch
}

/// A scheduled event: a plain value, ordered by time and then by the order it was scheduled, so
/// that events at the same instant run in a fixed, reproducible order.
public struct Event: Sendable {
    public var time: Double
    public var sequence: UInt64
    public var kind: EventKind
    public var site: Int32

    @inlinable func precedes(_ other: Event) -> Bool {
        time < other.time || (time == other.time && sequence < other.sequence)
    }
}

/// A 4-ary min-heap of events in a contiguous array: half the depth of a binary heap, and the
/// four children of a node share a cache line or two. Events are totally ordered by (time,
/// sequence), so the order in which they come out does not depend on the heap's shape.
public struct EventQueue: Sendable {
    @usableFromInline var heap: ContiguousArray<Event> = []
    private var nextSequence: UInt64 = 0

    public init() {}

    public var isEmpty: Bool { heap.isEmpty }
    public var count: Int { heap.count }
    /// The earliest event's time, or +infinity.
    @inlinable public var nextTime: Double { heap.first?.time ?? .infinity }

    /// Schedules an event.
    /// - Complexity: O(log n).
    public mutating func schedule(_ kind: EventKind, at time: Double, site: Int32) {
        let event = Event(time: time, sequence: nextSequence, kind: kind, site: site)
        nextSequence &+= 1
        heap.append(event)
        heap.withUnsafeMutableBufferPointer { h in
            var child = h.count - 1
            while child > 0 {
                let parent = (child - 1) >> 2
                guard event.precedes(h[parent]) else { break }
                h[child] = h[parent]
                child = parent
            }
            h[child] = event
        }
    }

    /// Removes and returns the earliest event.
    /// - Complexity: O(log n).
    public mutating func pop() -> Event? {
        guard let last = heap.popLast() else { return nil }
        guard !heap.isEmpty else { return last }
        let top = heap[0]
        heap.withUnsafeMutableBufferPointer { h in
            let n = h.count
            var i = 0
            while true {
                let first = 4 * i + 1
                if first >= n { break }
                // The smallest of up to four children.
                var c = first
                let end = min(first + 4, n)
                var k = first + 1
                while k < end {
                    if h[k].precedes(h[c]) { c = k }
                    k += 1
                }
                guard h[c].precedes(last) else { break }
                h[i] = h[c]
                i = c
            }
            h[i] = last
        }
        return top
    }
}
