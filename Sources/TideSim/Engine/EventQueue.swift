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

/// A 4-ary min-heap of events in a contiguous array: half the depth of a binary heap.
struct EventHeap: Sendable {
    var items: ContiguousArray<Event> = []

    var isEmpty: Bool { items.isEmpty }
    var top: Event? { items.first }

    /// - Complexity: O(log n).
    mutating func push(_ event: Event) {
        items.append(event)
        items.withUnsafeMutableBufferPointer { h in
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

    /// - Complexity: O(log n).
    mutating func pop() -> Event? {
        guard let last = items.popLast() else { return nil }
        guard !items.isEmpty else { return last }
        let top = items[0]
        items.withUnsafeMutableBufferPointer { h in
            let n = h.count
            var i = 0
            while true {
                let first = 4 * i + 1
                if first >= n { break }
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

/// The engine's event list: a calendar queue. Events within the next `ringSize` seconds sit in
/// one-second buckets of a ring; a bucket is sorted once, when it becomes the current one, and
/// then popped from its end. Events further ahead wait in a 4-ary heap and move into the ring as
/// it advances. Rides and truck moves are minutes long, so nearly every event takes the O(1)
/// path, and the memory touched stays small even with hundreds of thousands of rides under way.
///
/// Events are totally ordered by (time, sequence): they come out in exactly the order a plain
/// heap would give, so results do not depend on this structure.
public struct EventQueue: Sendable {
    static let bucketSeconds = 1.0
    static let ringSize = 4096                      // a power of two: 68 minutes ahead

    private var ring: [ContiguousArray<Event>]
    /// Absolute index (seconds / bucketSeconds) of the current bucket; no event is earlier.
    private var cursor = 0
    /// Whether the current bucket is sorted (descending, so that its minimum is last).
    private var currentSorted = false
    private var nearCount = 0
    private var far = EventHeap()
    private var nextSequence: UInt64 = 0

    public init() {
        ring = Array(repeating: [], count: EventQueue.ringSize)
    }

    public var isEmpty: Bool { nearCount == 0 && far.isEmpty }
    public var count: Int { nearCount + far.items.count }

    @inline(__always) private static func bucket(_ t: Double) -> Int { Int(t / bucketSeconds) }

    /// Schedules an event at or after the time of the last event popped.
    /// - Complexity: O(1) for events within the ring's horizon, O(log n) beyond it.
    public mutating func schedule(_ kind: EventKind, at time: Double, site: Int32) {
        let event = Event(time: time, sequence: nextSequence, kind: kind, site: site)
        nextSequence &+= 1
        let b = max(EventQueue.bucket(time), cursor)
        if b - cursor >= EventQueue.ringSize {
            far.push(event)
        } else {
            place(event, inBucket: b)
        }
    }

    private mutating func place(_ event: Event, inBucket b: Int) {
        let slot = b & (EventQueue.ringSize - 1)
        nearCount += 1
        if b == cursor && currentSorted {
            // Keep the current bucket sorted (descending): insert by binary search.
            var lo = 0, hi = ring[slot].count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if ring[slot][mid].precedes(event) { hi = mid } else { lo = mid + 1 }
            }
            ring[slot].insert(event, at: lo)
        } else {
            ring[slot].append(event)
        }
    }

    /// Moves far events that now fall within the ring's horizon into their buckets.
    private mutating func migrate() {
        while let top = far.top, EventQueue.bucket(top.time) - cursor < EventQueue.ringSize {
            _ = far.pop()
            place(top, inBucket: max(EventQueue.bucket(top.time), cursor))
        }
    }

    /// Advances to the bucket holding the earliest event and sorts it; false when empty.
    private mutating func settle() -> Bool {
        while true {
            if nearCount == 0 {
                guard let top = far.top else { return false }
                cursor = EventQueue.bucket(top.time)
                currentSorted = false
                migrate()
                continue
            }
            let slot = cursor & (EventQueue.ringSize - 1)
            if ring[slot].isEmpty {
                cursor += 1
                currentSorted = false
                migrate()
                continue
            }
            if !currentSorted {
                ring[slot].withUnsafeMutableBufferPointer { EventQueue.sortDescending($0) }
                currentSorted = true
            }
            return true
        }
    }

    /// The earliest event's time, or +infinity.
    public mutating func nextTime() -> Double {
        guard settle() else { return .infinity }
        return ring[cursor & (EventQueue.ringSize - 1)].last!.time
    }

    /// Removes and returns the earliest event.
    public mutating func pop() -> Event? {
        guard settle() else { return nil }
        nearCount -= 1
        return ring[cursor & (EventQueue.ringSize - 1)].popLast()
    }

    /// Sorts events from latest to earliest in place, allocating nothing: insertion sort for
    /// short runs, quicksort with a median-of-three pivot above.
    static func sortDescending(_ a: UnsafeMutableBufferPointer<Event>) {
        func later(_ x: Event, _ y: Event) -> Bool { y.precedes(x) }
        func sort(_ lo: Int, _ hi: Int) {      // [lo, hi)
            var lo = lo, hi = hi
            while hi - lo > 16 {
                let mid = lo + (hi - lo) / 2
                if later(a[mid], a[lo]) { a.swapAt(mid, lo) }
                if later(a[hi - 1], a[lo]) { a.swapAt(hi - 1, lo) }
                if later(a[hi - 1], a[mid]) { a.swapAt(hi - 1, mid) }
                let pivot = a[mid]
                var i = lo, j = hi - 1
                while i <= j {
                    while later(a[i], pivot) { i += 1 }
                    while later(pivot, a[j]) { j -= 1 }
                    if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
                }
                // Recurse into the smaller part, loop on the larger.
                if j - lo < hi - i { sort(lo, j + 1); lo = i } else { sort(i, hi); hi = j + 1 }
            }
            if hi - lo < 2 { return }
            for k in (lo + 1)..<hi {
                let x = a[k]
                var m = k
                while m > lo && later(x, a[m - 1]) { a[m] = a[m - 1]; m -= 1 }
                a[m] = x
            }
        }
        sort(0, a.count)
    }
}
