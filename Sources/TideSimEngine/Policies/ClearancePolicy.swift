import TideSimModel
import TideSimCore
import TideSimBuffers
/// The `clearance` policy: dispatch by the rule the city judges by, that a zone over capacity is
/// cleared within `policy.clearanceMinutes` (docs/policies.md has a worked example).
///
/// Each decision looks at every zone's bikes after the orders under way and at the forecast of
/// its level every 15 minutes ahead (``PolicyView/forecastNetInflow(minutes:)``):
///
/// 1. an idle truck still carrying bikes takes them to a zone forecast to run short, or to a lot;
/// 2. **clearing by deadline**: a zone above capacity now, or forecast above it within
///    `horizonMinutes`, is a job whose deadline is the start of its episode (seen, or forecast)
///    plus `clearanceMinutes`. Jobs are served in order of deadline, those a truck can still meet
///    before those it cannot, each by the idle truck that gets there soonest, taking just enough
///    to keep the zone at its target count until the horizon. Towards a shift's end the horizon
///    stretches to the next shift: what would overflow while no truck works is cleared before;
/// 3. **releasing by forecast need**: held bikes go to the zones whose forecast level falls below
///    `low × capacity` before the end of the trucks' shift (plus an hour), as many as bring that
///    lowest level back to the target count without taking the zone over capacity before it
///    falls, most urgent first. While a zone is waiting to be cleared, only these zones get held
///    bikes (clearing first);
/// 4. **waiting near the next hotspot**: a truck still idle drives (empty) to the zone forecast to
///    go over capacity soonest that has no truck on the way or nearby.
public struct ClearancePolicy: TransferPolicy {
    /// How far ahead a zone's overflow is foreseen, in minutes (`policy.horizonMinutes`).
    public let horizonMinutes: Double
    /// When each zone was first seen above capacity in its present episode (nil: not above).
    private var overSince: [Double?] = []

    /// Forecast steps, in minutes.
    static let stepMinutes = 15.0
    /// A truck this close to a zone (great-circle metres) counts as waiting near it.
    static let nearbyMeters = 500.0
    /// A zone short of bikes this close to a hotspot (great-circle metres) takes its bikes
    /// straight, even when a lot is nearer.
    static let directMeters = 2_000.0

    public init(horizonMinutes: Double) { self.horizonMinutes = horizonMinutes }

    public var name: String { PolicyKind.clearance.rawValue }

    public mutating func decide(_ view: PolicyView) -> [TransferOrder] {
        guard let fleets = view.model.trucks else { return [] }
        let model = view.model
        let n = model.zoneCount
        if overSince.count != n { overSince = Array(repeating: nil, count: n) }
        for z in 0..<n {
            if view.zoneBikes[z] > model.capacity(zone: z, at: view.time) {
                if overSince[z] == nil { overSince[z] = view.time }
            } else {
                overSince[z] = nil
            }
        }
        guard view.trucks.contains(where: \.isIdle) else { return [] }
        var book = OrderBook(view)
        let idleNow = book.idle

        // How far to look: the horizon, or on to the next shift when the shift ends before it.
        let shiftEnd = idleNow.map { view.orderDeadline(truck: $0) }.max() ?? view.time
        var clearUntil = view.time + horizonMinutes * 60
        if shiftEnd < clearUntil, let next = fleets.fleets.compactMap({ $0.nextShiftStart(after: shiftEnd) }).min() {
            clearUntil = min(max(clearUntil, next + horizonMinutes * 60), view.time + 86_400)
        }
        let releaseUntil = view.releaseHorizon(idle: idleNow, horizonMinutes: horizonMinutes)
        // Bikes taken now must not be missed by riders later the same day (half a day at most).
        let spareUntil = view.time + 12 * 3600
        let lookahead = max(clearUntil, releaseUntil, spareUntil)
        let path = ForecastPath(view, pending: book.pending, until: lookahead, stepMinutes: ClearancePolicy.stepMinutes)

        // For clearing, the lowest capacity until the horizon (a rush-hour cap about to open
        // counts already).
        let counts = ZoneCounts(view, capacityUntil: clearUntil)
        let cap = counts.capacity, targetCount = counts.target, lowCount = counts.low
        let targets = model.targets
        let clearance = model.clearanceMinutes * 60
        // Each zone's lowest level until the release horizon, and when it is reached.
        let lowest = (0..<n).map { path.lowest(zone: $0, until: releaseUntil) }

        // 1. Bikes left on a truck: to the zone most short by the forecast, else to a lot.
        for i in book.idle where view.trucks[i].load > 0 {
            let site = view.trucks[i].site
            let short = (0..<n).filter { model.zoneCoordinate[$0] != nil && view.serves(truck: i, .zone($0))
                && lowest[$0].level < lowCount[$0] }
            if let z = short.min(by: { lowest[$0].level - lowCount[$0] < lowest[$1].level - lowCount[$1] }),
               view.canFinish(truck: i, pickup: site, dropoff: .zone(z), bikes: 0) {
                book.assign(i, site, .zone(z), 0)
            } else if let h = view.holdingWithRoom(near: site, truck: i, departure: view.time, preferred: nil, excluding: site, book.pending),
                      view.canFinish(truck: i, pickup: site, dropoff: .holding(h), bikes: 0) {
                book.assign(i, site, .holding(h), 0)
            }
        }

        // The zones riders will take below their low count before the release horizon, soonest
        // first, with the bikes each can take.
        var short = path.shortZones(view, until: releaseUntil, counts: counts)

        // 2. Clearing jobs with their deadlines.
        var jobs: [(zone: Int, deadline: Double, amount: Int, spare: Int)] = []
        for z in 0..<n where model.zoneCoordinate[z] != nil {
            let peak = path.highest(zone: z, until: clearUntil)
            // A work order is a job with its own deadline, whatever the forecast.
            let ordered = view.workOrderDeadline(zone: z)
            guard peak > cap[z] * targets.high[z] || (ordered != nil && path.now[z] > targetCount[z]) else { continue }
            let start = overSince[z] ?? path.firstAbove(zone: z, count: cap[z], until: clearUntil) ?? view.time
            let deadline = min(start + clearance, ordered ?? .infinity)
            // Riders will bring it back to capacity before the deadline: no job.
            if ordered == nil, deadline > view.time, let back = path.firstStep(zone: z, after: max(start, view.time), where: { $0 <= cap[z] }),
               back <= deadline { continue }
            // Bikes the zone will not need before the trucks' next chance to bring some back.
            let spare = path.lowest(zone: z, until: spareUntil).level - lowCount[z]
            // At least what keeps it at capacity until the horizon while the rule can still be
            // kept; up to its target count from the spare bikes.
            let needed = deadline >= view.time ? peak - cap[z] : 0
            // Under a work order: at least what brings it down to its capacity (its fair share) now.
            let orderedNeed = ordered != nil ? path.now[z] - cap[z] : 0
            let amount = Int(min(max(needed, min(peak - targetCount[z], spare), orderedNeed), path.now[z]).rounded(.up))
            if amount > 0 { jobs.append((z, deadline, amount, max(0, Int(spare.rounded(.down))))) }
        }
        // Deadlines first; a job no truck can meet any more goes after those it can.
        func arrival(_ z: Int) -> Double {
            guard let t = view.nearestTruck(to: .zone(z), among: book.idle, withRoom: true) else { return .infinity }
            return view.time + view.driveSeconds(truck: t, from: view.trucks[t].site, to: .zone(z))
        }
        let meetable = jobs.map { arrival($0.zone) <= $0.deadline }
        let order = jobs.indices.sorted { a, b in
            let pa = view.priority[jobs[a].zone], pb = view.priority[jobs[b].zone]
            if pa != pb { return pa > pb }
            if meetable[a] != meetable[b] { return meetable[a] }
            if jobs[a].deadline != jobs[b].deadline { return jobs[a].deadline < jobs[b].deadline }
            return jobs[a].zone < jobs[b].zone
        }
        for k in order {
            if book.idle.isEmpty { break }
            clear(jobs[k].zone, jobs[k].amount, spare: jobs[k].spare, view, &book, short: &short)
        }

        // 3. Held bikes to the zones the forecast says will run short, before they do. Only
        //    these zones get held bikes: clearing first holds by construction.
        for k in short.indices {
            if book.idle.isEmpty || !view.anyHoldingWithBikes(book.pending) { break }
            short[k].amount -= refill(short[k].zone, short[k].amount, view, &book)
        }

        // 4. Idle trucks wait near the zones forecast to go over capacity soonest.
        if !book.idle.isEmpty {
            var soon: [(zone: Int, crossing: Double)] = []
            for z in 0..<n where model.zoneCoordinate[z] != nil && path.now[z] <= cap[z] {
                if let t = path.firstAbove(zone: z, count: cap[z], until: view.time + horizonMinutes * 60) { soon.append((z, t)) }
            }
            soon.sort { $0.crossing != $1.crossing ? $0.crossing < $1.crossing : $0.zone < $1.zone }
            for (z, _) in soon {
                if book.idle.isEmpty { break }
                let covered = view.trucks.contains { t in
                    (t.order.map { $0.dropoff == .zone(z) || $0.pickup == .zone(z) } ?? false)
                        || book.orders.contains { $0.truck == t.index && ($0.dropoff == .zone(z) || $0.pickup == .zone(z)) }
                        || (t.isIdle && view.model.meters(from: t.site, to: .zone(z)) <= ClearancePolicy.nearbyMeters)
                }
                guard !covered, let truck = view.nearestTruck(to: .zone(z), among: book.idle),
                      view.trucks[truck].load == 0,
                      view.canFinish(truck: truck, pickup: .zone(z), dropoff: .zone(z), bikes: 0) else { continue }
                book.assign(truck, .zone(z), .zone(z), 0)
            }
        }
        return book.orders
    }

    /// Orders that take up to `amount` bikes from zone z, by the idle trucks nearest to it that
    /// serve it and can finish inside their shift: the bikes it can spare (those its riders will
    /// not need back later in the day) straight to a zone forecast to run short when one is as
    /// near as the lot (its need shrinks); the others into the nearest lot with room, to come back.
    private func clear(_ z: Int, _ amount: Int, spare: Int, _ view: PolicyView, _ book: inout OrderBook,
                       short: inout [ShortZone]) {
        var surplus = amount
        var available = view.zoneBikes[z] - book.pending.outOfZone[z]
        var spare = spare
        var candidates = book.idle
        while surplus > 0 && available > 0, let truck = view.nearestTruck(to: .zone(z), among: candidates, withRoom: true) {
            candidates.removeAll { $0 == truck }
            let t = view.trucks[truck]
            let lot = view.lotForClearing(zone: z, truck: truck, bikes: surplus, book.pending)
            let lotMeters = lot.map { view.model.meters(from: .zone(z), to: .holding($0)) } ?? .infinity
            var best: (k: Int, metres: Double)?
            for k in short.indices where spare > 0 && short[k].amount > 0 && short[k].zone != z && view.serves(truck: truck, .zone(short[k].zone)) {
                let m = view.model.meters(from: .zone(z), to: .zone(short[k].zone))
                if m <= max(lotMeters, ClearancePolicy.directMeters) && m < (best?.metres ?? .infinity) { best = (k, m) }
            }
            if let (k, _) = best {
                let bikes = view.bikesThatFit(truck: truck, pickup: .zone(z), dropoff: .zone(short[k].zone),
                                              bikes: min(surplus, available, t.freeCapacity, short[k].amount, spare))
                if bikes > 0 {
                    book.assign(truck, .zone(z), .zone(short[k].zone), bikes)
                    short[k].amount -= bikes + t.load
                    spare -= bikes
                    surplus -= bikes
                    available -= bikes
                    continue
                }
            }
            guard let h = lot else { return }
            let bikes = view.bikesIntoLot(h, zone: z, truck: truck, bikes: min(surplus, available), book.pending)
            guard bikes > 0 else { continue }
            book.assign(truck, .zone(z), .holding(h), bikes)
            surplus -= bikes
            available -= bikes
        }
    }

    /// Orders that bring up to `amount` held bikes to zone z from the nearest lots with bikes;
    /// returns the bikes ordered.
    private func refill(_ z: Int, _ amount: Int, _ view: PolicyView, _ book: inout OrderBook) -> Int {
        var deficit = amount
        while deficit > 0, let h = view.holdingWithBikes(near: .zone(z), book.pending) {
            guard let truck = view.nearestTruck(to: .holding(h), among: book.idle, withRoom: true, serving: .zone(z)) else { break }
            let t = view.trucks[truck]
            let bikes = view.bikesThatFit(truck: truck, pickup: .holding(h), dropoff: .zone(z),
                                          bikes: min(deficit, view.holdingBikes[h] - book.pending.outOfHolding[h], t.freeCapacity))
            // The nearest truck cannot finish from the nearest lot: a farther lot will not do better.
            guard bikes > 0 else { break }
            book.assign(truck, .holding(h), .zone(z), bikes)
            deficit -= bikes + t.load
        }
        return amount - deficit
    }
}

/// Each zone's forecast level (bikes after the orders under way, plus the expected net inflow)
/// every `stepMinutes` from now for three hours, then every hour, to a time: what ``ClearancePolicy`` reads its deadlines and needs
/// from.
struct ForecastPath {
    /// The levels now, and the time now.
    let now: [Double], start: Double
    /// The times of the steps, and the levels at each (step-major).
    private let times: [Double]
    private let levels: [[Double]]

    init(_ view: PolicyView, pending: PendingTransfers, until end: Double, stepMinutes: Double) {
        now = view.levels(pending, forecastMinutes: nil)
        start = view.time
        var times: [Double] = [], levels: [[Double]] = []
        var minutes = stepMinutes
        while view.time + minutes * 60 <= end + stepMinutes * 30 {
            let net = view.forecastNetInflow(minutes: minutes)
            times.append(view.time + minutes * 60)
            levels.append(zip(now, net).map { $0 + $1 })
            // Beyond three hours an hour a step: far levels decide only what can be spared.
            minutes += minutes < 180 ? stepMinutes : 60
        }
        self.times = times
        self.levels = levels
    }

    /// The highest level of zone z from now to `until`.
    func highest(zone z: Int, until: Double) -> Double {
        var best = now[z]
        for k in times.indices where times[k] <= until { best = max(best, levels[k][z]) }
        return best
    }

    /// The first step by `until` at which zone z goes above `count`; nil when it is above now,
    /// or stays at or below.
    func firstAbove(zone z: Int, count: Double, until: Double) -> Double? {
        now[z] > count ? nil : firstStep(zone: z, until: until) { $0 > count }
    }

    /// The highest level of zone z at the steps from `from` to `until` (its level now when there
    /// is no such step).
    func highest(zone z: Int, from: Double, until: Double) -> Double {
        var best: Double?
        for k in times.indices where times[k] >= from && times[k] <= until { best = max(best ?? levels[k][z], levels[k][z]) }
        return best ?? now[z]
    }

    /// The first step after `after` and by `until` at which zone z's level passes `test`; nil: none.
    func firstStep(zone z: Int, after: Double = -.infinity, until: Double = .infinity, where test: (Double) -> Bool) -> Double? {
        for k in times.indices where times[k] > after && times[k] <= until && test(levels[k][z]) { return times[k] }
        return nil
    }

    /// The lowest level of zone z from now to `until`, and when it is reached.
    func lowest(zone z: Int, until: Double) -> (level: Double, time: Double) {
        var best = (level: now[z], time: start)
        for k in times.indices where times[k] <= until && levels[k][z] < best.level { best = (levels[k][z], times[k]) }
        return best
    }
}
