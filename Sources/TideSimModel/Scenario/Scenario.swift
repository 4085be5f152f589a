import TideSimCore
import TideSimBuffers
/// A scenario as written by the user, decoded and validated: the district's zones and holding
/// areas, the demand, the trucks and the policy. Ids are still strings here; ``Model`` maps them to
/// dense integers for the engine.
public struct Scenario: Sendable {
    /// Display name (defaults to the file name).
    public var name: String
    /// Base seed of the random streams (`--seed` overrides it).
    public var seed: UInt64
    /// Whole days simulated.
    public var days: Int
    /// Leading days simulated but not measured.
    public var warmupDays: Int
    /// Interval of the time series, in minutes (divides 1440).
    public var sampleMinutes: Int
    /// The planning cap on the fleet, if the scenario states one.
    public var fleetCap: Int?
    public var zones: [Zone]
    public var holdingAreas: [HoldingArea]
    public var demand: Demand
    /// The truck fleets: the `trucks` object as one fleet, or each of the `trucks` list's fleets;
    /// empty when the scenario has no `trucks`.
    public var fleets: [TruckFleet]
    /// Whether `trucks` was written as a list of fleets (and is written back as one).
    public var fleetsListed: Bool = false
    public var policy: PolicySettings
    /// What the levers cost a day, when the scenario says (`"costs"`).
    public var costs: Costs?
    /// The operators (DESIGN.md section 2b); empty: one anonymous fleet, with the top-level trucks.
    public var operators: [Operator] = []
    /// The city's flying inspections; nil: none.
    public var inspections: Inspections?

    /// Bikes at the start: in zones plus in holding areas.
    public var fleet: Int {
        zones.reduce(0) { $0 + $1.bikes } + holdingAreas.reduce(0) { $0 + $1.bikes }
    }

    public init(name: String, seed: UInt64, days: Int, warmupDays: Int, sampleMinutes: Int, fleetCap: Int? = nil, zones: [Zone], holdingAreas: [HoldingArea], demand: Demand, trucks: TruckFleet? = nil, fleets: [TruckFleet] = [], fleetsListed: Bool? = nil, policy: PolicySettings, costs: Costs? = nil, operators: [Operator] = [], inspections: Inspections? = nil) {
        self.name = name
        self.seed = seed
        self.days = days
        self.warmupDays = warmupDays
        self.sampleMinutes = sampleMinutes
        self.fleetCap = fleetCap
        self.zones = zones
        self.holdingAreas = holdingAreas
        self.demand = demand
        self.fleets = trucks.map { [$0] + fleets } ?? fleets
        self.fleetsListed = fleetsListed ?? (self.fleets.count > 1)
        self.policy = policy
        self.costs = costs
        self.operators = operators
        self.inspections = inspections
    }
}

extension Scenario {
    /// When held bikes start going back out before new clearing, in seconds after midnight:
    /// `policy.releaseFrom`, else the start of the trucks' last shift of the day, else 16:00.
    public var releaseFrom: Int { policy.releaseFrom ?? allFleets.flatMap(\.shifts).map(\.start).max() ?? 16 * 3600 }

    /// The one fleet of a scenario that has a single one (the `trucks` object); nil with none or
    /// several. Setting it makes it the only fleet (nil: no trucks).
    public var trucks: TruckFleet? {
        get { fleets.count == 1 ? fleets[0] : nil }
        set { fleets = newValue.map { [$0] } ?? [] }
    }

    /// Whether the scenario has trucks (a fleet, even of 0 trucks, as the decoder keeps it).
    public var hasTrucks: Bool { !allFleets.isEmpty }

    /// Every fleet of trucks: the top-level ones, else the operators' in operator order.
    public var allFleets: [TruckFleet] { operators.isEmpty ? fleets : operators.flatMap(\.fleets) }

    /// Trucks in every fleet.
    public var truckCount: Int { allFleets.reduce(0) { $0 + $1.count } }
}

/// What a zone does with a return when it is full.
public enum OverflowRule: String, Sendable, CaseIterable {
    /// Dockless: every return is accepted; bikes above capacity are overflow.
    case pile
    /// Docked: a full zone refuses the return and the rider rides on to the nearest zone with space.
    case redirect
}

/// A place where riders rent and return bikes.
public struct Zone: Sendable, Equatable {
    public var id: String
    public var name: String
    /// Free-form role such as `residential`, `metro`, `office`, `campus`.
    public var kind: String
    public var coordinate: Coordinate?
    /// Parking capacity (spaces in the geofence or bays).
    public var capacity: Int
    /// Bikes at the start of day 1.
    public var bikes: Int
    public var overflow: OverflowRule
    /// Rush-hour caps: the capacity in force inside each window (pile zones only).
    public var capacityWindows: [CapacityWindow] = []
    /// Its bikes per operator, when the zone states them (they sum to ``bikes``); nil: split by share.
    public var bikesByOperator: [OperatorBikes]?

    public init(id: String, name: String, kind: String, coordinate: Coordinate? = nil, capacity: Int, bikes: Int, overflow: OverflowRule,
                capacityWindows: [CapacityWindow] = []) {
        self.capacityWindows = capacityWindows
        self.id = id
        self.name = name
        self.kind = kind
        self.coordinate = coordinate
        self.capacity = capacity
        self.bikes = bikes
        self.overflow = overflow
    }
}

/// An emergency holding area: bikes there are out of circulation.
public struct HoldingArea: Sendable, Equatable {
    public var id: String
    public var name: String
    public var coordinate: Coordinate?
    public var capacity: Int
    public var bikes: Int
    /// Opening hours; nil means always open.
    public var open: TimeWindow?

    public init(id: String, name: String, coordinate: Coordinate? = nil, capacity: Int, bikes: Int, open: TimeWindow? = nil) {
        self.id = id
        self.name = name
        self.coordinate = coordinate
        self.capacity = capacity
        self.bikes = bikes
        self.open = open
    }
}

/// Trip demand: flows between zones with time-of-day profiles.
public struct Demand: Sendable {
    /// Multiplies every flow's trips per day.
    public var scale: Double
    /// How far a rider walks to another zone when the origin is empty (0: never).
    public var walkMeters: Double
    /// With operators: the probability that a rider whose operator has no bike at the origin
    /// takes another operator's bike (default 0.8).
    public var switchOperator: Double = 0.8
    public var ride: RideSettings
    /// Custom profiles by name, in file order (hourly, half-hourly or quarter-hourly weights).
    public var profiles: [(name: String, weights: [Double])]
    public var flows: [Flow]

    public init(scale: Double, walkMeters: Double, ride: RideSettings, profiles: [(name: String, weights: [Double])], flows: [Flow]) {
        self.scale = scale
        self.walkMeters = walkMeters
        self.ride = ride
        self.profiles = profiles
        self.flows = flows
    }
}

/// How ride times are derived from distances.
public struct RideSettings: Sendable, Equatable {
    public var speedKmh: Double
    public var detour: Double
    public var minMinutes: Double
    public var cv: Double

    public static let defaults = RideSettings(speedKmh: 12, detour: 1.3, minMinutes: 2, cv: 0.3)

    /// The mean ride time, in seconds, over a great-circle distance: the detoured distance at the
    /// ride speed, never less than `minMinutes`.
    public func meanSeconds(overMeters meters: Double) -> Double {
        max(meters * detour / (speedKmh / 3.6), minMinutes * 60)
    }

    public init(speedKmh: Double, detour: Double, minMinutes: Double, cv: Double) {
        self.speedKmh = speedKmh
        self.detour = detour
        self.minMinutes = minMinutes
        self.cv = cv
    }
}

/// Trip attempts from one zone to another.
public struct Flow: Sendable, Equatable {
    public var from: String
    public var to: String
    /// Expected attempts per day before `demand.scale`.
    public var tripsPerDay: Double
    /// Name of a built-in or custom profile.
    public var profile: String
    /// Mean ride time in minutes; nil to derive it from the distance.
    public var minutes: Double?

    public init(from: String, to: String, tripsPerDay: Double, profile: String, minutes: Double? = nil) {
        self.from = from
        self.to = to
        self.tripsPerDay = tripsPerDay
        self.profile = profile
        self.minutes = minutes
    }
}

/// A fleet of identical transfer trucks: the `trucks` object, or one fleet of the `trucks` list.
public struct TruckFleet: Sendable, Equatable {
    /// The fleet's id (required in a list of fleets; nil for the `trucks` object without one).
    public var id: String?
    public var count: Int
    public var capacity: Int
    public var speedKmh: Double
    public var detour: Double
    public var loadSeconds: Double
    /// Id of the zone or holding area where the trucks start.
    public var depot: String
    /// Working hours; empty means all day.
    public var shifts: [TimeWindow]
    /// The longest drive one order may take, in road km (to the pickup and on to the drop-off);
    /// nil: no bound.
    public var maxOrderKm: Double?
    /// The fleet's territory (`serves`): the zones it may load at or unload at (holding areas are
    /// open to every fleet); nil: every zone.
    public var serves: [String]?

    public init(id: String? = nil, count: Int, capacity: Int, speedKmh: Double, detour: Double, loadSeconds: Double, depot: String,
                shifts: [TimeWindow], maxOrderKm: Double? = nil, serves: [String]? = nil) {
        self.id = id
        self.serves = serves
        self.maxOrderKm = maxOrderKm
        self.count = count
        self.capacity = capacity
        self.speedKmh = speedKmh
        self.detour = detour
        self.loadSeconds = loadSeconds
        self.depot = depot
        self.shifts = shifts
    }
}

/// Which transfer policy runs, and its parameters.
public struct PolicySettings: Sendable, Equatable {
    public var name: String
    public var high: Double
    public var target: Double
    public var low: Double
    public var everyMinutes: Double
    public var horizonMinutes: Double
    /// Clock time (seconds after midnight) from which held bikes go back out before new clearing;
    /// nil for the default: the start of the trucks' last shift of the day, or 16:00 without shifts.
    public var releaseFrom: Int?
    /// The city's clearance rule: an over-capacity zone must be cleared within this many minutes.
    public var clearanceMinutes: Double
    /// Per-zone overrides ("one point, one policy"), in file order.
    public var zones: [ZoneOverride]

    /// The defaults (docs/scenario-format.md, "Policy").
    public static let defaults = PolicySettings(name: "none", high: 1.0, target: 0.8, low: 0.2, everyMinutes: 5, horizonMinutes: 60,
                                                releaseFrom: nil, clearanceMinutes: 30, zones: [])
    /// The largest threshold accepted: 5 × capacity. Thresholds are fractions; a larger number is
    /// almost surely a percent (`90` for 0.9).
    public static let maximumThreshold = 5.0

    public init(name: String, high: Double, target: Double, low: Double, everyMinutes: Double, horizonMinutes: Double, releaseFrom: Int? = nil, clearanceMinutes: Double, zones: [ZoneOverride]) {
        self.name = name
        self.high = high
        self.target = target
        self.low = low
        self.everyMinutes = everyMinutes
        self.horizonMinutes = horizonMinutes
        self.releaseFrom = releaseFrom
        self.clearanceMinutes = clearanceMinutes
        self.zones = zones
    }
}

/// Thresholds and choices for a single zone that replace the policy's defaults.
public struct ZoneOverride: Sendable, Equatable {
    public var zone: String
    public var high: Double?
    public var target: Double?
    public var low: Double?
    public var holdingArea: String?
    public var priority: Double?

    public init(zone: String, high: Double? = nil, target: Double? = nil, low: Double? = nil, holdingArea: String? = nil, priority: Double? = nil) {
        self.zone = zone
        self.high = high
        self.target = target
        self.low = low
        self.holdingArea = holdingArea
        self.priority = priority
    }
}
