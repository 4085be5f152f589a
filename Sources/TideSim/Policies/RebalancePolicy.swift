/// The `rebalance` policy: classic direct redistribution without holding areas. The surplus of a
/// zone above `high` (down to `target`) goes straight to the zone furthest below `low` (up to
/// `target`).
public struct RebalancePolicy: TransferPolicy {
    public init() {}
    public var name: String { "rebalance" }

    public func decide(_ view: PolicyView) -> [TransferOrder] {
        var book = OrderBook(view)
        guard view.model.trucks != nil, !book.idle.isEmpty else { return [] }
        let model = view.model
        let targets = model.targets
        let levels = view.levels(book.pending, forecastMinutes: nil)
        let capacity = { (z: Int) in Double(model.zoneCapacity[z]) }
        let targetBikes = { (z: Int) in Double(targets.targetBikes(z, capacity: model.zoneCapacity[z])) }
        // Deficits, furthest below `low` first (priority still first).
        var short = view.ranked(levels) { z, level in
            level < targets.low[z] * capacity(z) ? targets.low[z] * capacity(z) - level : nil
        }.map { (zone: $0.zone, need: Int((targetBikes($0.zone) - levels[$0.zone]).rounded(.up))) }
        // (All deficits are needed in order here, so they are drawn in full.)

        // Bikes left on an book.idle truck go to the neediest zone.
        for i in book.idle where view.trucks[i].load > 0 {
            guard let k = short.firstIndex(where: { $0.need > 0 }) else { break }
            book.assign(i, view.trucks[i].site, .zone(short[k].zone), 0)
            short[k].need -= view.trucks[i].load
        }

        let hot = view.ranked(levels) { z, level in
            level > targets.high[z] * capacity(z) ? level - targetBikes(z) : nil
        }
        for (z, amount) in hot {
            if book.idle.isEmpty { break }
            var surplus = Int(amount.rounded(.up))
            var available = view.zoneBikes[z] - book.pending.outOfZone[z]
            while surplus > 0 && available > 0, let k = short.firstIndex(where: { $0.need > 0 }),
                  let truck = view.nearestTruck(to: .zone(z), among: book.idle) {
                let n = min(surplus, available, view.trucks[truck].freeCapacity, short[k].need)
                guard n > 0 else { break }
                book.assign(truck, .zone(z), .zone(short[k].zone), n)
                surplus -= n
                available -= n
                short[k].need -= n
            }
        }
        return book.orders
    }
}
