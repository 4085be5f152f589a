import TideSimCore
import TideSimBuffers
/// The trucks of every fleet, compiled for the engine: trucks are numbered across the fleets in
/// the order they are listed (the first fleet's trucks first).
public struct TruckFleets: Sendable {
    /// The fleets, in file order (those with at least one truck).
    public let fleets: [TruckSettings]
    /// The fleet (index into ``fleets``) of each truck.
    public let fleetOfTruck: [Int]

    public init(_ fleets: [TruckSettings]) {
        self.fleets = fleets
        fleetOfTruck = fleets.indices.flatMap { Array(repeating: $0, count: fleets[$0].count) }
    }

    /// Trucks in every fleet.
    public var count: Int { fleetOfTruck.count }

    /// The settings of truck i's fleet.
    @inlinable public func of(truck i: Int) -> TruckSettings { fleets[fleetOfTruck[i]] }

    /// Every fleet's depot, once each, in fleet order.
    public var depots: [Site] {
        var seen: [Site] = []
        for f in fleets where !seen.contains(f.depot) { seen.append(f.depot) }
        return seen
    }
}

/// One fleet of identical trucks compiled for the engine.
public struct TruckSettings: Sendable {
    /// The fleet's id ("" for a `trucks` object without one).
    public var id: String = ""
    public let count: Int
    public let capacity: Int
    /// Seconds per metre of great-circle distance (detour over speed).
    public let secondsPerMeter: Double
    /// Road kilometres per great-circle metre (the detour factor over 1000).
    public let kmPerMeter: Double
    public let loadSeconds: Double
    public let depot: Site
    /// Working hours; empty means all day.
    public let shifts: [TimeWindow]
    /// The longest drive one order may take, in road km (`trucks.maxOrderKm`); nil: no bound.
    public var maxOrderKm: Double? = nil
    /// The zones the fleet serves (`serves`), by zone index; nil: every zone.
    public var territory: [Bool]? = nil

    /// Whether the fleet's trucks may load or unload at a site: holding areas are open to every
    /// fleet, zones only inside its territory.
    @inlinable public func serves(_ site: Site) -> Bool {
        guard let territory, case .zone(let z) = site else { return true }
        return territory[z]
    }

    /// Whether the trucks may take new orders at a time (seconds from midnight of day 1).
    public func inShift(_ t: Double) -> Bool {
        shifts.isEmpty || shifts.contains { $0.contains(secondOfDay: t.truncatingRemainder(dividingBy: 86_400)) }
    }

    /// When the fleet's next shift starts at or after `t` (seconds from midnight of day 1), within
    /// a day; `t` itself without shifts.
    public func nextShiftStart(after t: Double) -> Double? {
        guard !shifts.isEmpty else { return t }
        let day = (t / 86_400).rounded(.down) * 86_400
        return shifts.flatMap { [day + Double($0.start), day + 86_400 + Double($0.start)] }.filter { $0 >= t }.min()
    }

    /// When the shift that `t` falls in ends (seconds from midnight of day 1): the end of its
    /// window, carried on through windows that begin as one ends (`06:00-12:00` and
    /// `12:00-18:00` are one shift to 18:00); `.infinity` without shifts; nil outside the shifts.
    /// An order taken at `t` must be finished by then.
    public func shiftEnd(at t: Double) -> Double? {
        guard !shifts.isEmpty else { return .infinity }
        // A window's end after `from`, if the window holds `from` (its start counts, its end not).
        func end(of w: TimeWindow, holding from: Double) -> Double? {
            let day = (from / 86_400).rounded(.down) * 86_400
            let s = from - day
            guard w.contains(secondOfDay: s) else { return nil }
            if w.start < w.end || s >= Double(w.start) {
                return day + Double(w.end) + (w.start < w.end ? 0 : 86_400)
            }
            return day + Double(w.end)
        }
        guard var until = shifts.compactMap({ end(of: $0, holding: t) }).max() else { return nil }
        // Follow windows that start where this one ends (at most one turn round the day).
        for _ in 0..<shifts.count {
            guard let later = shifts.compactMap({ end(of: $0, holding: until) }).max(), later > until else { break }
            until = later
        }
        return until
    }
}

/// The policy's thresholds resolved for every zone ("one point, one policy").
public struct ZoneTargets: Sendable {
    /// Thresholds as fractions of capacity.
    public let high: [Double], target: [Double], low: [Double]
    /// The holding area assigned to each zone, if any.
    public let holdingArea: [Int?]
    /// Higher priority zones are served first (default 0).
    public let priority: [Double]

    /// The bike count a zone is cleared down to or refilled up to: `floor(target × capacity)`.
    public func targetBikes(_ z: Int, capacity: Int) -> Int { Int((target[z] * Double(capacity)).rounded(.down)) }
}
