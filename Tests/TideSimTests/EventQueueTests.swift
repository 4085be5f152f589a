import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

final class EventQueueTests: XCTestCase {
    /// Pops come out in (time, sequence) order, whatever mix of near, far, equal-time and
    /// during-the-pop insertions, exactly as sorting every event would give.
    func testPopsInTimeThenSequenceOrder() {
        var rng = Xoshiro256StarStar(seed: 12)
        let queue = EventQueue()
        var expected: [(Double, Int32)] = []
        var popped: [(Double, Int32)] = []
        var now = 0.0
        var site: Int32 = 0
        func add(_ t: Double) {
            queue.schedule(.rideArrival, at: t, site: site)
            expected.append((t, site))
            site += 1
        }
        for _ in 0..<2_000 { add(rng.nextUnitDouble() * 20_000) }            // spread: near and far
        for _ in 0..<50 { add(1234.5) }                                       // many at one instant
        while !queue.isEmpty {
            let t = queue.nextTime()
            guard let e = queue.pop() else { break }
            XCTAssertEqual(e.time, t)
            XCTAssertGreaterThanOrEqual(e.time, now)
            now = e.time
            popped.append((e.time, e.site))
            // Schedule more while popping: same instant, within the second, minutes and hours ahead.
            if popped.count % 7 == 0 && popped.count < 6_000 {
                add(now)
                add(now + rng.nextUnitDouble() * 0.5)
                add(now + rng.nextUnitDouble() * 600)
                add(now + 5_000 + rng.nextUnitDouble() * 10_000)
            }
        }
        // Reference: stable sort by time keeps scheduling order on ties, which is (time, sequence).
        let reference = expected.enumerated().sorted { a, b in
            a.element.0 != b.element.0 ? a.element.0 < b.element.0 : a.offset < b.offset
        }.map(\.element)
        XCTAssertEqual(popped.count, reference.count)
        XCTAssertTrue(zip(popped, reference).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 })
        XCTAssertEqual(queue.nextTime(), .infinity)
    }

    /// The events due by a horizon are exactly the scheduled events of that kind with a time at
    /// or before it, wherever they wait (the current bucket, the ring, the far heap), at every
    /// stage of a day of pops, for horizons inside the current bucket, the ring and beyond it.
    func testEventsDueByAHorizonAreExactlyThose() {
        var rng = Xoshiro256StarStar(seed: 5)
        let queue = EventQueue()
        var pending: [Int32: (time: Double, kind: EventKind)] = [:]
        var site: Int32 = 0
        func add(_ t: Double) {
            let kind: EventKind = site % 5 == 0 ? .truckIdle : .rideArrival
            queue.schedule(kind, at: t, site: site)
            pending[site] = (t, kind)
            site += 1
        }
        for _ in 0..<3_000 { add(rng.nextUnitDouble() * 30_000) }
        var pops = 0
        while let e = queue.pop() {
            pending[e.site] = nil
            pops += 1
            if pops % 3 == 0 && pops < 4_000 { add(e.time + rng.nextUnitDouble() * 9_000) }
            guard pops % 97 == 0 else { continue }
            for ahead in [0.0, 5, 15.9, 16, 300, 1_800, 4_095, 4_097, 9_000, .infinity] {
                let horizon = e.time + ahead
                var seen: [Int32] = []
                queue.forEachScheduled(.rideArrival, until: horizon) { s, t in
                    seen.append(s)
                    XCTAssertEqual(pending[s]?.time, t)
                }
                let expected = pending.filter { $0.value.kind == .rideArrival && $0.value.time <= horizon }.keys.sorted()
                XCTAssertEqual(seen.sorted(), expected, "\(ahead) s ahead after \(pops) pops")
            }
        }
        XCTAssertGreaterThan(pops, 3_000)
    }

    func testSortDescendingSortsLargeBuckets() {
        var rng = Xoshiro256StarStar(seed: 3)
        var events = (0..<1_000).map { i in
            QueuedEvent(time: Double(rng.nextInt(below: 50)), key: UInt64(i) << 3, site: 0)
        }
        events.withUnsafeMutableBufferPointer { EventQueue.sortDescending($0) }
        XCTAssertTrue(zip(events, events.dropFirst()).allSatisfy { $1.precedes($0) })
    }
}

extension EventQueueTests {
    /// A bucket's bucket sort: many events in one 16-second bucket (thousands, several hundred at
    /// one instant, and times at the bucket's edges) come out as a full sort gives.
    func testBucketSortOfCrowdedBuckets() {
        var rng = Xoshiro256StarStar(seed: 5)
        for n in [1, 31, 32, 33, 500, 5_000] {
            let start = 16.0 * 1234
            var keys = Array(0..<n)                                       // distinct, in random order
            for i in stride(from: n - 1, to: 0, by: -1) { keys.swapAt(i, rng.nextInt(below: i + 1)) }
            var events = (0..<n).map { i -> QueuedEvent in
                let t: Double
                switch i % 5 {
                case 0: t = start + 3.25                                  // many at one instant
                case 1: t = start                                         // the bucket's first instant
                case 2: t = (start + 16).nextDown                          // its last
                default: t = start + rng.nextUnitDouble() * 16
                }
                return QueuedEvent(time: t, key: UInt64(keys[i]) << 3, site: Int32(i))
            }
            let output = UnsafeMutablePointer<QueuedEvent>.allocate(capacity: n)
            defer { output.deallocate() }
            var counts = UnsafeMutablePointer<Int32>.allocate(capacity: 1), capacity = 1
            defer { counts.deallocate() }
            events.withUnsafeMutableBufferPointer {
                EventQueue.sortDescending(from: $0.baseAddress!, count: n, into: output, bucketStart: start, counts: &counts,
                                          countsCapacity: &capacity)
            }
            events.sort { $1.precedes($0) }
            let sorted = Array(UnsafeBufferPointer(start: output, count: n))
            XCTAssertEqual(sorted.map(\.site), events.map(\.site), "\(n) events")
        }
    }
}
