/// The rides under way, kept by the engine for the policies' view: a slot per ride with its
/// destination and arrival time. A ride-arrival event carries its slot, so a redirect updates the
/// ride in place and an arrival frees the slot for the next ride.
struct RideLedger: Sendable {
    /// Destination zone of each slot, or -1 for a free slot.
    private(set) var destination: [Int32] = []
    private(set) var arrival: [Double] = []
    private var free: [Int32] = []

    /// Records a ride and returns its slot.
    /// - Complexity: O(1) amortised.
    @inline(__always)
    mutating func add(to zone: Int32, arrival t: Double) -> Int32 {
        if let slot = free.popLast() {
            destination[Int(slot)] = zone
            arrival[Int(slot)] = t
            return slot
        }
        destination.append(zone)
        arrival.append(t)
        return Int32(destination.count - 1)
    }

    /// The ride in `slot` now goes to another zone, arriving at `t`.
    mutating func redirect(_ slot: Int32, to zone: Int32, arrival t: Double) {
        destination[Int(slot)] = zone
        arrival[Int(slot)] = t
    }

    /// The ride in `slot` has arrived: returns its zone and frees the slot.
    @inline(__always)
    mutating func arrive(_ slot: Int32) -> Int {
        let zone = destination[Int(slot)]
        destination[Int(slot)] = -1
        free.append(slot)
        return Int(zone)
    }

    /// Rides under way, in slot order.
    /// - Complexity: O(the most rides ever under way at once).
    func forEach(_ body: (_ zone: Int, _ arrival: Double) -> Void) {
        for i in destination.indices where destination[i] >= 0 { body(Int(destination[i]), arrival[i]) }
    }
}
