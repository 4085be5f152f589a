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

/// An event as the queue stores it: the sequence and the kind packed in one key (the sequence in
/// the high bits, so keys order as sequences do), and a link for the bucket lists. 24 bytes.
struct QueuedEvent {
    var time: Double
    var key: UInt64
    var site: Int32
    var next: Int32

    init(time: Double, key: UInt64, site: Int32, next: Int32 = -1) {
        self.time = time
        self.key = key
        self.site = site
        self.next = next
    }

    @inline(__always) func precedes(_ other: QueuedEvent) -> Bool {
        time < other.time || (time == other.time && key < other.key)
    }

    var event: Event {
        Event(time: time, sequence: key >> 3, kind: EventKind(rawValue: UInt8(key & 7))!, site: site)
    }
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

/// The engine's event list: a calendar queue in flat buffers.
///
/// Events within the next 68 minutes sit in quarter-second buckets of a ring, each bucket a list
/// linked through one pool of nodes, with a bitmap of the buckets in use so that empty stretches
/// are skipped 64 buckets at a time. The current bucket is copied out of the pool and sorted
/// once, when the clock reaches it (a few events, at most a few dozen on the busiest city), and
/// then popped from its end. Events further ahead wait in a 4-ary heap and move into the ring as
/// it advances. Rides and truck moves are minutes long, so nearly every event takes the O(1) path,
/// and scheduling one is a store into a node that was freed moments before (still in cache).
///
/// Events are totally ordered by (time, sequence): they come out in exactly the order a plain
/// heap would give, so results do not depend on this structure.
///
/// A class: the simulation owns one per replication and mutates it in the hot loop, where a value
/// type would pay a copy-on-write check at every access of its buffers.
public final class EventQueue {
    static let bucketsPerSecond = 4.0               // a power of two: bucket index = t × 4, exact
    static let ringSize = 16_384                    // a power of two: 68 minutes ahead
    private static let ringMask = ringSize - 1
    /// The key of a node on the free list (no event has it: sequences stay far below 2⁶¹).
    private static let freeKey = UInt64.max

    /// The pool of nodes: bucket lists and the free list link through `next`.
    private var pool: UnsafeMutablePointer<QueuedEvent>
    private var poolCapacity: Int
    private var poolUsed = 0
    private var freeNode: Int32 = -1
    /// The first node of each ring bucket's list, or -1.
    private let heads: UnsafeMutablePointer<Int32>
    /// One bit per ring bucket: set when its list is not empty.
    private let occupied: UnsafeMutablePointer<UInt64>
    /// Events in the ring's lists (not counting the current bucket).
    private var ringCount = 0

    /// The current bucket, sorted from latest to earliest: its minimum is last.
    private var current: UnsafeMutablePointer<QueuedEvent>
    private var currentCapacity: Int
    private var currentCount = 0
    /// Absolute index (seconds × bucketsPerSecond) of the current bucket; no event is earlier.
    private var cursor = 0

    // Only this class touches the heap, never in overlapping accesses: no dynamic exclusivity
    // check (it cost about 100 instructions per event).
    @exclusivity(unchecked) private var far = EventHeap()
    private var nextSequence: UInt64 = 0

    public init() {
        poolCapacity = 1024
        pool = .allocate(capacity: poolCapacity)
        heads = .allocate(capacity: EventQueue.ringSize)
        heads.initialize(repeating: -1, count: EventQueue.ringSize)
        occupied = .allocate(capacity: EventQueue.ringSize / 64)
        occupied.initialize(repeating: 0, count: EventQueue.ringSize / 64)
        currentCapacity = 64
        current = .allocate(capacity: currentCapacity)
    }

    deinit {
        pool.deallocate()
        heads.deallocate()
        occupied.deallocate()
        current.deallocate()
    }

    public var isEmpty: Bool { currentCount == 0 && ringCount == 0 && far.isEmpty }
    public var count: Int { currentCount + ringCount + far.items.count }

    @inline(__always) private static func bucket(_ t: Double) -> Int { Int(t * bucketsPerSecond) }

    /// Schedules an event at or after the time of the last event popped.
    /// - Complexity: O(1) for events within the ring's horizon, O(log n) beyond it.
    @inline(__always)
    public func schedule(_ kind: EventKind, at time: Double, site: Int32) {
        let event = QueuedEvent(time: time, key: nextSequence << 3 | UInt64(kind.rawValue), site: site)
        nextSequence &+= 1
        place(event)
    }

    @inline(__always)
    private func place(_ event: QueuedEvent) {
        let b = EventQueue.bucket(event.time)
        if b <= cursor {
            insertIntoCurrent(event)
        } else if b - cursor < EventQueue.ringSize {
            let slot = b & EventQueue.ringMask
            let node = takeNode()
            pool[Int(node)] = QueuedEvent(time: event.time, key: event.key, site: event.site, next: heads[slot])
            heads[slot] = node
            occupied[slot >> 6] |= 1 &<< UInt64(slot & 63)
            ringCount &+= 1
        } else {
            far.push(event)
        }
    }

    @inline(__always)
    private func takeNode() -> Int32 {
        if freeNode >= 0 {
            let node = freeNode
            freeNode = pool[Int(node)].next
            return node
        }
        if poolUsed == poolCapacity { growPool() }
        poolUsed &+= 1
        return Int32(poolUsed &- 1)
    }

    private func growPool() {
        let bigger = UnsafeMutablePointer<QueuedEvent>.allocate(capacity: poolCapacity * 2)
        bigger.moveInitialize(from: pool, count: poolUsed)
        pool.deallocate()
        pool = bigger
        poolCapacity *= 2
    }

    /// Keeps the current bucket sorted (descending): insertion by binary search.
    private func insertIntoCurrent(_ event: QueuedEvent) {
        if currentCount == currentCapacity { growCurrent(to: currentCount + 1) }
        var lo = 0, hi = currentCount
        while lo < hi {
            let mid = (lo + hi) >> 1
            if current[mid].precedes(event) { hi = mid } else { lo = mid + 1 }
        }
        (current + lo + 1).moveInitialize(from: current + lo, count: currentCount - lo)
        current[lo] = event
        currentCount += 1
    }

    private func growCurrent(to needed: Int) {
        var capacity = currentCapacity
        while capacity < needed { capacity *= 2 }
        let bigger = UnsafeMutablePointer<QueuedEvent>.allocate(capacity: capacity)
        bigger.moveInitialize(from: current, count: currentCount)
        current.deallocate()
        current = bigger
        currentCapacity = capacity
    }

    /// The first bucket after the cursor whose list is not empty (the ring must hold an event).
    private func nextOccupiedBucket() -> Int {
        var offset = 1
        while true {
            let slot = (cursor &+ offset) & EventQueue.ringMask
            let bits = occupied[slot >> 6] >> UInt64(slot & 63)
            if bits != 0 { return cursor &+ offset &+ bits.trailingZeroBitCount }
            offset &+= 64 &- (slot & 63)
        }
    }

    /// Makes bucket `b` the current one: moves its list out of the pool and sorts it.
    private func enter(bucket b: Int) {
        cursor = b
        let slot = b & EventQueue.ringMask
        var node = heads[slot]
        guard node >= 0 else { return }
        heads[slot] = -1
        occupied[slot >> 6] &= ~(1 &<< UInt64(slot & 63))
        while node >= 0 {
            if currentCount == currentCapacity { growCurrent(to: currentCount + 1) }
            let e = pool[Int(node)]
            current[currentCount] = e
            currentCount &+= 1
            pool[Int(node)].key = EventQueue.freeKey
            pool[Int(node)].next = freeNode
            freeNode = node
            node = e.next
        }
        ringCount &-= currentCount
        EventQueue.sortDescending(UnsafeMutableBufferPointer(start: current, count: currentCount))
    }

    /// Moves far events that now fall within the ring's horizon into their buckets.
    private func migrate() {
        while let top = far.top, EventQueue.bucket(top.time) - cursor < EventQueue.ringSize {
            _ = far.pop()
            place(top)
        }
    }

    /// Advances to the next bucket holding an event, if the current one is empty; false when
    /// there is no event at all.
    private func settle() -> Bool {
        while currentCount == 0 {
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
        if currentCount > 0 { return current[currentCount &- 1].time }
        return settle() ? current[currentCount &- 1].time : .infinity
    }

    /// Removes and returns the earliest event.
    public func pop() -> Event? {
        guard settle() else { return nil }
        currentCount &-= 1
        return current[currentCount].event
    }

    /// Removes the earliest event and returns its kind, time and site (the queue must not be
    /// empty): the engine's form of ``pop()``, with no optional and no record to build.
    @inline(__always)
    func popEarliest() -> (kind: EventKind, time: Double, site: Int32) {
        _ = settle()
        currentCount &-= 1
        let e = current[currentCount]
        return (EventKind(rawValue: UInt8(truncatingIfNeeded: e.key & 7)).unsafelyUnwrapped, e.time, e.site)
    }

    /// Calls `body` with the site and time of every scheduled event of `kind`, in no particular
    /// order: how the policies' view sees the rides under way (a ride-arrival event's site is the
    /// zone the rider is going to).
    /// - Complexity: O(the most events ever scheduled at once).
    func forEachScheduled(_ kind: EventKind, _ body: (_ site: Int32, _ time: Double) -> Void) {
        let k = UInt64(kind.rawValue)
        for i in 0..<currentCount where current[i].key & 7 == k { body(current[i].site, current[i].time) }
        for i in 0..<poolUsed where pool[i].key != EventQueue.freeKey && pool[i].key & 7 == k { body(pool[i].site, pool[i].time) }
        for e in far.items where e.key & 7 == k { body(e.site, e.time) }
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
