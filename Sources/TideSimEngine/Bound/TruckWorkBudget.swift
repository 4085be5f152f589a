import TideSimModel
import TideSimCore

/// What the scenario's trucks can at most have done by each moment, whatever their orders: the
/// limits kept are their shifts, their capacity, the loading time per bike and (for the bikes they
/// bring into a pool of zones, ``LostTripsBound``) the loaded drive into it; the empty drive to a
/// pickup is left out.
///
/// A truck takes new orders only in its shifts; bikes leave a pickup the moment it arrives and the
/// truck then stays busy `loadSeconds` (ℓ) per bike, and as long per bike unloaded
/// (docs/model.md). The built-in policies finish every order inside the shift, but a policy need
/// not: an order under way at a shift's end is completed, and an idle truck then drives back to
/// its depot and unloads there. Either way, between a shift's end and the next shift's start a
/// truck lifts at most one load and drops at most what it carries: at most its capacity K. So
/// with W(t) the shift time elapsed by t and e(t) the shifts ended by t, the bikes a truck has
/// dropped during shifts (i) and outside them (o) satisfy `o ≤ K e`, `ℓ i ≤ W + ℓK e` (each was
/// loaded in a shift, or in the one load outside each) and `2ℓ i ≤ W + ℓK(1 + e)` (and unloaded
/// in a shift, but for the stop under way). What it has lifted is what it carries and what it
/// has dropped:
///
///     lifted(t) ≤ K + min(W/ℓ + 2Ke, (W + ℓK(1 + e))/(2ℓ) + Ke)
///
/// from its first shift's start (nothing before); summed over the trucks. With ℓ = 0 it is
/// unbounded once a shift has begun.
struct TruckWorkBudget {
    /// One fleet: its settings, and its shift time as disjoint sorted intervals (seconds from
    /// midnight of day 1, within the run).
    struct Fleet {
        let settings: TruckSettings
        let shifts: [(start: Double, end: Double)]
        var trucks: Double { Double(settings.count) }
        var capacity: Double { Double(settings.capacity) }
        var loadSeconds: Double { settings.loadSeconds }

        /// Shift time elapsed by `t`, and the shifts ended by `t` (`before`: strictly before).
        func work(at t: Double, before: Bool = false) -> (elapsed: Double, ended: Double, started: Bool) {
            var w = 0.0, e = 0.0
            for s in shifts {
                if s.start >= t { break }
                w += min(s.end, t) - s.start
                if s.end < t || (!before && s.end == t) { e += 1 }
            }
            guard let first = shifts.first else { return (0, 0, false) }
            return (w, e, before ? t > first.start : t >= first.start)
        }

        /// The most bikes one truck can have lifted by `t` (see the type's notes).
        func lifted(at t: Double, before: Bool = false) -> Double {
            let (w, e, started) = work(at: t, before: before)
            guard started else { return 0 }
            guard loadSeconds > 0 else { return .infinity }
            let k = capacity, l = loadSeconds
            return k + min(w / l + 2 * k * e, (w + l * k * (1 + e)) / (2 * l) + k * e)
        }
    }
    let fleets: [Fleet]
    /// Every shift start and end of every fleet, sorted: between two of them the budgets are
    /// linear in time.
    let breakpoints: [Double]

    init(model: Model) {
        let end = model.endTime
        fleets = (model.trucks?.fleets ?? []).filter { $0.count > 0 }.map { f in
            Fleet(settings: f, shifts: TruckWorkBudget.intervals(f.shifts, days: model.days, end: end))
        }
        var cuts = Set(fleets.flatMap { $0.shifts.flatMap { [$0.start, $0.end] } })
        // Where a fleet's two limits cross (W = ℓK, in its first shift), the lifted budget has a kink.
        for f in fleets where f.loadSeconds > 0 {
            guard let first = f.shifts.first else { continue }
            let kink = f.loadSeconds * f.capacity
            if kink < first.end - first.start { cuts.insert(first.start + kink) }
        }
        breakpoints = cuts.sorted()
    }

    /// Whether the scenario has a truck.
    var hasTrucks: Bool { !fleets.isEmpty }

    /// The shift windows over the run as disjoint sorted intervals (all of it without shifts).
    static func intervals(_ shifts: [TimeWindow], days: Int, end: Double) -> [(start: Double, end: Double)] {
        guard !shifts.isEmpty else { return [(0, end)] }
        var raw: [(Double, Double)] = []
        for d in -1..<days {
            let day = Double(d) * 86_400
            for w in shifts {
                let s = day + Double(w.start)
                let e = day + Double(w.end) + (w.start < w.end ? 0 : 86_400)
                let a = max(s, 0), b = min(e, end)
                if b > a { raw.append((a, b)) }
            }
        }
        raw.sort { $0.0 < $1.0 }
        var merged: [(start: Double, end: Double)] = []
        for (a, b) in raw {
            if let last = merged.last, a <= last.end {
                merged[merged.count - 1].end = max(last.end, b)
            } else {
                merged.append((a, b))
            }
        }
        return merged
    }

    /// The most bikes the trucks can have lifted from zones and holding areas by `t` (a pickup at
    /// `t` itself included; `before`: the limit just before `t`).
    func lifted(at t: Double, before: Bool = false) -> Double {
        fleets.reduce(0) { $0 + $1.trucks * $1.lifted(at: t, before: before) }
    }

    /// The lifted budget just after `a` and just before `b`, two moments with no breakpoint
    /// strictly between them: it is linear in between.
    func liftedOver(_ a: Double, _ b: Double) -> (atStart: Double, atEnd: Double) {
        (lifted(at: a), lifted(at: b, before: true))
    }
}
