/// The rides under way, kept by the engine for the policies' view: a slot per ride with its
/// destination and arrival time. A ride-arrival event carries its slot, so a redirect updates the
/// ride in place and an arrival frees the slot for the next ride.
///
/// The slots live in plain buffers owned by one object (the ledger of one replication): writing a
/// ride costs no copy-on-write check, which an array stored in the simulation would pay at every
/// rental and every return. The policies' view reads the same ledger during a decision.
struct RideLedger: @unchecked Sendable {
    private final class Storage {
        var destination: UnsafeMutablePointer<Int32>
        var arrival: UnsafeMutablePointer<Double>
        var free: UnsafeMutablePointer<Int32>
        var count = 0, capacity = 0, freeCount = 0

        init() {
            capacity = 1024
            destination = .allocate(capacity: capacity)
            arrival = .allocate(capacity: capacity)
            free = .allocate(capacity: capacity)
        }

        func grow() {
            let newCapacity = capacity * 2
            let d = UnsafeMutablePointer<Int32>.allocate(capacity: newCapacity)
            let a = UnsafeMutablePointer<Double>.allocate(capacity: newCapacity)
            let f = UnsafeMutablePointer<Int32>.allocate(capacity: newCapacity)
            d.update(from: destination, count: count)
            a.update(from: arrival, count: count)
            f.update(from: free, count: freeCount)
            destination.deallocate(); arrival.deallocate(); free.deallocate()
            destination = d; arrival = a; free = f
            capacity = newCapacity
        }

        deinit {
            destination.deallocate(); arrival.deallocate(); free.deallocate()
        }
    }

    private let storage = Storage()

    /// Records a ride and returns its slot.
    /// - Complexity: O(1) amortised.
    @inline(__always)
    func add(to zone: Int32, arrival t: Double) -> Int32 {
        let s = storage
        if s.freeCount > 0 {
            s.freeCount -= 1
            let slot = s.free[s.freeCount]
            s.destination[Int(slot)] = zone
            s.arrival[Int(slot)] = t
            return slot
        }
        if s.count == s.capacity { s.grow() }
        s.destination[s.count] = zone
        s.arrival[s.count] = t
        s.count += 1
        return Int32(s.count - 1)
    }

    /// The ride in `slot` now goes to another zone, arriving at `t`.
    func redirect(_ slot: Int32, to zone: Int32, arrival t: Double) {
        storage.destination[Int(slot)] = zone
        storage.arrival[Int(slot)] = t
    }

    /// The ride in `slot` has arrived: returns its zone and frees the slot.
    @inline(__always)
    func arrive(_ slot: Int32) -> Int {
        let s = storage
        let zone = s.destination[Int(slot)]
        s.destination[Int(slot)] = -1
        s.free[s.freeCount] = slot
        s.freeCount += 1
        return Int(zone)
    }

    /// Rides under way, in slot order.
    /// - Complexity: O(the most rides ever under way at once).
    func forEach(_ body: (_ zone: Int, _ arrival: Double) -> Void) {
        let s = storage
        for i in 0..<s.count where s.destination[i] >= 0 { body(Int(s.destination[i]), s.arrival[i]) }
    }
}
