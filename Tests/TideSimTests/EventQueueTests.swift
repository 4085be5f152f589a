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
