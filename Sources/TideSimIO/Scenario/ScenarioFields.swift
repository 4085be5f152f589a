import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
/// One field of the scenario format: where it is, its type, range and default, and its row in
/// docs/scenario-format.md.
public struct ScenarioField: Sendable {
    /// How the decoder reads the value; `.other` fields (objects, arrays, tables, time windows,
    /// coordinates) are read by code of their own, which still takes their keys from here.
    public enum Kind: Sendable {
        /// A whole number in a range (read as `Int`).
        case whole(ClosedRange<Int>)
        /// A whole number that may exceed `Int`'s exact doubles (read as `Double`).
        case wholeNumber(ClosedRange<Double>)
        case number(ClosedRange<Double>)
        /// A threshold: a fraction of capacity from 0 to `PolicySettings.maximumThreshold`.
        case fraction
        case text
        case other
    }

    /// The tables of docs/scenario-format.md.
    public enum DocTable: String, Sendable, CaseIterable {
        case top, zone, holding, demand, flow, trucks, policy, policyZone, costs, operators, inspections
    }

    public let table: DocTable
    /// The JSON path of the object that holds the field: `""` (the top), `"fleet"`, `"zones[]"`
    /// (each zone), `"demand.ride"`, `"policy.zones{}"` (each per-zone override), ...
    public let object: String
    /// Its keys in that object (two for `lat`, `lon`, and for a flow's `from`, `to`).
    public let keys: [String]
    public let kind: Kind
    /// The default of a number, when it has one.
    public let defaultValue: Double?
    /// Whether the field must be given (some are required only in some cases: the docs say when).
    public let required: Bool
    /// Its row in the docs: type, default and meaning as written there.
    public let type: String, defaultText: String, meaning: String
    /// Whether the field has no column in a CSV table of its objects (an array, such as a zone's
    /// rush-hour caps).
    public var jsonOnly = false

    init(jsonOnly: Bool = false, table: DocTable, object: String, keys: [String], kind: Kind, default value: Double?, required: Bool, type: String,
         defaultText: String, meaning: String) {
        self.jsonOnly = jsonOnly
        self.table = table
        self.object = object
        self.keys = keys
        self.kind = kind
        defaultValue = value
        self.required = required
        self.type = type
        self.defaultText = defaultText
        self.meaning = meaning
    }

    /// The single key of a one-key field.
    public var key: String { keys[0] }

    /// A number's range, for the decoder.
    var range: ClosedRange<Double> {
        switch kind {
        case .whole(let r): return Double(r.lowerBound)...Double(r.upperBound)
        case .wholeNumber(let r), .number(let r): return r
        case .fraction: return 0...PolicySettings.maximumThreshold
        case .text, .other: return 0...0
        }
    }
}

/// The scenario format's fields, declared once: the decoder reads each object's keys, ranges
/// and defaults from here, the CSV tables their columns, the writer what to leave out, and
/// docs/scenario-format.md's field tables are this list (`ScenarioFieldsTests` holds them equal).
/// A new field is one entry here, its line in the decoder and its value in `Scenario`.
public enum ScenarioFields {
    static let formatVersion = ScenarioField(table: .top, object: "", keys: ["tidesim"], kind: .wholeNumber(0...ScenarioDecoder.unbounded), default: nil,
                                      required: true, type: "whole number", defaultText: "required",
                                      meaning: "format version: `1`")
    static let name = ScenarioField(table: .top, object: "", keys: ["name"], kind: .text, default: nil,
                                      required: false, type: "string", defaultText: "the file name",
                                      meaning: "shown in reports")
    static let description = ScenarioField(table: .top, object: "", keys: ["description"], kind: .text, default: nil,
                                      required: false, type: "string", defaultText: "`\"\"`",
                                      meaning: "free text, ignored by the engine (JSON has no comments)")
    static let seed = ScenarioField(table: .top, object: "", keys: ["seed"], kind: .wholeNumber(0...9_007_199_254_740_991), default: 1,
                                      required: false, type: "whole number 0 to 2^53−1", defaultText: "1",
                                      meaning: "base seed; `--seed` overrides it")
    static let days = ScenarioField(table: .top, object: "", keys: ["days"], kind: .whole(1...3660), default: 1,
                                      required: false, type: "whole number 1 to 3660", defaultText: "1",
                                      meaning: "whole days simulated")
    static let warmupDays = ScenarioField(table: .top, object: "", keys: ["warmupDays"], kind: .whole(0...3659), default: 0,
                                      required: false, type: "whole number, less than `days`", defaultText: "0",
                                      meaning: "leading days simulated but not measured")
    static let sampleMinutes = ScenarioField(table: .top, object: "", keys: ["sampleMinutes"], kind: .whole(1...1440), default: 15,
                                      required: false, type: "whole number 1 to 1440 dividing 1440", defaultText: "15",
                                      meaning: "time-series interval")
    static let fleetCap = ScenarioField(table: .top, object: "fleet", keys: ["cap"], kind: .whole(0...Int(ScenarioDecoder.maxCount)), default: nil,
                                      required: false, type: "whole number >= 0", defaultText: "none",
                                      meaning: "the planning cap on the fleet, reported against the fleet")
    static let zones = ScenarioField(table: .top, object: "", keys: ["zones"], kind: .other, default: nil,
                                      required: true, type: "array, or a CSV file name", defaultText: "required, at least one",
                                      meaning: "see below")
    static let holdingAreas = ScenarioField(table: .top, object: "", keys: ["holdingAreas"], kind: .other, default: nil,
                                      required: false, type: "array", defaultText: "`[]`",
                                      meaning: "see below")
    static let demand = ScenarioField(table: .top, object: "", keys: ["demand"], kind: .other, default: nil,
                                      required: false, type: "object", defaultText: "no demand",
                                      meaning: "see below")
    static let trucks = ScenarioField(table: .top, object: "", keys: ["trucks"], kind: .other, default: nil,
                                      required: false, type: "object, or array of fleets", defaultText: "no trucks",
                                      meaning: "see below")
    static let policy = ScenarioField(table: .top, object: "", keys: ["policy"], kind: .other, default: nil,
                                      required: false, type: "object", defaultText: "`none`",
                                      meaning: "see below")
    static let costs = ScenarioField(table: .top, object: "", keys: ["costs"], kind: .other, default: nil,
                                      required: false, type: "object", defaultText: "none",
                                      meaning: "what the levers cost a day; see below")
    static let operators = ScenarioField(table: .top, object: "", keys: ["operators"], kind: .other, default: nil,
                                      required: false, type: "array", defaultText: "one anonymous fleet",
                                      meaning: "the city's operators; see below")
    static let inspections = ScenarioField(table: .top, object: "", keys: ["inspections"], kind: .other, default: nil,
                                      required: false, type: "object", defaultText: "none",
                                      meaning: "the city's flying inspections; see below")
    static let zoneID = ScenarioField(table: .zone, object: "zones[]", keys: ["id"], kind: .text, default: nil,
                                      required: true, type: "string, not empty", defaultText: "required",
                                      meaning: "used by flows, overrides, `--set zones[ID]`")
    static let zoneName = ScenarioField(table: .zone, object: "zones[]", keys: ["name"], kind: .text, default: nil,
                                      required: false, type: "string", defaultText: "the id",
                                      meaning: "shown in reports")
    static let zoneKind = ScenarioField(table: .zone, object: "zones[]", keys: ["kind"], kind: .text, default: nil,
                                      required: false, type: "string", defaultText: "`other`",
                                      meaning: "free-form role: `residential`, `metro`, `office`, `campus`, `commercial`, ...")
    static let zoneCoordinate = ScenarioField(table: .zone, object: "zones[]", keys: ["lat", "lon"], kind: .other, default: nil,
                                      required: false, type: "degrees (−90..90, −180..180)", defaultText: "none",
                                      meaning: "WGS 84; both or neither. Needed for distances: rides without `minutes`, walking, redirects, trucks")
    static let zoneCapacity = ScenarioField(table: .zone, object: "zones[]", keys: ["capacity"], kind: .whole(0...Int(ScenarioDecoder.maxCount)), default: nil,
                                      required: true, type: "whole number 0 to 10,000,000", defaultText: "required",
                                      meaning: "parking spaces (geofence or bays)")
    static let zoneBikes = ScenarioField(table: .zone, object: "zones[]", keys: ["bikes"], kind: .whole(0...Int(ScenarioDecoder.maxCount)), default: 0,
                                      required: false, type: "whole number 0 to 10,000,000", defaultText: "0",
                                      meaning: "bikes at the start of day 1")
    static let zoneOverflow = ScenarioField(table: .zone, object: "zones[]", keys: ["overflow"], kind: .text, default: nil,
                                      required: false, type: "`pile` or `redirect`", defaultText: "`pile`",
                                      meaning: "`pile`: dockless, every return accepted; `redirect`: docked, a full zone refuses returns (needs `lat`/`lon`)")
    static let zoneCapacityWindows = ScenarioField(jsonOnly: true, table: .zone, object: "zones[]", keys: ["capacityWindows"], kind: .other, default: nil,
                                      required: false, type: "array of `{\"time\": \"HH:MM-HH:MM\", \"capacity\": n, \"days\"?}`", defaultText: "none",
                                      meaning: "rush-hour caps of a `pile` zone: inside a window its capacity is that value (`days`: `all`, `weekdays` or `weekends`; day 1 is a Monday). JSON only")
    static let zoneBikesByOperator = ScenarioField(jsonOnly: true, table: .zone, object: "zones[]", keys: ["bikesByOperator"], kind: .other, default: nil,
                                      required: false, type: "object: operator id to whole number", defaultText: "`bikes` split by share",
                                      meaning: "the zone's bikes per operator (their sum is `bikes`); JSON only")
    static let holdingID = ScenarioField(table: .holding, object: "holdingAreas[]", keys: ["id"], kind: .text, default: nil,
                                      required: true, type: "string", defaultText: "required",
                                      meaning: "shares the id space with zones")
    static let holdingName = ScenarioField(table: .holding, object: "holdingAreas[]", keys: ["name"], kind: .text, default: nil,
                                      required: false, type: "string", defaultText: "the id",
                                      meaning: "")
    static let holdingCoordinate = ScenarioField(table: .holding, object: "holdingAreas[]", keys: ["lat", "lon"], kind: .other, default: nil,
                                      required: false, type: "degrees", defaultText: "none",
                                      meaning: "required when the scenario has trucks")
    static let holdingCapacity = ScenarioField(table: .holding, object: "holdingAreas[]", keys: ["capacity"], kind: .whole(0...Int(ScenarioDecoder.maxCount)), default: nil,
                                      required: true, type: "whole number 0 to 10,000,000", defaultText: "required",
                                      meaning: "")
    static let holdingBikes = ScenarioField(table: .holding, object: "holdingAreas[]", keys: ["bikes"], kind: .whole(0...Int(ScenarioDecoder.maxCount)), default: 0,
                                      required: false, type: "whole number, at most `capacity`", defaultText: "0",
                                      meaning: "bikes held at the start")
    static let holdingOpen = ScenarioField(table: .holding, object: "holdingAreas[]", keys: ["open"], kind: .other, default: nil,
                                      required: false, type: "`\"HH:MM-HH:MM\"`", defaultText: "always open",
                                      meaning: "opening hours; `00:00` to `24:00`; a window whose end is before its start runs past midnight; an end of `00:00` is the midnight ending the day (`22:00-00:00` = `22:00-24:00`)")
    static let demandScale = ScenarioField(table: .demand, object: "demand", keys: ["scale"], kind: .number(0...10_000), default: 1,
                                      required: false, type: "number 0 to 10,000", defaultText: "1",
                                      meaning: "multiplies every flow's `tripsPerDay`")
    static let walkMeters = ScenarioField(table: .demand, object: "demand", keys: ["walkMeters"], kind: .number(0...100_000), default: 0,
                                      required: false, type: "metres 0 to 100,000", defaultText: "0",
                                      meaning: "how far a rider walks to another zone when the origin is empty (0: never)")
    static let rideSpeedKmh = ScenarioField(table: .demand, object: "demand.ride", keys: ["speedKmh"], kind: .number(0.1...200), default: RideSettings.defaults.speedKmh,
                                      required: false, type: "km/h 0.1 to 200", defaultText: "12",
                                      meaning: "riding speed")
    static let rideDetour = ScenarioField(table: .demand, object: "demand.ride", keys: ["detour"], kind: .number(1...10), default: RideSettings.defaults.detour,
                                      required: false, type: "1 to 10", defaultText: "1.3",
                                      meaning: "road distance over great-circle distance")
    static let rideMinMinutes = ScenarioField(table: .demand, object: "demand.ride", keys: ["minMinutes"], kind: .number(0...1440), default: RideSettings.defaults.minMinutes,
                                      required: false, type: "minutes 0 to 1440", defaultText: "2",
                                      meaning: "shortest mean ride")
    static let rideCV = ScenarioField(table: .demand, object: "demand.ride", keys: ["cv"], kind: .number(0...10), default: RideSettings.defaults.cv,
                                      required: false, type: "0 to 10", defaultText: "0.3",
                                      meaning: "coefficient of variation of ride times (lognormal); 0 = exactly the mean")
    static let switchOperator = ScenarioField(table: .demand, object: "demand", keys: ["switchOperator"], kind: .number(0...1), default: 0.8,
                                      required: false, type: "number 0 to 1", defaultText: "0.8",
                                      meaning: "with operators: probability that a rider whose operator has no bike at the origin takes another's")
    static let profiles = ScenarioField(table: .demand, object: "demand", keys: ["profiles"], kind: .other, default: nil,
                                      required: false, type: "object name → weights", defaultText: "`{}`",
                                      meaning: "custom profiles: 24, 48 or 96 non-negative weights, not all 0; names other than the built-ins")
    static let flows = ScenarioField(table: .demand, object: "demand", keys: ["flows"], kind: .other, default: nil,
                                      required: false, type: "array, or a CSV file name", defaultText: "`[]`",
                                      meaning: "see below")
    static let flowEnds = ScenarioField(table: .flow, object: "demand.flows[]", keys: ["from", "to"], kind: .text, default: nil,
                                      required: true, type: "zone id", defaultText: "required",
                                      meaning: "may be the same zone (a round trip); holding areas take no riders")
    static let tripsPerDay = ScenarioField(table: .flow, object: "demand.flows[]", keys: ["tripsPerDay"], kind: .number(0...1e9), default: nil,
                                      required: true, type: "number 0 to 1e9", defaultText: "required",
                                      meaning: "expected trip attempts per day, before `demand.scale`")
    static let flowProfile = ScenarioField(table: .flow, object: "demand.flows[]", keys: ["profile"], kind: .text, default: nil,
                                      required: false, type: "profile name", defaultText: "`flat`",
                                      meaning: "a built-in or a name from `demand.profiles`")
    static let flowMinutes = ScenarioField(table: .flow, object: "demand.flows[]", keys: ["minutes"], kind: .number(0.001...1440), default: nil,
                                      required: false, type: "0.001 to 1440", defaultText: "from the distance",
                                      meaning: "mean ride time; required when either zone has no coordinates (except round trips)")
    static let truckID = ScenarioField(table: .trucks, object: "trucks", keys: ["id"], kind: .text, default: nil,
                                      required: false, type: "string", defaultText: "required in a list of fleets",
                                      meaning: "names the fleet in a list of fleets (`--set trucks[ID].count=3`)")
    static let truckServes = ScenarioField(table: .trucks, object: "trucks", keys: ["serves"], kind: .other, default: nil,
                                      required: false, type: "array of zone ids", defaultText: "every zone",
                                      meaning: "the fleet's territory: it loads and unloads only at these zones and at holding areas")
    static let truckCount = ScenarioField(table: .trucks, object: "trucks", keys: ["count"], kind: .whole(0...10_000), default: nil,
                                      required: true, type: "whole number 0 to 10,000", defaultText: "required",
                                      meaning: "identical trucks")
    static let truckCapacity = ScenarioField(table: .trucks, object: "trucks", keys: ["capacity"], kind: .whole(1...100_000), default: nil,
                                      required: true, type: "whole number 1 to 100,000", defaultText: "required",
                                      meaning: "bikes per truck")
    static let truckSpeedKmh = ScenarioField(table: .trucks, object: "trucks", keys: ["speedKmh"], kind: .number(0.1...200), default: 20,
                                      required: false, type: "km/h 0.1 to 200", defaultText: "20",
                                      meaning: "driving speed")
    static let truckDetour = ScenarioField(table: .trucks, object: "trucks", keys: ["detour"], kind: .number(1...10), default: 1.3,
                                      required: false, type: "1 to 10", defaultText: "1.3",
                                      meaning: "road distance over great-circle distance")
    static let truckLoadSeconds = ScenarioField(table: .trucks, object: "trucks", keys: ["loadSeconds"], kind: .number(0...3600), default: 10,
                                      required: false, type: "seconds 0 to 3600", defaultText: "10",
                                      meaning: "per bike, for loading and for unloading")
    static let truckDepot = ScenarioField(table: .trucks, object: "trucks", keys: ["depot"], kind: .text, default: nil,
                                      required: false, type: "zone or holding-area id", defaultText: "required when `count > 0`",
                                      meaning: "where the trucks start day 1; needs coordinates")
    static let truckShifts = ScenarioField(table: .trucks, object: "trucks", keys: ["shifts"], kind: .other, default: nil,
                                      required: false, type: "array of `\"HH:MM-HH:MM\"`", defaultText: "`[]` = all day",
                                      meaning: "outside these hours no truck takes a new order")
    static let truckMaxOrderKm = ScenarioField(table: .trucks, object: "trucks", keys: ["maxOrderKm"], kind: .number(0.1...100_000), default: nil,
                                      required: false, type: "km 0.1 to 100,000", defaultText: "none",
                                      meaning: "the longest drive one order may take (to the pickup and on to the drop-off, road km): keeps a fleet's orders within reach, such as within one city")
    static let policyName = ScenarioField(table: .policy, object: "policy", keys: ["name"], kind: .text, default: nil,
                                      required: false, type: "`none`, `threshold`, `predictive`, `rebalance`, `clearance`", defaultText: "`none`",
                                      meaning: "the policy `run` uses; `--policy` overrides it. A transfer policy needs a `trucks` block (a `count` of 0 is allowed: nothing moves); `threshold` and `predictive` need a holding area")
    static let policyHigh = ScenarioField(table: .policy, object: "policy", keys: ["high"], kind: .fraction, default: PolicySettings.defaults.high,
                                      required: false, type: "fraction of capacity, 0 to 5", defaultText: "1",
                                      meaning: "a zone above `high × capacity` is cleared")
    static let policyTarget = ScenarioField(table: .policy, object: "policy", keys: ["target"], kind: .fraction, default: PolicySettings.defaults.target,
                                      required: false, type: "fraction of capacity, 0 to 5", defaultText: "0.8",
                                      meaning: "cleared down to, and refilled up to, `floor(target × capacity)`")
    static let policyLow = ScenarioField(table: .policy, object: "policy", keys: ["low"], kind: .fraction, default: PolicySettings.defaults.low,
                                      required: false, type: "fraction of capacity, 0 to 5", defaultText: "0.2",
                                      meaning: "a zone below `low × capacity` is refilled")
    static let everyMinutes = ScenarioField(table: .policy, object: "policy", keys: ["everyMinutes"], kind: .number(0.1...1440), default: PolicySettings.defaults.everyMinutes,
                                      required: false, type: "minutes 0.1 to 1440", defaultText: "5",
                                      meaning: "how often the policy is asked during shifts")
    static let horizonMinutes = ScenarioField(table: .policy, object: "policy", keys: ["horizonMinutes"], kind: .number(0...1440), default: PolicySettings.defaults.horizonMinutes,
                                      required: false, type: "minutes 0 to 1440", defaultText: "60",
                                      meaning: "how far `predictive` and `clearance` forecast")
    static let releaseFrom = ScenarioField(table: .policy, object: "policy", keys: ["releaseFrom"], kind: .other, default: nil,
                                      required: false, type: "`\"HH:MM\"`", defaultText: "start of the trucks' last shift; 16:00 without shifts",
                                      meaning: "from then to midnight, `threshold` and `predictive` send held bikes back out before they clear more (`docs/policies.md`)")
    static let clearanceMinutes = ScenarioField(table: .policy, object: "policy", keys: ["clearanceMinutes"], kind: .number(1...100_000), default: PolicySettings.defaults.clearanceMinutes,
                                      required: false, type: "minutes 1 to 100,000", defaultText: "30",
                                      meaning: "the city's clearance rule: a zone above capacity must be cleared within this time; longer episodes are `clearanceBreaches` (`docs/model.md`); `clearance` dispatches by it")
    static let policyZones = ScenarioField(table: .policy, object: "policy", keys: ["zones"], kind: .other, default: nil,
                                      required: false, type: "object zone id → override", defaultText: "`{}`",
                                      meaning: "\"one point, one policy\": per-zone overrides, in the table below")
    static let overrideHigh = ScenarioField(table: .policyZone, object: "policy.zones{}", keys: ["high"], kind: .fraction, default: nil,
                                      required: false, type: "fraction of capacity, 0 to 5", defaultText: "`policy.high`",
                                      meaning: "this zone's `high`")
    static let overrideTarget = ScenarioField(table: .policyZone, object: "policy.zones{}", keys: ["target"], kind: .fraction, default: nil,
                                      required: false, type: "fraction of capacity, 0 to 5", defaultText: "`policy.target`",
                                      meaning: "this zone's `target`")
    static let overrideLow = ScenarioField(table: .policyZone, object: "policy.zones{}", keys: ["low"], kind: .fraction, default: nil,
                                      required: false, type: "fraction of capacity, 0 to 5", defaultText: "`policy.low`",
                                      meaning: "this zone's `low`")
    static let overrideHoldingArea = ScenarioField(table: .policyZone, object: "policy.zones{}", keys: ["holdingArea"], kind: .text, default: nil,
                                      required: false, type: "holding-area id", defaultText: "none",
                                      meaning: "the holding area this zone is cleared into first, when it is open and has room")
    static let overridePriority = ScenarioField(table: .policyZone, object: "policy.zones{}", keys: ["priority"], kind: .number(-1e6...1e6), default: nil,
                                      required: false, type: "number −10^6 to 10^6", defaultText: "0",
                                      meaning: "zones of higher priority are served first")
    static let operatorID = ScenarioField(table: .operators, object: "operators[]", keys: ["id"], kind: .text, default: nil,
                                      required: true, type: "string, not empty", defaultText: "required",
                                      meaning: "unique among operators; `--set operators[ID].quota=...` names it")
    static let operatorName = ScenarioField(table: .operators, object: "operators[]", keys: ["name"], kind: .text, default: nil,
                                      required: false, type: "string", defaultText: "the id",
                                      meaning: "shown in reports")
    static let operatorShare = ScenarioField(table: .operators, object: "operators[]", keys: ["share"], kind: .number(0...1), default: nil,
                                      required: true, type: "number above 0, at most 1; shares sum to 1", defaultText: "required",
                                      meaning: "share of riders' preferences and of each zone's bikes; its fair share of a zone is `share × cap`")
    static let operatorQuota = ScenarioField(table: .operators, object: "operators[]", keys: ["quota"], kind: .whole(0...Int(ScenarioDecoder.maxCount)), default: nil,
                                      required: true, type: "whole number >= 0", defaultText: "required",
                                      meaning: "fleet permit: bikes placed above it are not deployed")
    static let operatorTrucks = ScenarioField(table: .operators, object: "operators[]", keys: ["trucks"], kind: .other, default: nil,
                                      required: false, type: "object, or array of fleets (as `trucks`)", defaultText: "no trucks",
                                      meaning: "its own trucks: they move only its bikes")
    static let operatorPolicy = ScenarioField(table: .operators, object: "operators[]", keys: ["policy"], kind: .text, default: nil,
                                      required: false, type: "built-in policy name", defaultText: "`policy.name`",
                                      meaning: "the policy its trucks follow (`run --policy` and `compare` set every operator's)")
    static let inspectors = ScenarioField(table: .inspections, object: "inspections", keys: ["inspectors"], kind: .whole(0...10_000), default: nil,
                                      required: true, type: "whole number 0 to 10,000", defaultText: "required",
                                      meaning: "inspectors on the street in each shift")
    static let inspectionShifts = ScenarioField(table: .inspections, object: "inspections", keys: ["shifts"], kind: .other, default: nil,
                                      required: false, type: "array of time windows", defaultText: "all day",
                                      meaning: "daily shifts, e.g. `[\"07:00-10:00\"]`")
    static let inspectionSpeedKmh = ScenarioField(table: .inspections, object: "inspections", keys: ["speedKmh"], kind: .number(0.1...200), default: 12,
                                      required: false, type: "km/h 0.1 to 200", defaultText: "12",
                                      meaning: "walking or riding speed between zones")
    static let inspectionDetour = ScenarioField(table: .inspections, object: "inspections", keys: ["detour"], kind: .number(1...10), default: 1.3,
                                      required: false, type: "1 to 10", defaultText: "1.3",
                                      meaning: "route distance over great-circle distance")
    static let dwellMinutes = ScenarioField(table: .inspections, object: "inspections", keys: ["dwellMinutes"], kind: .number(0.1...1440), default: 5,
                                      required: false, type: "minutes 0.1 to 1440", defaultText: "5",
                                      meaning: "length of a visit")
    static let inspectionRoute = ScenarioField(table: .inspections, object: "inspections", keys: ["route"], kind: .text, default: nil,
                                      required: false, type: "`random` or `watchlist`", defaultText: "`random`",
                                      meaning: "next zone drawn uniformly among zones with coordinates, or from the watch list weighted by capacity")
    static let watchlist = ScenarioField(table: .inspections, object: "inspections", keys: ["watchlist"], kind: .other, default: nil,
                                      required: false, type: "array of zone ids", defaultText: "`[]`",
                                      meaning: "the zones a `watchlist` route visits (required for it)")
    static let respondMinutes = ScenarioField(table: .inspections, object: "inspections", keys: ["respondMinutes"], kind: .number(1...100_000), default: 30,
                                      required: false, type: "minutes 1 to 100,000", defaultText: "30",
                                      meaning: "time an operator has to bring its bikes down to its fair share")
    static let pointsOrder = ScenarioField(table: .inspections, object: "inspections.points", keys: ["order"], kind: .number(0...1e6), default: 1,
                                      required: false, type: "number 0 to 10^6", defaultText: "1",
                                      meaning: "penalty points per work order")
    static let pointsLate = ScenarioField(table: .inspections, object: "inspections.points", keys: ["late"], kind: .number(0...1e6), default: 5,
                                      required: false, type: "number 0 to 10^6", defaultText: "5",
                                      meaning: "more penalty points per order not met in time")
    static let costCurrency = ScenarioField(table: .costs, object: "costs", keys: ["currency"], kind: .text, default: nil,
                                      required: false, type: "string", defaultText: "`CNY`",
                                      meaning: "a label for the amounts, never converted")
    static let truckPerDay = ScenarioField(table: .costs, object: "costs", keys: ["truckPerDay"], kind: .number(0...1e12), default: 0,
                                      required: false, type: "number 0 to 10^12", defaultText: "0",
                                      meaning: "a truck for a day")
    static let holdingAreaPerDay = ScenarioField(table: .costs, object: "costs", keys: ["holdingAreaPerDay"], kind: .number(0...1e12), default: 0,
                                      required: false, type: "number 0 to 10^12", defaultText: "0",
                                      meaning: "a holding area with a capacity above 0, for a day")
    static let bikePerDay = ScenarioField(table: .costs, object: "costs", keys: ["bikePerDay"], kind: .number(0...1e12), default: 0,
                                      required: false, type: "number 0 to 10^12", defaultText: "0",
                                      meaning: "a bike of the fleet, for a day")

    /// Every field, in the order of the docs.
    static let all: [ScenarioField] = [
        formatVersion, name, description, seed, days, warmupDays, sampleMinutes, fleetCap, zones, holdingAreas, demand, trucks, policy, costs, operators, inspections, zoneID, zoneName, zoneKind, zoneCoordinate, zoneCapacity, zoneBikes, zoneOverflow, zoneCapacityWindows, zoneBikesByOperator, holdingID, holdingName, holdingCoordinate, holdingCapacity, holdingBikes, holdingOpen, demandScale, walkMeters, rideSpeedKmh, rideDetour, rideMinMinutes, rideCV, switchOperator, profiles, flows, flowEnds, tripsPerDay, flowProfile, flowMinutes, truckCount, truckCapacity, truckSpeedKmh, truckDetour, truckLoadSeconds, truckDepot, truckShifts, truckMaxOrderKm, truckID, truckServes, policyName, policyHigh, policyTarget, policyLow, everyMinutes, horizonMinutes, releaseFrom, clearanceMinutes, policyZones, overrideHigh, overrideTarget, overrideLow, overrideHoldingArea, overridePriority, costCurrency, truckPerDay, holdingAreaPerDay, bikePerDay, operatorID, operatorName, operatorShare, operatorQuota, operatorTrucks, operatorPolicy, inspectors, inspectionShifts, inspectionSpeedKmh, inspectionDetour, dwellMinutes, inspectionRoute, watchlist, respondMinutes, pointsOrder, pointsLate,
    ]

    /// The keys an object may hold, in the docs' order: its fields' keys, and the first key of
    /// each object nested in it (`fleet` at the top, `ride` in `demand`, `zones` in `policy`).
    public static func allowedKeys(in object: String) -> [String] {
        var keys: [String] = []
        for f in all {
            if f.object == object {
                for k in f.keys where !keys.contains(k) { keys.append(k) }
            } else if let child = nestedKey(of: f.object, in: object), !keys.contains(child) {
                keys.append(child)
            }
        }
        return keys
    }

    /// The key under which `path` sits directly inside `object`, if it does.
    private static func nestedKey(of path: String, in object: String) -> String? {
        let prefix = object.isEmpty ? "" : object + "."
        guard path.hasPrefix(prefix), path.count > prefix.count else { return nil }
        let rest = path.dropFirst(prefix.count)
        let key = rest.prefix { $0 != "." && $0 != "[" && $0 != "{" }
        return key.isEmpty ? nil : String(key)
    }

    /// The columns of a table that can come from CSV (`"zones[]"` or `"demand.flows[]"`): every
    /// key, the required ones and those that hold numbers.
    static func csvColumns(of object: String) -> (all: [String], required: [String], numeric: Set<String>) {
        let fields = all.filter { $0.object == object && !$0.jsonOnly }
        let numeric = fields.filter { if case .text = $0.kind { return false } else { return true } }
        return (fields.flatMap(\.keys), fields.filter(\.required).flatMap(\.keys),
                // Coordinates are numbers too.
                Set(numeric.flatMap(\.keys)))
    }

    /// A table of docs/scenario-format.md, as Markdown.
    public static func markdown(_ table: ScenarioField.DocTable) -> String {
        var out = "| key | type | default | meaning |\n|---|---|---|---|\n"
        for f in all where f.table == table {
            let key = f.keys.map { "`\(docPrefix(f.object))\($0)`" }.joined(separator: ", ")
            out += "|" + [key, f.type, f.defaultText, f.meaning].map { $0.isEmpty ? " " : " \($0) " }.joined(separator: "|") + "|\n"
        }
        return out
    }

    /// How the docs name an object's keys: with the path of a single object (`demand.ride.`),
    /// bare inside an array's elements or a map's values.
    private static func docPrefix(_ object: String) -> String {
        if object.isEmpty || object.hasSuffix("[]") || object.hasSuffix("{}") { return "" }
        return object + "."
    }
}

extension FieldReader {
    /// A declared number field (whole or not) with its range, default and whether it is required.
    mutating func number(_ m: Members, _ f: ScenarioField) -> Double? {
        let integer: Bool
        switch f.kind {
        case .whole, .wholeNumber: integer = true
        case .number: integer = false
        case .fraction: return fraction(m, f.key, default: f.defaultValue, maximum: PolicySettings.maximumThreshold)
        case .text, .other: preconditionFailure("\(f.key) is not a number")
        }
        return number(m, f.key, default: f.defaultValue, in: f.range, integer: integer, required: f.required)
    }

    /// A declared whole-number field, as an `Int`.
    mutating func int(_ m: Members, _ f: ScenarioField) -> Int? {
        number(m, f).map { Int($0) }
    }

    /// The members of a declared object, its unknown keys reported.
    mutating func object(_ value: JSONValue, at place: Place, declared object: String) -> Members? {
        self.object(value, at: place, allowed: ScenarioFields.allowedKeys(in: object))
    }
}
