import TideSimModel
import TideSimCore

/// The lower bound on `tripsLost` (docs/bound.md, "Lost trips"): the optimum of a relaxation in
/// which
/// - the zones a rider can walk between are pooled (a rider takes any bike of its pool),
/// - every attempt's bike arrives at its destination's pool as if every rider had been served
///   (a ride to a docked zone, which may be refused and ridden on, arrives in every pool),
/// - trucks bring bikes into a pool that holds a zone some truck serves, at a cost in truck time
///   per bike of its loading and unloading and of its share of a full truck's loaded drive into
///   the pool from the nearest site outside it (bikes moved inside a pool change nothing there),
///   within the trucks' shift time; they lift none (the pools they come from lose nothing).
///
/// Its optimum is found exactly: in a pool, serving a rider whenever a bike is there is optimal
/// (the arrivals do not depend on it), and one bike brought in serves exactly one rider the pool
/// would have lost (the first after it comes). Which lost riders to serve is then scheduling unit
/// jobs (each lost rider's bike must be brought, at its pool's cost, before the rider comes) on
/// the trucks' shift time to serve as many as possible: Moore and Hodgson's rule is optimal.
enum LostTripsBound {
    /// Lost trips over the measured window.
    static func trips(model: Model, attempts: [TripAttempt], budget: TruckWorkBudget) -> Int {
        let pools = Pools(model: model, budget: budget)
        let start = model.measureStart
        // Bikes in each pool when the count starts: the initial ones, or with warm-up days, when
        // the count starts at the measured window, as many as the fleet (all of it may be there).
        var bikes = [Int](repeating: 0, count: pools.count)
        if start > 0 {
            for p in 0..<pools.count { bikes[p] = model.fleet }
        } else {
            for z in 0..<model.zoneCount { bikes[pools.pool[z]] += model.zoneInitialBikes[z] }
        }
        // Arrivals: (time, pool), -1 for a ride to a docked zone (it may end up in any pool).
        var arrivals: [(time: Double, pool: Int32)] = attempts.compactMap { a in
            let d = Int(a.destination)
            let t = a.time + a.duration
            guard t >= start else { return nil }
            return (t, model.zoneRedirects[d] ? -1 : Int32(pools.pool[d]))
        }
        arrivals.sort { $0.time < $1.time }
        var wildArrived = 0
        var wildUsed = [Int](repeating: 0, count: pools.count)
        var lost: [(time: Double, pool: Int)] = []
        var next = 0
        for a in attempts where a.time >= start {
            // Arrivals at the same time come first (as in the engine).
            while next < arrivals.count && arrivals[next].time <= a.time {
                let p = arrivals[next].pool
                if p < 0 { wildArrived += 1 } else { bikes[Int(p)] += 1 }
                next += 1
            }
            let p = pools.pool[Int(a.origin)]
            if bikes[p] > 0 {
                bikes[p] -= 1
            } else if wildArrived > wildUsed[p] {
                wildUsed[p] += 1
            } else {
                lost.append((a.time, p))
            }
        }
        let jobs = lost.compactMap { l in pools.dropSeconds[l.pool].isFinite ? (due: l.time, cost: pools.dropSeconds[l.pool]) : nil }
        return lost.count - mostOnTime(jobs) { truckSeconds(at: $0, pools: pools, budget: budget) }
    }

    /// The most jobs done on time (Moore and Hodgson's rule): jobs in order of their due times,
    /// each taking `cost` of a resource of which `available(t)` (non-decreasing) can have been
    /// spent by `t`. Keep each job; when the kept ones no longer fit by its due time, drop the
    /// dearest kept. Optimal for unit values (the set is feasible iff every prefix fits).
    static func mostOnTime(_ jobs: [(due: Double, cost: Double)], available: (Double) -> Double) -> Int {
        var kept = MaxHeap()
        var total = 0.0
        for job in jobs {
            kept.push(job.cost)
            total += job.cost
            let budget = available(job.due)
            while total > budget, let dearest = kept.pop() { total -= dearest }
        }
        return kept.count
    }

    /// Truck seconds that can have gone into bringing bikes by `t`: every fleet's shift time
    /// elapsed, the unloading under way (ℓK a truck, once a shift has begun) and, for each shift
    /// ended, the one load a truck may lift and drop outside its shifts (an order finished late, a
    /// return to the depot: K bikes at the dearest pool's cost, and their loading).
    static func truckSeconds(at t: Double, pools: Pools, budget: TruckWorkBudget) -> Double {
        var total = 0.0
        for fleet in budget.fleets {
            let (w, e, started) = fleet.work(at: t)
            guard started else { continue }
            let k = fleet.capacity, l = fleet.loadSeconds
            total += fleet.trucks * (w + l * k + e * k * (l + pools.dearest))
        }
        return total
    }

    /// The zones pooled by walking (connected through `demand.walkMeters`), and what it costs the
    /// trucks to bring a bike into each.
    struct Pools {
        var pool: [Int]
        var count: Int
        /// Truck seconds per bike brought into each pool (infinite where no truck can).
        var dropSeconds: [Double]
        /// The highest finite cost per bike of any pool.
        var dearest: Double

        init(model: Model, budget: TruckWorkBudget) {
            let n = model.zoneCount
            var parent = Array(0..<n)
            func root(_ x: Int) -> Int {
                var x = x
                while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
                return x
            }
            for z in 0..<n {
                for i in Int(model.walkStart[z])..<Int(model.walkStart[z + 1]) {
                    let a = root(z), b = root(Int(model.walkNeighbours[i]))
                    if a != b { parent[max(a, b)] = min(a, b) }
                }
            }
            var index = [Int](repeating: -1, count: n)
            pool = [Int](repeating: 0, count: n)
            count = 0
            for z in 0..<n {
                let r = root(z)
                if index[r] < 0 { index[r] = count; count += 1 }
                pool[z] = index[r]
            }
            // Each pool's cost per bike brought in: the cheapest fleet's 2ℓ + (nearest site outside
            // the pool it can load at, to a zone of the pool it serves) × seconds per metre / K.
            dropSeconds = [Double](repeating: .infinity, count: count)
            for fleet in budget.fleets {
                let f = fleet.settings
                // Per pool, the closest pair (a zone of it the fleet serves, a site outside it the
                // fleet may load at), compared by chord, measured once in metres.
                var nearest = [(chord: Double, zone: Int, site: Site)?](repeating: nil, count: count)
                let outside = (0..<n).filter { model.zoneCoordinate[$0] != nil && f.serves(.zone($0)) }.map { Site.zone($0) }
                    + (0..<model.holdingCount).filter { model.holdingCoordinate[$0] != nil }.map { Site.holding($0) }
                for case .zone(let j) in outside {
                    let c = pool[j]
                    for site in outside {
                        if case .zone(let i) = site, pool[i] == c { continue }
                        let chord = model.chordSquared(from: .zone(j), to: site)
                        if chord < nearest[c]?.chord ?? .infinity { nearest[c] = (chord, j, site) }
                    }
                }
                for c in 0..<count {
                    guard let pair = nearest[c] else { continue } // not served, or nothing to bring from
                    let meters = model.meters(from: pair.site, to: .zone(pair.zone))
                    dropSeconds[c] = min(dropSeconds[c], 2 * f.loadSeconds + meters * f.secondsPerMeter / Double(f.capacity))
                }
            }
            dearest = dropSeconds.filter(\.isFinite).max() ?? 0
        }
    }
}

/// A binary max-heap of doubles (Moore–Hodgson's kept jobs).
struct MaxHeap {
    private var items: [Double] = []
    var count: Int { items.count }

    mutating func push(_ x: Double) {
        items.append(x)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard items[parent] < items[i] else { break }
            items.swapAt(parent, i)
            i = parent
        }
    }

    mutating func pop() -> Double? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        guard !items.isEmpty else { return top }
        items[0] = last
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < items.count && items[l] > items[m] { m = l }
            if r < items.count && items[r] > items[m] { m = r }
            guard m != i else { break }
            items.swapAt(i, m)
            i = m
        }
        return top
    }
}
