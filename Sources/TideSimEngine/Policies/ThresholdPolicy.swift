import TideSimModel
import TideSimCore
import TideSimBuffers
/// The `threshold` and `predictive` policies: clear hotspots into holding areas, refill zones that
/// run short from them, and send held bikes back out, sharing the trucks.
///
/// `threshold` looks at each zone's bikes now; `predictive` at the bikes forecast
/// `horizonMinutes` ahead (``PolicyView/forecastNetInflow(minutes:)``), so it clears a hotspot
/// before it overflows and refills a zone before it runs dry. Both count orders under way, so a
/// surplus is never collected twice. Each decision:
///
/// 1. an idle truck still carrying bikes takes them to the zone most in need, or to a holding area;
/// 2. clearing and refilling jobs are served together, most urgent first: a zone above `high` is
///    cleared down to its target count into a holding area with room, a zone below `low` is
///    refilled up to its target count from a holding area with bikes. A job that cannot be done
///    now (no holding area with room, or with bikes) is skipped, never the others, so a truck
///    stays idle only when no such job can be done;
/// 3. trucks still idle release held bikes: holding areas are transfer areas, not storage, so
///    their bikes go back to zones below their target count (`docs/policies.md`).
///
/// `predictive` brings held bikes back by forecast need instead of step 2's refilling and step 3: only
/// to the zones its riders will take below their `low` count before the shift ends, soonest
/// first, as many as the next 12 hours leave room for (``ForecastPath/shortZones``), taking turns
/// with clearing only for the zones that run dry within the horizon.
public struct ThresholdPolicy: TransferPolicy {
    /// Minutes of forecast; nil for `threshold`.
    public let horizonMinutes: Double?
    private var jobs = ZoneJobs()
    /// Whether the next truck goes to a clearing job (else a refilling one): the two kinds take
    /// turns across decisions, since trucks usually become idle one at a time.
    private var clearingTurn = true
    /// Whether a refill skips what an earlier zone of the decision found (OrderBook's
    /// `closedOnArrival`, `noHoldingToRefillFrom`): the same orders, fewer searches. Off only in
    /// the test that checks exactly that.
    var remembersUnusableHoldingAreas = true
    /// Holding areas a refill skipped because an earlier zone of the decision found them closed
    /// on arrival, and refills not searched at all (for that test: it shows the memory is used).
    private(set) var skippedFromMemory = 0

    /// `threshold` (no forecast) or `predictive` (with a horizon in minutes).
    public init(horizonMinutes: Double? = nil) { self.horizonMinutes = horizonMinutes }

    public var name: String { (horizonMinutes == nil ? PolicyKind.threshold : .predictive).rawValue }

    public mutating func decide(_ view: PolicyView) -> [TransferOrder] {
        guard view.model.trucks != nil else { return [] }
        // Nothing to decide without an idle truck (and the levels cost O(zones) to compute).
        guard view.trucks.contains(where: \.isIdle) else { return [] }
        var book = OrderBook(view)
        let levels = view.levels(book.pending, forecastMinutes: horizonMinutes)
        // The capacity in force now, or (`predictive`) the lowest until the horizon: a metro exit
        // is cleared before its rush-hour cap opens.
        jobs.update(levels: levels, model: view.model, capacityOver: view.time...(view.time + (horizonMinutes ?? 0) * 60),
                    orderDeadline: view.orderDeadline)
        var need = levels   // levels as this decision's orders change them

        // 1. Bikes left on a truck: to the neediest zone with an open refilling job that it
        //    serves, else to a holding area with room.
        for i in book.idle where view.trucks[i].load > 0 {
            let site = view.trucks[i].site
            var short = jobs.queue(.refilling, levels: need, priority: view.priority)
            var target: Int?
            while let z = short.next()?.zone { if view.serves(truck: i, .zone(z)) { target = z; break } }
            if let z = target, view.canFinish(truck: i, pickup: site, dropoff: .zone(z), bikes: 0) {
                book.assign(i, site, .zone(z), 0)
                need[z] += Double(view.trucks[i].load)
            } else if let h = view.holdingWithRoom(near: site, truck: i, departure: view.time, preferred: nil, excluding: site, book.pending),
                      view.canFinish(truck: i, pickup: site, dropoff: .holding(h), bikes: 0) {
                book.assign(i, site, .holding(h), 0)
            }
        }

        // 2. Clearing and refilling take turns, each most urgent first; in the release period,
        //    held bikes go back out first.
        let releasing = view.model.releasePeriod(contains: view.time)
        // `predictive` brings held bikes only to the zones the forecast says will run short, soonest
        // first (``ForecastPath/shortZones``), taking turns with clearing; `threshold` refills the
        // zones short now and releases the rest.
        var short: [ShortZone] = []
        if let horizon = horizonMinutes, view.anyHoldingWithBikes(book.pending) {
            // Never a zone being cleared: clearing first.
            short = Self.shortZones(view, book.pending, idle: book.idle, horizonMinutes: horizon).filter { jobs.job[$0.zone] != .clearing }
        }
        var nextShort = 0
        if releasing && horizonMinutes == nil { release(view, &need, &book) }
        var clearing = jobs.queue(.clearing, levels: need, priority: view.priority)
        // A refilling job with no held bike anywhere is a no-op: it still takes its turn (so the
        // turns, and so the orders, are those of trying it), but costs no search over the areas,
        // and is not even drawn from the heap: without held bikes only the number of refilling
        // jobs left matters (held bikes do not come back within a decision).
        var heldBikesLeft = view.anyHoldingWithBikes(book.pending)
        var refilling = heldBikesLeft && horizonMinutes == nil ? jobs.queue(.refilling, levels: need, priority: view.priority) : RankedZones()
        var noOpRefills = heldBikesLeft || horizonMinutes != nil ? 0 : jobs.count(.refilling, levels: need)
        func nextRefill() -> (zone: Int, amount: Double)? {
            guard horizonMinutes != nil else { return refilling.next() }
            // While hotspots wait to be cleared, only the zones that run dry within the horizon
            // take turns with them; the others wait until no clearing job is left.
            guard nextShort < short.count,
                  clearing.isEmpty || short[nextShort].when <= view.time + horizonMinutes! * 60 else { return nil }
            defer { nextShort += 1 }
            return (short[nextShort].zone, Double(short[nextShort].amount))
        }
        while !book.idle.isEmpty {
            if clearingTurn, let (z, amount) = clearing.next() {
                clear(z, Int(amount.rounded(.up)), view, &book)
            } else if heldBikesLeft, let (z, amount) = nextRefill() {
                let ordered = refill(z, Int(amount.rounded(.up)), view, &book)
                need[z] += Double(ordered)
                if ordered > 0 && !view.anyHoldingWithBikes(book.pending) {
                    heldBikesLeft = false
                    noOpRefills = horizonMinutes == nil ? refilling.count : 0
                }
            } else if noOpRefills > 0 {
                noOpRefills -= 1
            } else if let (z, amount) = clearing.next() {
                clear(z, Int(amount.rounded(.up)), view, &book)
            } else {
                break
            }
            clearingTurn.toggle()
        }

        // 3. Outside the release period, trucks still idle release held bikes.
        if !releasing && horizonMinutes == nil { release(view, &need, &book) }
        return book.orders
    }

    /// Orders that bring held bikes back to zones below their target count: first the zones with
    /// an open refilling job (short, or refilled and not yet at target), then the others, each
    /// furthest below first. Clearing first: while a zone is being cleared and a truck can clear
    /// it, held bikes go only to those with a refilling job, never to half-full zones.
    private mutating func release(_ view: PolicyView, _ need: inout [Double], _ book: inout OrderBook) {
        guard !book.idle.isEmpty else { return }
        var heldBikesLeft = view.anyHoldingWithBikes(book.pending)
        guard heldBikesLeft else { return }
        let onlyShort = view.someZoneToClear(book) { jobs.job[$0] == .clearing }
        for jobsPass in onlyShort ? [true] : [true, false] {
            let below = view.ranked(need) { z, level in
                let targetCount = jobs.targetCount[z]
                return level < targetCount && (jobs.job[z] == .refilling) == jobsPass && jobs.job[z] != .clearing ? targetCount - level : nil
            }
            for (z, amount) in below {
                // Once no holding area is left to refill from (see OrderBook), no later zone can be
                // refilled either: only refills assign trucks here, so nothing resets that.
                if book.idle.isEmpty || !heldBikesLeft || (remembers(view) && book.noHoldingToRefillFrom) { return }
                let ordered = refill(z, Int(amount.rounded(.up)), view, &book)
                need[z] += Double(ordered)
                if ordered > 0 { heldBikesLeft = view.anyHoldingWithBikes(book.pending) }
            }
        }
    }

    /// Orders that take up to `surplus` bikes from zone z into holding areas with room, by the
    /// nearest idle trucks that serve z and can finish the order inside their shift.
    private func clear(_ z: Int, _ surplus: Int, _ view: PolicyView, _ book: inout OrderBook) {
        var surplus = surplus
        var available = view.zoneBikes[z] - book.pending.outOfZone[z]
        var candidates = book.idle
        while surplus > 0 && available > 0, let truck = view.nearestTruck(to: .zone(z), among: candidates, withRoom: true) {
            candidates.removeAll { $0 == truck }
            guard let h = view.lotForClearing(zone: z, truck: truck, bikes: surplus, book.pending) else { return }
            let n = view.bikesIntoLot(h, zone: z, truck: truck, bikes: min(surplus, available), book.pending)
            guard n > 0 else { continue }
            book.assign(truck, .zone(z), .holding(h), n)
            surplus -= n
            available -= n
        }
    }

    /// `predictive`'s zones to refill: those its riders will take below their low count before
    /// the `idle` trucks' shift ends (plus an hour, and at least the horizon), soonest first.
    static func shortZones(_ view: PolicyView, _ pending: PendingTransfers, idle: [Int], horizonMinutes: Double) -> [ShortZone] {
        let until = view.releaseHorizon(idle: idle, horizonMinutes: horizonMinutes)
        let roomUntil = view.time + 12 * 3600
        let path = ForecastPath(view, pending: pending, until: max(until, roomUntil), stepMinutes: ClearancePolicy.stepMinutes)
        return path.shortZones(view, until: until, counts: ZoneCounts(view, capacityUntil: view.time + horizonMinutes * 60), roomUntil: roomUntil)
    }

    /// Whether a refill may skip what an earlier zone of the decision found: only when the truck
    /// sent to a holding area does not depend on the zone refilled, that is when no fleet has a
    /// territory.
    private func remembers(_ view: PolicyView) -> Bool {
        remembersUnusableHoldingAreas && !(view.model.trucks?.fleets.contains { $0.territory != nil } ?? false)
    }

    /// Orders that bring up to `deficit` bikes to zone z from holding areas with bikes; returns the
    /// bikes ordered (including what the trucks already carried).
    private mutating func refill(_ z: Int, _ deficit: Int, _ view: PolicyView, _ book: inout OrderBook) -> Int {
        // What an earlier zone of this decision found holds here too (see OrderBook), so the
        // search skips it, and the answer is the one the plain search below would give.
        let remembers = remembers(view)
        if remembers && book.noHoldingToRefillFrom {
            skippedFromMemory += 1
            return 0
        }
        var deficit = deficit
        var ordered = 0
        var excluded: [Int] = []      // as the plain search keeps it for this zone
        var assigned = false
        while deficit > 0 {
            let known = remembers ? book.closedOnArrival : []
            let found = view.holdingWithBikes(near: .zone(z), excluding: excluded + known, book.pending)
            // The plain search would have met, and excluded, the known-closed areas nearer than
            // the one found (all of them when none is found).
            for m in known where !excluded.contains(m)
                && (found.map { view.holdingPrecedes(m, $0, near: .zone(z)) } ?? true) {
                excluded.append(m)
                skippedFromMemory += 1
            }
            guard let h = found else {
                if !assigned { book.noHoldingToRefillFrom = true }
                break
            }
            guard let truck = view.nearestTruck(to: .holding(h), among: book.idle, withRoom: true, serving: .zone(z)) else { break }
            let t = view.trucks[truck]
            // The holding area must still be open when the truck gets there.
            guard view.model.isOpen(holding: h, at: view.time + view.driveSeconds(truck: truck, from: t.site, to: .holding(h))) else {
                excluded.append(h)
                book.closedOnArrival.append(h)
                continue
            }
            let n = view.bikesThatFit(truck: truck, pickup: .holding(h), dropoff: .zone(z),
                                      bikes: min(deficit, view.holdingBikes[h] - book.pending.outOfHolding[h], t.freeCapacity))
            guard n > 0 else { break }
            book.assign(truck, .holding(h), .zone(z), n)
            assigned = true
            deficit -= n + t.load
            ordered += n + t.load
        }
        return ordered
    }
}
