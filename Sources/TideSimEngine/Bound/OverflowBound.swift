import TideSimModel
import TideSimCore

/// The lower bound on `overflowBikeHours` (docs/bound.md, "Overflow"): at every moment the
/// overflow of any dispatch is at least
///
///     max( O₀(t) − L(t),  F − A(t) − H − T − C(t),  0 )
///
/// where O₀ is the overflow of the day without transfers on the same riders, L(t) the most bikes
/// trucks can have lifted by t (``TruckWorkBudget``), F the fleet, A(t) the riders on their way
/// at t were every attempt served, H the holding areas' room, T the trucks' room and C(t) the
/// zones' capacity in force. The first holds because one bike more or less in a zone changes
/// the rest of the day by at most one bike anywhere (the coupling argument of docs/bound.md;
/// with operators whose riders sometimes switch it does not hold, and L is infinite from the
/// trucks' first shift: ``couples(_:)``);
/// the second because the fleet has to be somewhere. The bound integrates it exactly over the
/// measured days.
enum OverflowBound {
    /// Bike-hours over the measured window.
    static func bikeHours(model: Model, baseline trace: OverflowTrace, attempts: [TripAttempt], budget: TruckWorkBudget) -> Double {
        let start = model.measureStart, end = model.endTime
        let coupled = couples(model)
        let fleetTerm = FleetTerm(model: model, attempts: attempts)
        // Every moment where one of the three pieces changes its formula, inside the window.
        var cuts = [start, end]
        cuts += trace.times.filter { $0 > start && $0 < end }
        cuts += budget.breakpoints.filter { $0 > start && $0 < end }
        cuts += fleetTerm.times.filter { $0 > start && $0 < end }
        cuts.sort()
        var seconds = 0.0
        var k = 0 // trace index: the step in force
        var f = 0 // fleet term index
        for i in 0..<(cuts.count - 1) {
            let a = cuts[i], b = cuts[i + 1]
            guard b > a else { continue }
            while k + 1 < trace.times.count && trace.times[k + 1] <= a { k += 1 }
            while f + 1 < fleetTerm.times.count && fleetTerm.times[f + 1] <= a { f += 1 }
            let o = Double(trace.overflow[k])
            let floor = max(0, fleetTerm.times.isEmpty ? 0 : fleetTerm.values[f])
            var (la, lb) = budget.liftedOver(a, b)
            if !coupled {
                la = la > 0 ? .infinity : 0
                lb = lb > 0 ? .infinity : 0
            }
            seconds += integral(overflow: o, liftedFrom: la, to: lb, floor: floor, length: b - a)
        }
        return seconds / 3600
    }

    /// Whether the coupling holds: a rider's choice depends only on the bikes in each zone (no
    /// operators, or riders who always take another operator's bike), or each operator's riders
    /// and bikes form a city of their own (riders who never switch, and no docked zone whose
    /// refusals mix them). Otherwise one bike lifted may change which operator's bike later
    /// riders find, so only the time before the trucks' first shift is certain to be the same as
    /// the day without transfers.
    static func couples(_ model: Model) -> Bool {
        model.operators.count <= 1 || model.switchOperator == 1 || (model.switchOperator == 0 && !model.zoneRedirects.contains(true))
    }

    /// ∫ max(o − L(t), floor) over an interval of `length` where L goes linearly from `la` to `lb`
    /// (either may be infinite: then so is L on the whole interval but a point).
    static func integral(overflow o: Double, liftedFrom la: Double, to lb: Double, floor m: Double, length: Double) -> Double {
        guard la.isFinite && lb.isFinite else { return m * length }
        let fa = o - la, fb = o - lb // decreasing (the budget grows)
        if fb >= m { return (fa + fb) / 2 * length }
        if fa <= m { return m * length }
        let s = (fa - m) / (fa - fb) * length
        return (fa + m) / 2 * s + m * (length - s)
    }

    /// `F − A(t) − H − T − C(t)` as a step function, or nothing when it can never be positive
    /// (or the scenario redirects returns, which lengthens rides beyond A).
    struct FleetTerm {
        var times: [Double] = [], values: [Double] = []

        init(model: Model, attempts: [TripAttempt]) {
            let holding = zip(model.holdingCapacity, model.holdingInitialBikes).reduce(0) { $0 + max($1.0, $1.1) }
            let trucks = (model.trucks?.fleets ?? []).reduce(0) { $0 + $1.count * $1.capacity }
            let room = model.fleet - holding - trucks
            // The zones' capacity in force: at the start, and each change as (time, difference).
            var capacityNow = (0..<model.zoneCount).map { model.capacity(zone: $0, at: 0) }
            var capacity = capacityNow.reduce(0, +)
            let capacityDeltas = model.capacityChanges.map { c -> (time: Double, delta: Int) in
                defer { capacityNow[c.zone] = c.capacity }
                return (c.time, c.capacity - capacityNow[c.zone])
            }
            var running = capacity, lowest = capacity
            for c in capacityDeltas {
                running += c.delta
                lowest = min(lowest, running)
            }
            guard room - lowest > 0, !model.zoneRedirects.contains(true) else { return }
            // Changes: +1 rider on the way at an attempt, −1 at its arrival; capacity changes.
            var changes: [(time: Double, riders: Int, capacity: Int)] = []
            changes.reserveCapacity(attempts.count * 2 + capacityDeltas.count)
            for a in attempts {
                changes.append((a.time, 1, 0))
                changes.append((a.time + a.duration, -1, 0))
            }
            for c in capacityDeltas { changes.append((c.time, 0, c.delta)) }
            changes.sort { $0.time < $1.time }
            var riders = 0
            times = [0]
            values = [Double(room - capacity)]
            for c in changes {
                riders += c.riders
                capacity += c.capacity
                let v = Double(room - riders - capacity)
                if times.last == c.time { values[values.count - 1] = v } else { times.append(c.time); values.append(v) }
            }
        }
    }
}
