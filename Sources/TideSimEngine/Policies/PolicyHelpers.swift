import TideSimModel
import TideSimCore
import TideSimBuffers
/// Choices the built-in policies share: nearest truck, nearest holding area, levels.
extension PolicyView {
    /// The idle truck nearest to a site (ties: lowest index) among `candidates` whose fleet serves
    /// the site (and `serving`, the order's other end, when given); with `withRoom`, only trucks
    /// with free room on board.
    func nearestTruck(to site: Site, among candidates: [Int], withRoom: Bool = false, serving other: Site? = nil) -> Int? {
        var best: (Int, Double)?
        for i in candidates where (!withRoom || trucks[i].freeCapacity > 0) && serves(truck: i, site) && other.map({ serves(truck: i, $0) }) ?? true {
            let m = model.chordSquared(from: trucks[i].site, to: site)
            if best == nil || m < best!.1 { best = (i, m) }
        }
        return best?.0
    }

    /// Whether truck i's fleet may load or unload at a site (its territory, and every holding area).
    func serves(truck i: Int, _ site: Site) -> Bool { model.trucks?.of(truck: i).serves(site) ?? false }

    /// Room for more bikes in holding area h, counting deliveries under way.
    func holdingRoom(_ h: Int, _ pending: PendingTransfers) -> Int {
        holdingSpace(h) - pending.intoHolding[h]
    }

    /// The holding area nearest to `site` that has room and will be open when truck `truck`
    /// leaving `site` at `departure` arrives (ties: listed first); `preferred` wins when it qualifies.
    func holdingWithRoom(near site: Site, truck: Int, departure: Double, preferred: Int?, excluding: Site? = nil,
                         _ pending: PendingTransfers) -> Int? {
        func qualifies(_ h: Int) -> Bool {
            .holding(h) != excluding && holdingRoom(h, pending) > 0
                && model.isOpen(holding: h, at: departure + driveSeconds(truck: truck, from: site, to: .holding(h)))
        }
        if let p = preferred, qualifies(p) { return p }
        var best: (Int, Double)?
        for h in 0..<model.holdingCount where qualifies(h) {
            let m = model.chordSquared(from: site, to: .holding(h))
            if best == nil || m < best!.1 { best = (h, m) }
        }
        return best?.0
    }

    /// The holding area truck `truck` would clear zone z into, taking up to `bikes` there: the
    /// zone's assigned one, else the nearest with room, open when the truck arrives after driving
    /// to the zone and loading (``holdingWithRoom(near:truck:departure:preferred:excluding:_:)``).
    func lotForClearing(zone z: Int, truck: Int, bikes: Int, _ pending: PendingTransfers) -> Int? {
        let t = trucks[truck]
        let leaves = time + driveSeconds(truck: truck, from: t.site, to: .zone(z)) + Double(min(bikes, t.freeCapacity)) * fleet(of: truck).loadSeconds
        return holdingWithRoom(near: .zone(z), truck: truck, departure: leaves, preferred: model.targets.holdingArea[z], pending)
    }

    /// How many of up to `bikes` truck `truck` can take from zone z into holding area h: what fits
    /// on board and in the area (with what the truck carries), finished inside its shift.
    func bikesIntoLot(_ h: Int, zone z: Int, truck: Int, bikes: Int, _ pending: PendingTransfers) -> Int {
        let t = trucks[truck]
        return bikesThatFit(truck: truck, pickup: .zone(z), dropoff: .holding(h),
                            bikes: min(bikes, t.freeCapacity, holdingRoom(h, pending) - t.load))
    }

    /// The holding area nearest to `site` open now with bikes not yet claimed (ties: listed first),
    /// other than those `excluding`.
    /// - Complexity: O(holding areas), the clock time worked out once and the opening hours
    ///   read only for areas with bikes.
    func holdingWithBikes(near site: Site, excluding: [Int] = [], _ pending: PendingTransfers) -> Int? {
        var best: (Int, Double)?
        let secondOfDay = time.truncatingRemainder(dividingBy: 86_400)
        for h in 0..<model.holdingCount where holdingBikes[h] - pending.outOfHolding[h] > 0
            && model.isOpen(holding: h, secondOfDay: secondOfDay) && !excluding.contains(h) {
            let m = model.chordSquared(from: site, to: .holding(h))
            if best == nil || m < best!.1 { best = (h, m) }
        }
        return best?.0
    }

    /// Whether holding area a comes before b in ``holdingWithBikes(near:excluding:_:)``'s order
    /// from `site`: nearer, or as near and listed first.
    func holdingPrecedes(_ a: Int, _ b: Int, near site: Site) -> Bool {
        let ma = model.chordSquared(from: site, to: .holding(a)), mb = model.chordSquared(from: site, to: .holding(b))
        return ma < mb || (ma == mb && a < b)
    }

    /// Whether any holding area open now has bikes not yet claimed: without one, no refilling or
    /// release order can be placed, and a decision need not look for one zone by zone.
    /// - Complexity: O(holding areas), no distances.
    func anyHoldingWithBikes(_ pending: PendingTransfers) -> Bool {
        (0..<model.holdingCount).contains { model.isOpen(holding: $0, at: time) && holdingBikes[$0] - pending.outOfHolding[$0] > 0 }
    }

    /// Whether some zone is being cleared (above its capacity, or a clearing job not yet down to
    /// its target) with bikes left to take after the orders under way, and an idle truck could
    /// clear a bike of it into a holding area with room inside its shift: while so, the built-in
    /// policies clear before they release held bikes to zones that are not short.
    /// - Complexity: O(zones), and O(holding areas) for each such zone.
    func someZoneToClear(_ book: OrderBook, clearing: (Int) -> Bool) -> Bool {
        for z in 0..<model.zoneCount where model.zoneCoordinate[z] != nil && zoneBikes[z] - book.pending.outOfZone[z] > 0
            && (clearing(z) || zoneBikes[z] - book.pending.outOfZone[z] + book.pending.intoZone[z] > model.capacity(zone: z, at: time)) {
            guard let truck = nearestTruck(to: .zone(z), among: book.idle, withRoom: true),
                  let h = holdingWithRoom(near: .zone(z), truck: truck,
                                          departure: time + driveSeconds(truck: truck, from: trucks[truck].site, to: .zone(z)),
                                          preferred: model.targets.holdingArea[z], book.pending) else { continue }
            if canFinish(truck: truck, pickup: .zone(z), dropoff: .holding(h), bikes: 1) { return true }
        }
        return false
    }

    /// Each zone's bikes after the orders under way: now, or forecast `minutes` ahead.
    func levels(_ pending: PendingTransfers, forecastMinutes: Double?) -> [Double] {
        let forecast = forecastMinutes.map { forecastNetInflow(minutes: $0) }
        var levels = [Double](repeating: 0, count: model.zoneCount)
        for z in 0..<model.zoneCount {
            let planned: Int = zoneBikes[z] - pending.outOfZone[z] + pending.intoZone[z]
            levels[z] = Double(planned) + (forecast?[z] ?? 0)
        }
        return levels
    }

    /// Zones (with coordinates) whose level passes a test, served in order: priority first (higher
    /// first), then the larger amount, then file order. The zones come out of a heap one at a
    /// time, so a decision that places a few orders does not sort every zone.
    /// - Complexity: O(zones) to build, O(log zones) per zone taken.
    func ranked(_ levels: [Double], amount: (Int, Double) -> Double?) -> RankedZones {
        var list: [(zone: Int, amount: Double)] = []
        for z in 0..<model.zoneCount where model.zoneCoordinate[z] != nil {
            if let a = amount(z, levels[z]) { list.append((z, a)) }
        }
        return RankedZones(list, priority: priority)
    }

}

/// Zones in serving order, drawn from a binary heap on demand.
struct RankedZones: Sequence, IteratorProtocol {
    /// A zone with its amount and its priority (kept beside it, so a comparison reads one entry).
    private typealias Entry = (zone: Int, amount: Double, priority: Double)
    private var heap: [Entry]

    init(_ items: [(zone: Int, amount: Double)], priority: [Double]) {
        heap = items.map { ($0.zone, $0.amount, priority[$0.zone]) }
        if heap.count > 1 {
            heap.withUnsafeMutableBufferPointer { h in
                for i in stride(from: h.count / 2 - 1, through: 0, by: -1) { RankedZones.siftDown(h, i) }
            }
        }
    }

    /// No zones.
    init() { heap = [] }

    var isEmpty: Bool { heap.isEmpty }
    /// Zones not yet taken.
    var count: Int { heap.count }

    /// Whether a is served before b.
    @inline(__always) private static func first(_ a: Entry, _ b: Entry) -> Bool {
        if a.priority != b.priority { return a.priority > b.priority }
        if a.amount != b.amount { return a.amount > b.amount }
        return a.zone < b.zone
    }

    private static func siftDown(_ heap: UnsafeMutableBufferPointer<Entry>, _ start: Int) {
        var i = start
        while true {
            let l = 2 * i + 1
            if l >= heap.count { return }
            let r = l + 1
            let c = r < heap.count && first(heap[r], heap[l]) ? r : l
            if !first(heap[c], heap[i]) { return }
            heap.swapAt(i, c)
            i = c
        }
    }

    mutating func next() -> (zone: Int, amount: Double)? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        heap.withUnsafeMutableBufferPointer { RankedZones.siftDown($0, 0) }
        return (top.zone, top.amount)
    }
}
