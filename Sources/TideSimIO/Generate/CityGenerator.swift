import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
import Foundation

/// Builds a synthetic city from ``CityParameters``: deterministic for a seed.
///
/// Geography: zones scattered over a disc whose area grows with the zone count (about 0.35 km² per
/// zone, so densities stay those of a city); the closer to the centre, the likelier a zone is an
/// office, shop or metro exit, the further, the likelier housing. Metro exits lie along three lines
/// through the centre. Demand: each housing zone sends its morning trips to its `neighbours`
/// nearest work places (metro exits, offices, campuses) and gets `asymmetry` of them back in the
/// evening; daytime trips join every zone to its nearest neighbours both ways. The commute
/// profiles are Gaussian bumps over a base rate, by default fitted to the commute pairs of real
/// weekdays (Bay Area 2014); daytime trips use the measured `daytime` profile.
///
/// Fleet and parking follow each zone's expected day (cumulative expected net inflow): every zone
/// starts with what it gives out before it gets bikes back, plus a share of the rest of the fleet;
/// most zones get parking above their expected peak with room for randomness, and a minority
/// (a quarter of work places, one in twenty others) less than their peak: the city's hotspots.
/// No zone starts above its capacity. Holding areas and trucks come in proportion to the zones.
public enum CityGenerator {
    /// The roles of generated zones.
    public static let roles = ["housing", "metro", "office", "campus", "commercial"]

    public static func generate(_ p: CityParameters, name: String) -> Scenario {
        var rng = Xoshiro256StarStar(seed: p.seed)
        let centre = Coordinate(lat: 30.50, lon: 114.40)
        let radiusKm = (Double(p.zones) * 0.35 / Double.pi).squareRoot()
        let kmPerDegLat = 111.2, kmPerDegLon = 111.2 * cos(centre.lat * Double.pi / 180)

        // Places and roles.
        var points: [(x: Double, y: Double)] = []
        var roles: [String] = []
        let metroCount = max(2, p.zones / 15)
        for i in 0..<p.zones {
            if i < metroCount {
                // Along three lines through the centre.
                let angle = Double(i % 3) * Double.pi / 3 + 0.2
                let r = (rng.nextUnitDouble() * 2 - 1) * radiusKm * 0.9
                points.append((r * cos(angle) + (rng.nextUnitDouble() - 0.5) * 0.2, r * sin(angle) + (rng.nextUnitDouble() - 0.5) * 0.2))
                roles.append("metro")
                continue
            }
            let r = radiusKm * rng.nextUnitDouble().squareRoot()
            let a = 2 * Double.pi * rng.nextUnitDouble()
            points.append((r * cos(a), r * sin(a)))
            let d = r / radiusKm
            let u = rng.nextUnitDouble()
            let role: String
            if u < 0.30 * (1 - d) { role = "office" } else if u < 0.30 * (1 - d) + 0.10 * (1 - d) { role = "commercial" }
            else if u < 0.40 * (1 - d) + 0.05 { role = "campus" } else { role = "housing" }
            roles.append(role)
        }
        let n = p.zones
        let grid = NeighbourGrid(points: points, cellKm: 1.0)

        // Demand: morning commute, evening mirror, daytime neighbours.
        let workRoles: Set<String> = ["metro", "office", "campus"]
        let commuteTrips = p.tripsPerDay * (1 - p.daytimeShare) / (1 + p.asymmetry)
        let housing = (0..<n).filter { roles[$0] == "housing" }
        let weights = housing.map { _ in 0.5 + rng.nextUnitDouble() }
        let weightSum = weights.reduce(0, +)
        var flows: [Flow] = []
        /// Each flow's origin and destination as zone indices (for the expected day below).
        var ends: [(origin: Int, destination: Int)] = []
        func addFlow(_ o: Int, _ d: Int, _ trips: Double, _ profile: String) {
            flows.append(Flow(from: id(o), to: id(d), tripsPerDay: trips, profile: profile, minutes: nil))
            ends.append((o, d))
        }
        var activity = [Double](repeating: 0, count: n)
        var morningOut = [Double](repeating: 0, count: n)
        func id(_ z: Int) -> String { "z\(z)" }
        for (k, h) in housing.enumerated() {
            let targets = grid.nearest(to: h, count: p.neighbours) { workRoles.contains(roles[$0]) }
            guard !targets.isEmpty else { continue }
            let total = commuteTrips * weights[k] / weightSum
            for t in targets {
                let trips = (total / Double(targets.count) * 10).rounded() / 10
                guard trips > 0 else { continue }
                addFlow(h, t, trips, "am")
                let back = (trips * p.asymmetry * 10).rounded() / 10
                addFlow(t, h, back, "pm")
                activity[h] += trips + back
                activity[t] += trips + back
                morningOut[h] += trips
            }
        }
        let daytimePerZone = p.tripsPerDay * p.daytimeShare / Double(n)
        let dayNeighbours = max(1, p.neighbours / 2)
        for z in 0..<n {
            let near = grid.nearest(to: z, count: dayNeighbours) { _ in true }
            for t in near {
                let trips = (daytimePerZone / Double(near.count) / 2 * 10).rounded() / 10
                guard trips > 0 else { continue }
                addFlow(z, t, trips, "daytime")
                addFlow(t, z, trips, "daytime")
                activity[z] += 2 * trips
                activity[t] += 2 * trips
            }
        }

        // Profiles: the commute bumps (fitted to real days by default) and the measured daytime shape.
        let profiles: [(name: String, weights: [Double])] = [
            ("am", bump(peak: p.morningPeak, width: p.peakWidth, amplitude: p.amplitude, echo: p.eveningPeak, base: 0.5)),
            // Trips home run a little above trips to work between the tides (errands, half days),
            // so work places drain slowly after the morning tide instead of filling all day.
            ("pm", bump(peak: p.eveningPeak, width: p.peakWidth, amplitude: p.amplitude, echo: p.morningPeak, base: 0.625)),
        ]
        let fractions = ["am": QuarterHourProfile(weights: profiles[0].weights).fractions,
                         "pm": QuarterHourProfile(weights: profiles[1].weights).fractions,
                         "daytime": QuarterHourProfile(weights: BuiltInProfiles.weights(named: "daytime")!).fractions]

        // The expected day of each zone: cumulative net inflow per quarter hour (rides are short
        // against a quarter hour, so they arrive in the slot they start).
        var net = [[Double]](repeating: [Double](repeating: 0, count: 96), count: n)
        for (f, (o, d)) in zip(flows, ends) {
            let w = fractions[f.profile]!
            for s in 0..<96 {
                net[o][s] -= f.tripsPerDay * w[s]
                net[d][s] += f.tripsPerDay * w[s]
            }
        }
        var lowest = [Double](repeating: 0, count: n), highest = [Double](repeating: 0, count: n)
        for z in 0..<n {
            var c = 0.0
            for s in 0..<96 {
                c += net[z][s]
                lowest[z] = min(lowest[z], c)
                highest[z] = max(highest[z], c)
            }
        }

        // The fleet from the target turnover. Each zone first gets what it gives out before it gets
        // any back (so that, in expectation, no zone runs dry), then a share of the rest by activity.
        let fleet = Int((p.tripsPerDay / p.turnover).rounded())
        let need = lowest.map { -$0 }
        let needTotal = need.reduce(0, +)
        let spare = max(0, Double(fleet) - needTotal)
        let totalActivity = max(1, activity.reduce(0, +))
        let startWeights = (0..<n).map { z in
            (needTotal > Double(fleet) ? need[z] * Double(fleet) / needTotal : need[z] + spare * activity[z] / totalActivity) + 1e-9
        }
        let bikes = FleetRescaling.largestRemainder(total: fleet, weights: startWeights)

        // Parking: the city sizes most zones above their expected peak, with room for the day's
        // randomness; a minority (a quarter of metro exits, offices and campuses, one in twenty of
        // the others) got less than their peak: the hotspots. No zone starts above its capacity.
        let capacities = (0..<n).map { z -> Int in
            let peak = Double(bikes[z]) + highest[z]
            let tight = rng.nextUnitDouble() < (workRoles.contains(roles[z]) ? 0.25 : 0.05)
            let u = rng.nextUnitDouble()
            let room = tight ? peak * (0.6 + 0.35 * u) : peak * (1.15 + 0.35 * u) + 2 * peak.squareRoot() + 2
            return max(10, bikes[z], Int(room.rounded()))
        }
        let zones = (0..<n).map { z -> Zone in
            let c = Coordinate(lat: centre.lat + points[z].y / kmPerDegLat, lon: centre.lon + points[z].x / kmPerDegLon)
            return Zone(id: id(z), name: "\(roles[z]) \(z)", kind: roles[z], coordinate: rounded(c), capacity: capacities[z],
                        bikes: bikes[z], overflow: .pile)
        }

        // Holding areas on a ring at half the radius; trucks at the first.
        let holdingCount = max(1, n / p.zonesPerHoldingArea)
        let holdingCapacity = max(100, Int(Double(fleet) * 0.08 / Double(holdingCount)))
        let holding = (0..<holdingCount).map { k -> HoldingArea in
            let a = 2 * Double.pi * Double(k) / Double(holdingCount)
            let r = radiusKm * (holdingCount == 1 ? 0.3 : 0.5 + 0.3 * Double(k % 2))
            let c = Coordinate(lat: centre.lat + r * sin(a) / kmPerDegLat, lon: centre.lon + r * cos(a) / kmPerDegLon)
            return HoldingArea(id: "lot\(k)", name: "vacant lot \(k)", coordinate: rounded(c), capacity: holdingCapacity, bikes: 0,
                               open: TimeWindow(start: 6 * 3600, end: 22 * 3600))
        }
        let trucks = TruckFleet(count: max(1, n / p.zonesPerTruck), capacity: 40, speedKmh: 20, detour: 1.3, loadSeconds: 10,
                                depot: "lot0", shifts: [TimeWindow(start: 6 * 3600 + 1800, end: 10 * 3600 + 1800),
                                                        TimeWindow(start: 16 * 3600, end: 20 * 3600 + 1800)])
        return Scenario(
            name: name, seed: p.seed, days: 1, warmupDays: 0, sampleMinutes: 15, fleetCap: Int(Double(fleet) * 1.1),
            zones: zones, holdingAreas: holding,
            demand: Demand(scale: 1, walkMeters: 0, ride: .defaults, profiles: profiles, flows: flows),
            trucks: trucks,
            policy: { var p = PolicySettings.defaults; p.name = "threshold"; return p }())
    }

    /// 96 quarter-hour weights: a base rate from 06:00 to 22:00 (0.1 at night), a Gaussian bump
    /// at the peak and an echo a fifth as high at the other tide (some commuters ride the other
    /// way). With the default peaks, width and amplitude the hourly shares agree with the measured
    /// `commute-am` and `commute-pm` within 2.5 percentage points in every hour (a least-worst fit;
    /// a Gaussian cannot follow the real peak's skew).
    static func bump(peak: Double, width: Double, amplitude: Double, echo: Double, base day: Double) -> [Double] {
        (0..<96).map { q in
            let h = (Double(q) + 0.5) / 4
            let base = (h >= 6 && h < 22) ? day : 0.1
            let d = h - peak, e = h - echo
            let w = base + amplitude * (exp(-d * d / (2 * width * width)) + 0.2 * exp(-e * e / (2 * width * width)))
            return (w * 1000).rounded() / 1000
        }
    }

    static func rounded(_ c: Coordinate) -> Coordinate {
        Coordinate(lat: (c.lat * 1e5).rounded() / 1e5, lon: (c.lon * 1e5).rounded() / 1e5)
    }
}

/// A uniform grid over planar points for nearest-neighbour queries.
struct NeighbourGrid {
    let points: [(x: Double, y: Double)]
    let cellKm: Double
    var cells: [Int64: [Int]] = [:]

    init(points: [(x: Double, y: Double)], cellKm: Double) {
        self.points = points
        self.cellKm = cellKm
        for (i, p) in points.enumerated() { cells[key(p.x, p.y), default: []].append(i) }
    }

    func cell(_ v: Double) -> Int64 { Int64((v / cellKm).rounded(.down)) }
    func key(_ x: Double, _ y: Double) -> Int64 { cell(x) &* 1_000_003 &+ cell(y) }

    /// The `count` nearest other points that pass `accept`, nearest first (ties: lower index).
    func nearest(to i: Int, count: Int, accept: (Int) -> Bool) -> [Int] {
        let p = points[i]
        var ring = 0
        var found: [(Double, Int)] = []
        let maxRing = 200
        while ring <= maxRing {
            let cx = cell(p.x), cy = cell(p.y)
            for dx in -Int64(ring)...Int64(ring) {
                for dy in -Int64(ring)...Int64(ring) where max(abs(dx), abs(dy)) == Int64(ring) {
                    for j in cells[(cx + dx) &* 1_000_003 &+ (cy + dy)] ?? [] where j != i && accept(j) {
                        let d = (points[j].x - p.x) * (points[j].x - p.x) + (points[j].y - p.y) * (points[j].y - p.y)
                        found.append((d, j))
                    }
                }
            }
            // Points within `ring` cells are all found; once `count` lie within that distance, stop.
            let reach = Double(ring) * cellKm
            if found.filter({ $0.0 <= reach * reach }).count >= count { break }
            ring += 1
        }
        found.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return found.prefix(count).map(\.1)
    }
}
