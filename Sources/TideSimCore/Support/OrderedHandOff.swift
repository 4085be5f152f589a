import TideSimBuffers
import Foundation

/// Hands values that arrive from several threads, in any order, to one consumer in index order
/// (0, 1, 2, ...), one at a time, holding at most `window` of them while an earlier one is
/// still on its way.
///
/// A thread that delivers out of order while the window is full waits; the value the consumer
/// needs next is never held back, so the waiting ends as soon as it arrives. The thread that
/// delivers that value consumes it, and every held value that follows it, outside the lock:
/// other threads meanwhile deliver and go back to work. (Only the value at `next` is ever
/// consumed, and `next` moves only after its consumer returns, so consumers never overlap.)
package final class OrderedHandOff<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var held: [Int: Value] = [:]
    private var next = 0
    private let window: Int
    private let consume: (Int, Value) -> Void
    /// The most values held at once (for tests of the bound).
    private(set) var mostHeld = 0

    /// - Parameters:
    ///   - window: Values held at most (at least 1), besides the one being consumed.
    ///   - consume: Called with each index and value in index order, never concurrently.
    package init(window: Int, consume: @escaping (Int, Value) -> Void) {
        precondition(window >= 1)
        self.window = window
        self.consume = consume
    }

    /// Delivers the value of `index` (each index once).
    package func deliver(_ index: Int, _ value: Value) {
        condition.lock()
        while index != next && held.count >= window { condition.wait() }
        guard index == next else {
            // Whoever delivers `next` consumes this one after it.
            held[index] = value
            mostHeld = max(mostHeld, held.count)
            condition.unlock()
            return
        }
        var current: Value? = value
        while let value = current {
            let index = next
            condition.unlock()
            consume(index, value)
            condition.lock()
            next += 1
            condition.broadcast()
            current = held.removeValue(forKey: next)
        }
        condition.unlock()
    }

    /// The values consumed so far (all of 0..<n once n have been delivered).
    var consumedCount: Int {
        condition.lock(); defer { condition.unlock() }
        return next
    }
}
