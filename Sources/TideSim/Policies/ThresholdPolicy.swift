/// The `threshold` and `predictive` policies: clear hotspots into holding areas, and when no zone
/// is above its `high` threshold, bring held bikes back to zones below `low`.
///
/// `threshold` looks at each zone's bikes now; `predictive` at the bikes forecast
/// `horizonMinutes` ahead (``PolicyView/forecastNetInflow(minutes:)``), so it clears a hotspot
/// before it overflows and refills a zone before it runs dry. Both count orders under way, so a
/// surplus is never collected twice. `docs/policies.md` states every choice.
public struct ThresholdPolicy: TransferPolicy {
    /// Minutes of forecast; nil for `threshold`.
    public let horizonMinutes: Double?

    /// `threshold` (no forecast) or `predictive` (with a horizon in minutes).
    public init(horizonMinutes: Double? = nil) { self.horizonMinutes = horizonMinutes }

    public var name: String { horizonMinutes == nil ? "threshold" : "predictive" }

    public func decide(_ view: PolicyView) -> [TransferOrder] {
        guard let fleet = view.model.trucks else { return [] }
        var book = OrderBook(view)
        guard !book.idle.isEmpty else { return [] }
        let model = view.model

        // Bikes a holding area could not take: to the nearest other holding area with room.
        for i in book.idle where view.trucks[i].load > 0 {
            let site = view.trucks[i].site
            if let h = view.holdingWithRoom(near: site, departure: view.time, preferred: nil, excluding: site, book.pending) {
                book.assign(i, site, .holding(h), 0)
            }
        }

        let levels = view.levels(book.pending, forecastMinutes: horizonMinutes)
        let targets = model.targets
        let hot = view.ranked(levels) { z, level in
            level > targets.high[z] * Double(model.zoneCapacity[z])
                ? level - Double(targets.targetBikes(z, capacity: model.zoneCapacity[z])) : nil
        }
        for (z, amount) in hot {
            if book.idle.isEmpty { break }
            var surplus = Int(amount.rounded(.up))
            var available = view.zoneBikes[z] - book.pending.outOfZone[z]
            while surplus > 0 && available > 0, let truck = view.nearestTruck(to: .zone(z), among: book.idle) {
                let free = view.trucks[truck].freeCapacity
                let atZone = view.time + view.driveSeconds(from: view.trucks[truck].site, to: .zone(z))
                let leaves = atZone + Double(min(surplus, free)) * fleet.loadSeconds
                guard let h = view.holdingWithRoom(near: .zone(z), departure: leaves, preferred: targets.holdingArea[z], book.pending)
                else { return book.orders }
                let n = min(surplus, available, free, view.holdingRoom(h, book.pending))
                guard n > 0 else { break }
                book.assign(truck, .zone(z), .holding(h), n)
                surplus -= n
                available -= n
            }
        }
        if !hot.isEmpty { return book.orders }

        let short = view.ranked(levels) { z, level in
            level < targets.low[z] * Double(model.zoneCapacity[z])
                ? Double(targets.targetBikes(z, capacity: model.zoneCapacity[z])) - level : nil
        }
        for (z, amount) in short {
            if book.idle.isEmpty { break }
            var deficit = Int(amount.rounded(.up))
            while deficit > 0, let h = view.holdingWithBikes(near: .zone(z), book.pending),
                  let truck = view.nearestTruck(to: .holding(h), among: book.idle) {
                let n = min(deficit, view.holdingBikes[h] - book.pending.outOfHolding[h], view.trucks[truck].freeCapacity)
                guard n > 0 else { break }
                book.assign(truck, .holding(h), .zone(z), n)
                deficit -= n
            }
        }
        return book.orders
    }
}
