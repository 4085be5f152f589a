import TideSimModel
import TideSimCore
import TideSimBuffers
// The contract between the engine and the transfer policies: what a policy is, what it sees
// (`PolicyView`, `TruckStatus`) and what it returns (`TransferOrder`). A custom policy needs
// nothing else; `docs/policies.md` explains it with an example.

/// A transfer policy: decides orders for idle trucks.
///
/// The engine asks it every `policy.everyMinutes` while the trucks are in a shift, and whenever a
/// truck becomes idle during a shift. It returns orders for idle trucks only, at most one each;
/// an order for a busy or unknown truck is a programming error and stops the run. A policy value
/// is created for each replication (see ``Replications/run(model:seed:count:threads:recordTimeSeries:makePolicy:)``),
/// so it may keep state between calls.
public protocol TransferPolicy: Sendable {
    /// The name shown in reports.
    var name: String { get }
    /// Orders for some of the idle trucks (possibly none).
    mutating func decide(_ view: PolicyView) -> [TransferOrder]
}

/// The baseline: no transfers.
public struct NoTransfers: TransferPolicy {
    public init() {}
    public var name: String { PolicyKind.none.rawValue }
    public func decide(_ view: PolicyView) -> [TransferOrder] { [] }
}

/// An order for one idle truck: go to `pickup`, load up to `bikes`, go to `dropoff`, unload.
///
/// At the pickup the truck loads `min(bikes, bikes there on arrival, free room on the truck)`;
/// at a holding area it unloads what fits and keeps the rest on board; a zone takes every bike.
/// An order with `bikes: 0` just moves the truck (and unloads what it carries at `dropoff`).
public struct TransferOrder: Sendable, Equatable {
    /// Index of the truck (0-based).
    public var truck: Int
    public var pickup: Site
    public var dropoff: Site
    /// Bikes asked for at the pickup.
    public var bikes: Int

    public init(truck: Int, pickup: Site, dropoff: Site, bikes: Int) {
        self.truck = truck
        self.pickup = pickup
        self.dropoff = dropoff
        self.bikes = bikes
    }
}

/// Where a truck is in its order.
public enum TruckPhase: Sendable, Equatable {
    /// Waiting for an order at `site`.
    case idle
    /// Driving to the pickup.
    case toPickup
    /// Loading at the pickup.
    case loading
    /// Driving to the drop-off with its load.
    case toDropoff
    /// Unloading at the drop-off.
    case unloading
}

/// What a policy sees of one truck.
public struct TruckStatus: Sendable, Equatable {
    public let index: Int
    /// Where the truck is, or where it is driving to (its pickup, then its drop-off).
    public let site: Site
    public let phase: TruckPhase
    /// Bikes on board. On an idle truck these are bikes its last drop-off could not take: the
    /// policy is told this way, and should send them somewhere.
    public let load: Int
    public let capacity: Int
    /// The order under way; nil when idle.
    public let order: TransferOrder?
    /// When the current phase ends (arrival, or end of loading or unloading); the current time when idle.
    public let phaseEnds: Double
    /// The truck's fleet (index into the model's `trucks.fleets`).
    public let fleet: Int
    /// Whether the truck's fleet is in a shift now (only then does it take orders).
    public let onShift: Bool

    public init(index: Int, site: Site, phase: TruckPhase, load: Int, capacity: Int, order: TransferOrder?, phaseEnds: Double,
                fleet: Int = 0, onShift: Bool = true) {
        self.index = index
        self.site = site
        self.phase = phase
        self.load = load
        self.capacity = capacity
        self.order = order
        self.phaseEnds = phaseEnds
        self.fleet = fleet
        self.onShift = onShift
    }

    /// Whether the truck can take an order now: idle, and its fleet in a shift.
    public var isIdle: Bool { phase == .idle && onShift }
    /// Room left on board.
    public var freeCapacity: Int { capacity - load }
}

/// Everything a policy may see when it decides: the state now, the trucks, the rides under way
/// and a forecast from the demand rates. Never a future random draw.
///
/// The bikes and rides are read from the engine's own state (nothing is copied per decision);
/// the view is valid only during the call.
public struct PolicyView {
    /// Seconds from midnight of day 1.
    public let time: Double
    /// The compiled scenario: capacities, coordinates, ids, opening hours, targets.
    public let model: Model
    /// Bikes in each zone now.
    public let zoneBikes: BikeCounts
    /// Bikes in each holding area now (with operators: the operator's own).
    public let holdingBikes: [Int]
    /// Every truck, idle or not.
    public let trucks: [TruckStatus]
    /// The rides under way, read-only (their arrivals in the engine's event list).
    public let rides: RidesUnderWay

    /// With operators: other operators' bikes in each holding area (the areas are the city's and
    /// shared; ``holdingBikes`` are the operator's own). Empty without operators.
    public let holdingTaken: [Int]
    /// The open work orders the inspectors gave (the operator's own, with operators), soonest
    /// deadline first: a policy should treat each as the most urgent job it can reach in time.
    public let workOrders: [WorkOrder]
    /// Each zone's order deadline (`.infinity`: none); empty without open orders.
    let orderDeadline: [Double]
    /// The zones' priorities as the built-in policies rank them: a zone under a work order
    /// first (the sooner its deadline, the higher), then `policy.zones` priorities.
    let priority: [Double]

    init(time: Double, model: Model, zoneBikes: BikeCounts, holdingBikes: [Int], holdingTaken: [Int] = [], trucks: [TruckStatus],
         rides: RidesUnderWay, workOrders: [WorkOrder] = []) {
        self.workOrders = workOrders
        if workOrders.isEmpty {
            orderDeadline = []
            priority = model.targets.priority
        } else {
            var deadline = [Double](repeating: .infinity, count: model.zoneCount)
            var priority = model.targets.priority
            for o in workOrders where o.deadline < deadline[o.zone] {
                deadline[o.zone] = o.deadline
                priority[o.zone] = Self.orderPriority - o.deadline
            }
            orderDeadline = deadline
            self.priority = priority
        }
        self.time = time
        self.model = model
        self.zoneBikes = zoneBikes
        self.holdingBikes = holdingBikes
        self.holdingTaken = holdingTaken
        self.trucks = trucks
        self.rides = rides
    }

    /// Rides under way: the zone each will arrive at and when (riders redirected from a full
    /// docked zone are included with their new destination), in no particular order.
    /// - Complexity: O(the most events ever scheduled at once), about the most rides under way.
    public func ridesUnderWay() -> [(zone: Int, arrival: Double)] {
        var list: [(zone: Int, arrival: Double)] = []
        rides.forEach { list.append(($0, $1)) }
        return list
    }

    /// Expected net inflow of every zone over the next `minutes`: the rides under way that will
    /// arrive by then, plus the expected new trips that will arrive by then (started early enough
    /// for the zone's mean incoming ride time), minus the expected new departures. Departures are
    /// expected attempts: the forecast does not know whether bikes will be there for them.
    /// - Complexity: O(the events due by the horizon + zones × profile groups).
    public func forecastNetInflow(minutes: Double) -> [Double] {
        let horizon = time + minutes * 60
        var net = [Double](repeating: 0, count: model.zoneCount)
        rides.forEach(until: horizon) { zone, _ in net[zone] += 1 }
        model.forecast.addExpectedNetInflow(into: &net, from: time, to: horizon)
        return net
    }

    /// Seconds truck `i` needs to drive between two sites (at its fleet's speed and detour).
    public func driveSeconds(truck i: Int, from a: Site, to b: Site) -> Double {
        model.meters(from: a, to: b) * (model.trucks?.of(truck: i).secondsPerMeter ?? 0)
    }

    /// The settings of truck `i`'s fleet: capacity, speed, loading time, depot, shifts, territory.
    public func fleet(of i: Int) -> TruckSettings { model.trucks!.of(truck: i) }

    /// A priority above any of `policy.zones` (at most 10^6) for a zone under a work order,
    /// less its deadline in seconds (at most 10 years of them), so sooner deadlines come first.
    static let orderPriority = 1e12

    /// The deadline of zone z's open work order, or nil.
    public func workOrderDeadline(zone z: Int) -> Double? {
        guard !orderDeadline.isEmpty, orderDeadline[z].isFinite else { return nil }
        return orderDeadline[z]
    }

    /// Free spaces in holding area h now (every operator's bikes count against its capacity).
    public func holdingSpace(_ h: Int) -> Int {
        model.holdingCapacity[h] - holdingBikes[h] - (holdingTaken.isEmpty ? 0 : holdingTaken[h])
    }

    /// Bikes at a site now.
    public func bikes(at site: Site) -> Int {
        switch site {
        case .zone(let z): return zoneBikes[z]
        case .holding(let h): return holdingBikes[h]
        }
    }
}
