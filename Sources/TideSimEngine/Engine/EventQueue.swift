import TideSimModel
import TideSimCore
@_spi(RawBytes) import TideSimBuffers
/// What a scheduled event does. Rides belong to the loop; every other kind to a group of actors
/// (`CityActors`), which the loop hands it to: a new kind of actor adds its kinds here.
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
    /// The trucks' periodic decision time (`policy.everyMinutes`): their policy is asked for orders.
    case decisionEpoch
    /// A zone's capacity in force changes: a rush-hour cap opens or lifts (`site` is the index
    /// in ``Model/capacityChanges``).
    case capacityChange
    /// An inspector starts a visit (`site` is the inspector).
    case inspectorVisit
    /// A work order's deadline (`site` is the order's index in the replication's book).
    case orderDeadline
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

/// An event as the queue stores it: the sequence and the kind packed in one key (the sequence in
/// the high bits, so keys order as sequences do). 24 bytes.
///
/// The kind has the key's low 8 bits, all of `EventKind`'s raw type: every kind a new actor adds
/// (inspectors, operators' fleets) fits, and one that did not would not compile. The sequence
/// keeps 56 bits, 7 × 10^16 events.
struct QueuedEvent {
    var time: Double
    var key: UInt64
    var site: Int32

    /// Bits of the key that hold the kind: as many as `EventKind.RawValue` has.
    static let kindBits = UInt64(EventKind.RawValue.bitWidth)
    static let kindMask: UInt64 = (1 << kindBits) - 1

    @inline(__always) func precedes(_ other: QueuedEvent) -> Bool {
        time < other.time || (time == other.time && key < other.key)
    }

    var kind: EventKind { EventKind(rawValue: EventKind.RawValue(truncatingIfNeeded: key & QueuedEvent.kindMask)).unsafelyUnwrapped }
    var event: Event { Event(time: time, sequence: key >> QueuedEvent.kindBits, kind: kind, site: site) }
}

/// A 4-ary min-heap of events in a contiguous array: half the depth of a binary heap.
struct EventHeap {
    var items: ContiguousArray<QueuedEvent> = []

    var isEmpty: Bool { items.isEmpty }
    var top: QueuedEvent? { items.first }

    /// - Complexity: O(log n).
    mutating func push(_ event: QueuedEvent) {
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
    mutating func pop() -> QueuedEvent? {
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

/// The engine's event list: a calendar of 16-second buckets, sorted one bucket at a time.
///
/// Scheduling appends the event to its bucket's buffer, unsorted (the ring of buckets covers the
/// next 68 minutes; events beyond wait in a 4-ary heap and move into the ring as it advances).
/// When the clock reaches a bucket, its events are sorted by a bucket sort on their times (about
/// one event per sub-bucket, then an insertion pass) into the current list, which is popped from
/// its end. Appending touches the tail of one of 256 buffers and sorting reads a buffer from start
/// to end, so memory is used in streams the processor prefetches: an event costs no cache miss
/// however many rides are under way. Events scheduled into the current bucket (shorter than the
/// shortest ride) are inserted into the sorted list.
///
/// Events are totally ordered by (time, sequence): they come out in exactly the order a plain
/// heap would give, so results do not depend on this structure.
///
/// A class: the simulation owns one per replication and mutates it in the hot loop, where a value
/// type would pay a copy-on-write check at every access of its buffers.
public final class EventQueue {
    /// Seconds per bucket: a power of two, so that a time's bucket is an exact multiplication.
    static let bucketSeconds = 16.0
    static let ringSize = 256                       // a power of two: 68 minutes ahead
    private static let ringMask = ringSize - 1

    /// A growable buffer of events; the queue frees it.
    private struct Buffer {
        var events: UnsafeMutablePointer<QueuedEvent>
        var count = 0
        var capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            events = .allocate(capacity: capacity)
        }

        mutating func reserve(_ needed: Int) {
            guard needed > capacity else { return }
            (events, capacity) = events.movedToLarger(count: count, capacity: capacity, toHold: needed)
        }

        @inline(__always) mutating func append(_ e: QueuedEvent) {
            if count == capacity { reserve(count + 1) }
            events[count] = e
            count &+= 1
        }
    }

    /// The ring's buckets: bucket b (absolute) is `ring[b & ringMask]` while it is ahead of the cursor.
    private let ring: UnsafeMutablePointer<Buffer>
    /// Events in the ring (not counting the current list).
    private var ringCount = 0
    // The stored properties below are touched only by this class's own methods, never in
    // overlapping accesses: no dynamic exclusivity checks (they cost about 100 instructions per
    // event).
    /// The current bucket's events, sorted from latest to earliest: the earliest is last.
    @exclusivity(unchecked) private var current = Buffer(capacity: 256)
    /// Absolute index (time / bucketSeconds) of the current bucket; no event is earlier.
    private var cursor = 0
    /// Scratch for the bucket sort: sub-bucket counts and each event's sub-bucket.
    @exclusivity(unchecked) private var counts = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    @exclusivity(unchecked) private var countsCapacity = 1
    @exclusivity(unchecked) private var far = EventHeap()
    private var nextSequence: UInt64 = 0

    public init() {
        ring = .allocate(capacity: EventQueue.ringSize)
        for i in 0..<EventQueue.ringSize { (ring + i).initialize(to: Buffer(capacity: 16)) }
    }

    deinit {
        for i in 0..<EventQueue.ringSize { ring[i].events.deallocate() }
        ring.deinitialize(count: EventQueue.ringSize)
        ring.deallocate()
        current.events.deallocate()
        counts.deallocate()
    }

    public var isEmpty: Bool { current.count == 0 && ringCount == 0 && far.isEmpty }
    public var count: Int { current.count + ringCount + far.items.count }

    @inline(__always) private static func bucket(_ t: Double) -> Int { Int(t * (1 / bucketSeconds)) }

    /// Schedules an event at or after the time of the last event popped.
    /// - Complexity: O(1) amortised for events within the ring's horizon (and after the current
    ///   bucket), O(log n) beyond it.
    @inline(__always)
    public func schedule(_ kind: EventKind, at time: Double, site: Int32) {
        let event = QueuedEvent(time: time, key: nextSequence << QueuedEvent.kindBits | UInt64(kind.rawValue), site: site)
        nextSequence &+= 1
        place(event)
    }

    @inline(__always)
    private func place(_ event: QueuedEvent) {
        let b = EventQueue.bucket(event.time)
        if b <= cursor {
            insertIntoCurrent(event)
        } else if b - cursor < EventQueue.ringSize {
            ring[b & EventQueue.ringMask].append(event)
            ringCount &+= 1
        } else {
            far.push(event)
        }
    }

    /// Keeps the current list sorted (descending): insertion by binary search. Events this soon are
    /// rare (a ride lasts minutes), and they land near the end, where the earliest events are.
    private func insertIntoCurrent(_ event: QueuedEvent) {
        current.reserve(current.count + 1)
        let list = current.events
        var lo = 0, hi = current.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if list[mid].precedes(event) { hi = mid } else { lo = mid + 1 }
        }
        (list + lo + 1).moveInitialize(from: list + lo, count: current.count - lo)
        list[lo] = event
        current.count += 1
    }

    /// Makes bucket `b` the current one: sorts its events into the current list (which is empty).
    private func enter(bucket b: Int) {
        cursor = b
        let slot = b & EventQueue.ringMask
        let n = ring[slot].count
        guard n > 0 else { return }
        ring[slot].count = 0
        ringCount &-= n
        current.reserve(n)
        EventQueue.sortDescending(from: ring[slot].events, count: n, into: current.events,
                                  bucketStart: Double(b) * EventQueue.bucketSeconds, counts: &counts, countsCapacity: &countsCapacity)
        current.count = n
    }

    /// Moves far events that now fall within the ring's horizon into their buckets.
    private func migrate() {
        while let top = far.top, EventQueue.bucket(top.time) - cursor < EventQueue.ringSize {
            _ = far.pop()
            place(top)
        }
    }

    /// The first bucket after the cursor with an event (the ring must hold one).
    private func nextOccupiedBucket() -> Int {
        var b = cursor &+ 1
        while ring[b & EventQueue.ringMask].count == 0 { b &+= 1 }
        return b
    }

    /// Advances to the next bucket holding an event, if the current list is empty; false when
    /// there is no event at all.
    private func settle() -> Bool {
        while current.count == 0 {
            if ringCount > 0 {
                enter(bucket: nextOccupiedBucket())
            } else if let top = far.top {
                enter(bucket: EventQueue.bucket(top.time))
            } else {
                return false
            }
            migrate()
        }
        return true
    }

    /// The earliest event's time, or +infinity.
    @inline(__always)
    public func nextTime() -> Double {
        if current.count > 0 { return current.events[current.count &- 1].time }
        return settle() ? current.events[current.count &- 1].time : .infinity
    }

    /// Removes and returns the earliest event.
    public func pop() -> Event? {
        guard settle() else { return nil }
        current.count &-= 1
        return current.events[current.count].event
    }

    /// Removes the earliest event and returns its kind, time and site (the queue must not be
    /// empty): the engine's form of ``pop()``, with no optional and no record to build.
    @inline(__always)
    func popEarliest() -> (kind: EventKind, time: Double, site: Int32) {
        _ = settle()
        current.count &-= 1
        let e = current.events[current.count]
        return (e.kind, e.time, e.site)
    }

    /// Calls `body` with the site and time of every scheduled event of `kind` due by `horizon`
    /// (all of them without one), in no particular order: how the policies' view sees the rides
    /// under way (a ride-arrival event's site is the zone the rider is going to).
    /// - Complexity: O(events due by the horizon + the buckets up to it): the ring's buckets past
    ///   the horizon, and the far events when the earliest of them is past it, are not visited.
    func forEachScheduled(_ kind: EventKind, until horizon: Double = .infinity, _ body: (_ site: Int32, _ time: Double) -> Void) {
        let k = UInt64(kind.rawValue)
        func visit(_ e: QueuedEvent) { if e.key & QueuedEvent.kindMask == k && e.time <= horizon { body(e.site, e.time) } }
        for i in 0..<current.count { visit(current.events[i]) }
        let last = horizon >= Double(cursor + EventQueue.ringSize) * EventQueue.bucketSeconds
            ? cursor + EventQueue.ringSize - 1 : min(cursor + EventQueue.ringSize - 1, EventQueue.bucket(horizon))
        if last > cursor {
            for b in (cursor + 1)...last {
                let buffer = ring[b & EventQueue.ringMask]
                for i in 0..<buffer.count { visit(buffer.events[i]) }
            }
        }
        if let top = far.top, top.time <= horizon { for e in far.items { visit(e) } }
    }

    /// Sorts `n` events of one bucket (times in `[bucketStart, bucketStart + bucketSeconds)`)
    /// from latest to earliest into `output`: a counting sort on sub-buckets (about two events
    /// each), then an insertion pass, which finds the events nearly in order. Events that share an
    /// instant by the hundred would make that pass quadratic: past a budget of moves, a quicksort
    /// finishes instead.
    static func sortDescending(from input: UnsafeMutablePointer<QueuedEvent>, count n: Int, into output: UnsafeMutablePointer<QueuedEvent>,
                               bucketStart: Double, counts: inout UnsafeMutablePointer<Int32>, countsCapacity: inout Int) {
        if n < 32 {
            output.update(from: input, count: n)
            sortDescending(UnsafeMutableBufferPointer(start: output, count: n))
            return
        }
        var m = 16
        while 2 * m < n { m <<= 1 }                  // sub-buckets: a power of two, so the scale is exact
        // Scratch: m + 1 counts, then each event's sub-bucket.
        if countsCapacity < m + 1 + n {
            counts.deallocate()
            countsCapacity = m + 1 + n
            counts = .allocate(capacity: countsCapacity)
        }
        let c = counts, sub = counts + m + 1
        c.initialize(repeating: 0, count: m + 1)
        let scale = Double(m) / bucketSeconds
        // Sub-bucket j counts from the latest, so that the scatter writes in descending order.
        for i in 0..<n {
            let j = min(max(Int((input[i].time - bucketStart) * scale), 0), m &- 1)
            let d = Int32(truncatingIfNeeded: m &- 1 &- j)
            sub[i] = d
            c[Int(d) &+ 1] &+= 1
        }
        for j in 0..<m { c[j &+ 1] &+= c[j] }
        for i in 0..<n {
            let d = Int(sub[i])
            output[Int(c[d])] = input[i]
            c[d] &+= 1
        }
        // Insertion pass, latest first: each event moves past the few of its sub-bucket.
        var budget = 8 * n
        for k in 1..<n {
            let x = output[k]
            var i = k
            while i > 0 && output[i &- 1].precedes(x) {
                output[i] = output[i &- 1]
                i &-= 1
            }
            output[i] = x
            budget &-= k &- i
            if budget < 0 {
                sortDescending(UnsafeMutableBufferPointer(start: output, count: n))
                return
            }
        }
    }

    /// Sorts events from latest to earliest in place, allocating nothing: insertion sort for
    /// short runs, quicksort with a median-of-three pivot above.
    static func sortDescending(_ a: UnsafeMutableBufferPointer<QueuedEvent>) {
        func later(_ x: QueuedEvent, _ y: QueuedEvent) -> Bool { y.precedes(x) }
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
