import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
import Foundation

/// Demand fitted to trip records: the scenario's flows and profiles replaced by the records'
/// average selected day (see docs/real-data.md for the method).
///
/// - `tripsPerDay` of a pair is its records over the number of selected calendar days in the
///   records' date range, so the calibrated day has the records' total and per-origin totals.
/// - Profiles are hourly. A pair with at least ``Settings/pairProfileMinimum`` records gets its
///   own; the other pairs of an origin share the origin's profile of what is left, and origins
///   with too few left share one profile of all the leftovers. So the hour-of-day shape is exact
///   for the strong pairs and for every origin with enough records.
/// - Ride times: the median of the pair's durations (robust to the long rentals real files hold),
///   turned into the lognormal's mean with a cv fitted from the spread of all trips around their
///   pair's median (interquartile range of the logs). Pairs with few durations use the distance
///   with a fitted ride speed. Rentals over four hours count as attempts, not as ride times.
public struct Calibration: Sendable {
    /// Choices of the method.
    public struct Settings: Sendable {
        /// Records a pair needs for its own profile.
        public var pairProfileMinimum = 200
        /// Records an origin's leftover pairs need for the origin's own profile.
        public var originProfileMinimum = 200
        /// Durations a pair needs for its own ride time.
        public var pairDurationMinimum = 3
        /// Rentals longer than this (seconds) are attempts like any other but say nothing about
        /// ride times: a bike kept for a day is not a ride.
        public var longestRide = 4 * 3600.0
        public init() {}
    }

    /// The scenario with calibrated demand.
    public var scenario: Scenario
    /// Selected calendar days the records were averaged over.
    public var days: Int
    public var firstDay: CivilDate
    public var lastDay: CivilDate
    /// Records used.
    public var trips: Int
    /// Pairs with their own profile, origins with theirs, and whether a shared leftover profile exists.
    public var pairProfiles = 0
    public var originProfiles = 0
    public var sharedProfile = false
    /// Median ride minutes of all trips with a duration, the fitted cv and speed (nil where the
    /// records have no durations, as in the Mobike data, and the scenario's settings stay).
    public var medianMinutes: Double?
    public var fittedCV: Double?
    public var fittedSpeedKmh: Double?

    /// Fits the demand of `records` into `base`.
    /// - Throws: ``TideSimError/usage(_:)`` when no day or no record is selected.
    public static func fit(_ base: Scenario, records: TripRecords, options: TripReader.Options,
                           settings: Settings = Settings()) throws(TideSimError) -> Calibration {
        guard let first = records.firstDate, let last = records.lastDate else {
            throw .usage("the trip file holds no records")
        }
        let lo = max(first, options.from ?? first), hi = min(last, options.to ?? last)
        let days = lo <= hi ? (lo.day...hi.day).filter { options.days.contains(CivilDate(day: $0)) }.count : 0
        guard days > 0 else {
            throw .usage("no \(options.days == .all ? "" : options.days.rawValue.dropLast() + " ")day between \(lo) and \(hi) (the records run from \(first) to \(last)); check --days, --from and --to")
        }
        guard !records.trips.isEmpty else {
            throw .usage("no record on the \(days) selected day\(days == 1 ? "" : "s") matches a zone; check --snap, or that station ids are zone ids")
        }
        // Pairs, in first-seen order of (origin, destination) after sorting, so the output is
        // deterministic whatever the file order.
        var pairIndex: [Int64: Int] = [:]
        var pairs: [(o: Int32, d: Int32)] = []
        var pairHours: [[Int]] = []
        var pairDurations: [[Double]] = []
        for t in records.trips {
            let key = Int64(t.origin) << 32 | Int64(t.destination)
            let p: Int
            if let i = pairIndex[key] { p = i } else {
                p = pairs.count
                pairIndex[key] = p
                pairs.append((t.origin, t.destination))
                pairHours.append([Int](repeating: 0, count: 24))
                pairDurations.append([])
            }
            pairHours[p][min(23, max(0, Int(t.start / 3600)))] += 1
            if t.duration.isFinite && t.duration <= settings.longestRide { pairDurations[p].append(t.duration) }
        }
        let order = pairs.indices.sorted { pairs[$0].o != pairs[$1].o ? pairs[$0].o < pairs[$1].o : pairs[$0].d < pairs[$1].d }
        let zones = base.zones

        // Profiles.
        var profiles: [(name: String, weights: [Double])] = []
        var profileOfPair = [String](repeating: "", count: pairs.count)
        var leftovers: [Int32: [Int]] = [:]
        var result = Calibration(scenario: base, days: days, firstDay: lo, lastDay: hi, trips: records.trips.count)
        for p in order {
            let n = pairHours[p].reduce(0, +)
            if n >= settings.pairProfileMinimum {
                let name = "\(zones[Int(pairs[p].o)].id)>\(zones[Int(pairs[p].d)].id)"
                profiles.append((name, pairHours[p].map(Double.init)))
                profileOfPair[p] = name
                result.pairProfiles += 1
            } else {
                var hours = leftovers[pairs[p].o] ?? [Int](repeating: 0, count: 24)
                for h in 0..<24 { hours[h] += pairHours[p][h] }
                leftovers[pairs[p].o] = hours
            }
        }
        var shared = [Int](repeating: 0, count: 24)
        var originProfile: [Int32: String] = [:]
        for o in leftovers.keys.sorted() {
            let hours = leftovers[o]!
            if hours.reduce(0, +) >= settings.originProfileMinimum {
                let name = "\(zones[Int(o)].id)>*"
                profiles.append((name, hours.map(Double.init)))
                originProfile[o] = name
                result.originProfiles += 1
            } else {
                for h in 0..<24 { shared[h] += hours[h] }
            }
        }
        if shared.reduce(0, +) > 0 {
            profiles.append(("*", shared.map(Double.init)))
            result.sharedProfile = true
        }

        // Ride times.
        let medians = pairDurations.map { $0.count >= settings.pairDurationMinimum ? median($0) : nil }
        var residuals: [Double] = []
        for p in pairs.indices {
            guard let m = medians[p] else { continue }
            for d in pairDurations[p] { residuals.append(log(d / m)) }
        }
        var demand = base.demand
        var meanFactor = 1.0
        let allDurations = pairDurations.flatMap { $0 }
        if residuals.count >= 20 {
            let sigma = interquartileRange(residuals) / 1.3489795
            meanFactor = exp(sigma * sigma / 2)
            let cv = (exp(sigma * sigma) - 1).squareRoot()
            demand.ride.cv = (cv * 1000).rounded() / 1000
            result.fittedCV = demand.ride.cv
        }
        let medianSeconds = allDurations.isEmpty ? nil : median(allDurations)
        result.medianMinutes = medianSeconds.map { $0 / 60 }
        // Ride speed from the trips between distinct zones with coordinates.
        var speeds: [Double] = []
        for p in pairs.indices where pairs[p].o != pairs[p].d {
            guard let a = zones[Int(pairs[p].o)].coordinate, let b = zones[Int(pairs[p].d)].coordinate else { continue }
            let meters = a.distanceMeters(to: b) * demand.ride.detour
            for d in pairDurations[p] { speeds.append(meters / d) }
        }
        if speeds.count >= 30 {
            let kmh = median(speeds) * 3.6 / meanFactor
            demand.ride.speedKmh = (kmh * 100).rounded() / 100
            result.fittedSpeedKmh = demand.ride.speedKmh
        }
        let fallbackMinutes = medianSeconds.map { $0 * meanFactor / 60 }

        var flows: [Flow] = []
        flows.reserveCapacity(pairs.count)
        for p in order {
            let (o, d) = (Int(pairs[p].o), Int(pairs[p].d))
            let n = pairHours[p].reduce(0, +)
            var minutes: Double?
            if let m = medians[p] {
                minutes = m * meanFactor / 60
            } else if o == d || zones[o].coordinate == nil || zones[d].coordinate == nil {
                // No distance to go by: the median of all trips (or, without any, the minimum).
                minutes = fallbackMinutes ?? demand.ride.minMinutes
            }
            let profile = profileOfPair[p].isEmpty ? (originProfile[pairs[p].o] ?? "*") : profileOfPair[p]
            flows.append(Flow(from: zones[o].id, to: zones[d].id, tripsPerDay: Double(n) / Double(days), profile: profile,
                              minutes: minutes.map { min(1440, max(0.01, ($0 * 100).rounded() / 100)) }))
        }
        demand.flows = flows
        demand.profiles = profiles
        result.scenario.demand = demand
        return result
    }

    /// The median (the mean of the middle two for an even count).
    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        let n = s.count
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
    }

    /// The distance between the quartiles (linear interpolation between order statistics).
    static func interquartileRange(_ values: [Double]) -> Double {
        let s = values.sorted()
        func quantile(_ q: Double) -> Double {
            let h = Double(s.count - 1) * q
            let i = Int(h)
            return i + 1 < s.count ? s[i] + (h - Double(i)) * (s[i + 1] - s[i]) : s[i]
        }
        return quantile(0.75) - quantile(0.25)
    }
}
