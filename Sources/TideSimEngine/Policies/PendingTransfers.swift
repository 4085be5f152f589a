import TideSimModel
import TideSimCore
import TideSimBuffers
/// Bikes that orders under way will still take from or bring to each site, so that a policy does
/// not send a second truck for a surplus that one is already collecting.
struct PendingTransfers {
    /// Bikes still to be loaded at each zone / holding area.
    var outOfZone: [Int], intoZone: [Int]
    var outOfHolding: [Int], intoHolding: [Int]

    init(_ view: PolicyView) {
        outOfZone = Array(repeating: 0, count: view.model.zoneCount)
        intoZone = outOfZone
        outOfHolding = Array(repeating: 0, count: view.model.holdingCount)
        intoHolding = outOfHolding
        for t in view.trucks {
            guard let o = t.order else { continue }
            let notLoaded = t.phase == .toPickup
            if notLoaded { add(o.bikes, leaving: o.pickup) }
            let coming = notLoaded ? o.bikes + t.load : t.load
            if t.phase != .unloading { add(coming, arriving: o.dropoff) }
        }
    }

    mutating func add(_ n: Int, leaving site: Site) {
        switch site {
        case .zone(let z): outOfZone[z] += n
        case .holding(let h): outOfHolding[h] += n
        }
    }

    mutating func add(_ n: Int, arriving site: Site) {
        switch site {
        case .zone(let z): intoZone[z] += n
        case .holding(let h): intoHolding[h] += n
        }
    }
}

/// The orders a built-in policy is writing in one decision: which trucks are still idle and the
/// transfers under way including the new orders.
struct OrderBook {
    private(set) var orders: [TransferOrder] = []
    private(set) var idle: [Int]
    private(set) var pending: PendingTransfers
    private let view: PolicyView
    /// Holding areas found unusable for a refill with the trucks idle now: the nearest idle truck
    /// with room would reach them after they close. That depends on the area and the idle
    /// trucks, not on the zone refilled, so it holds for every zone until a truck is assigned.
    var closedOnArrival: [Int] = []
    /// Whether no holding area is left to refill from with the trucks idle now (every area open
    /// with bikes is closed on arrival): it stays so until a truck is assigned, since nothing
    /// else in a decision adds held bikes or trucks.
    var noHoldingToRefillFrom = false

    init(_ view: PolicyView) {
        self.view = view
        idle = view.trucks.filter(\.isIdle).map(\.index)
        pending = PendingTransfers(view)
    }

    /// Adds an order for an idle truck and counts its bikes as under way.
    mutating func assign(_ truck: Int, _ pickup: Site, _ dropoff: Site, _ bikes: Int) {
        orders.append(TransferOrder(truck: truck, pickup: pickup, dropoff: dropoff, bikes: bikes))
        idle.removeAll { $0 == truck }
        closedOnArrival = []
        noHoldingToRefillFrom = false
        pending.add(bikes, leaving: pickup)
        pending.add(bikes + view.trucks[truck].load, arriving: dropoff)
    }
}
