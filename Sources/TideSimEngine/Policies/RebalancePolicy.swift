import TideSimModel
import TideSimCore
import TideSimBuffers
/// The `rebalance` policy: classic direct redistribution without holding areas. The surplus of a
/// zone above `high` (down to its target count) goes straight to the zones furthest below `low`
/// (up to their target count). Like `threshold`, a zone stays a job until it reaches its target
/// count (``ZoneJobs``).
public struct RebalancePolicy: TransferPolicy {
    private var jobs = ZoneJobs()

    public init() {}
    public var name: String { PolicyKind.rebalance.rawValue }

    public mutating func decide(_ view: PolicyView) -> [TransferOrder] {
        guard view.model.trucks != nil else { return [] }
        guard view.trucks.contains(where: \.isIdle) else { return [] }
        var book = OrderBook(view)
        let model = view.model
        let levels = view.levels(book.pending, forecastMinutes: nil)
        jobs.update(levels: levels, model: model, capacityOver: view.time...view.time, orderDeadline: view.orderDeadline)
        let targets = model.targets
        // Deficits, furthest below `low` first (priority still first); all are needed in order.
        var short = view.ranked(levels) { z, level in
            jobs.job[z] == .refilling && jobs.amount(z, level: level) != nil
                ? targets.low[z] * Double(model.capacity(zone: z, at: view.time)) - level : nil
        }.map { (zone: $0.zone, need: Int(jobs.amount($0.zone, level: levels[$0.zone])!.rounded(.up))) }

        // Bikes left on an idle truck go to the neediest zone it can reach.
        for i in book.idle where view.trucks[i].load > 0 {
            guard let k = short.firstIndex(where: { $0.need > 0 && view.withinReach(truck: i, pickup: view.trucks[i].site, dropoff: .zone($0.zone)) })
            else { continue }
            guard view.canFinish(truck: i, pickup: view.trucks[i].site, dropoff: .zone(short[k].zone), bikes: 0) else { continue }
            book.assign(i, view.trucks[i].site, .zone(short[k].zone), 0)
            short[k].need -= view.trucks[i].load
        }

        let hot = view.ranked(levels) { z, level in
            jobs.job[z] == .clearing ? jobs.amount(z, level: level) : nil
        }
        for (z, amount) in hot {
            if book.idle.isEmpty { break }
            var surplus = Int(amount.rounded(.up))
            var available = view.zoneBikes[z] - book.pending.outOfZone[z]
            // The first zone in need that the truck can reach within the fleet's `maxOrderKm`.
            while surplus > 0 && available > 0, let truck = view.nearestTruck(to: .zone(z), among: book.idle, withRoom: true),
                  let k = short.firstIndex(where: { $0.need > 0 && view.withinReach(truck: truck, pickup: .zone(z), dropoff: .zone($0.zone)) }) {
                let n = view.bikesThatFit(truck: truck, pickup: .zone(z), dropoff: .zone(short[k].zone),
                                          bikes: min(surplus, available, view.trucks[truck].freeCapacity, short[k].need))
                guard n > 0 else { break }
                book.assign(truck, .zone(z), .zone(short[k].zone), n)
                surplus -= n
                available -= n
                short[k].need -= n + view.trucks[truck].load
            }
        }
        return book.orders
    }
}
