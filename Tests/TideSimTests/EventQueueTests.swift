import XCTest
@testable import TideSim

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
