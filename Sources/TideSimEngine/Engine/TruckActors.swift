import TideSimModel
import TideSimCore
import TideSimBuffers
/// The trucks of every fleet of one operator (of the city, without operators) and their policy:
/// the first ``CityActors``.
///
/// At each decision epoch while some fleet is in a shift, and whenever a truck becomes idle during
/// one, the policy is asked for orders for the idle trucks in a shift, and each order is driven:
/// to the pickup, loading, to the drop-off, unloading. Idle trucks whose fleet is off shift drive
/// back to their depot (so that every shift starts there) and unload there what they carry. The
/// members are the trucks, by index across the operator's fleets; their events carry the truck's
/// index among the city's trucks (``firstTruck`` on), a decision time the operator's index.
///
/// An operator's trucks load only its bikes, and its policy sees the city as the operator does
/// (``OperatorModel/view``): its own bikes and rides, its fair share of each zone's capacity.
struct TruckActors<Policy: TransferPolicy>: CityActors {
    /// The fleets; nil when the operator has no trucks.
    let fleets: TruckFleets?
    /// The city as the policy sees it (the city's model without operators).
    let view: Model
    /// The operator (0 without operators), and where its trucks and fleets start among the city's.
    let owner: Int, firstTruck: Int, firstFleet: Int
    var state: TruckFleetState
    /// The transfer policy (it may keep state between decisions).
    var policy: Policy

    init(view: Model, owner: Int = 0, firstTruck: Int = 0, firstFleet: Int = 0, policy: Policy) {
        let fleets = view.trucks
        self.fleets = fleets
        self.view = view
        self.owner = owner
        self.firstTruck = firstTruck
        self.firstFleet = firstFleet
        self.policy = policy
        state = TruckFleetState(depots: (0..<(fleets?.count ?? 0)).map { fleets!.of(truck: $0).depot })
    }

    /// Trucks on an order now.
    var busyCount: Int { state.phase.reduce(0) { $0 + ($1 == .idle ? 0 : 1) } }

    mutating func start(in world: inout World) {
        if fleets != nil { world.events.schedule(.decisionEpoch, at: 0, site: Int32(owner)) }
    }

    mutating func act(_ kind: EventKind, member i: Int, at t: Double, in world: inout World) {
        switch kind {
        case .truckAtPickup: arrivesAtPickup(i, at: t, in: &world)
        case .truckLoaded: leavesPickup(i, at: t, in: &world)
        case .truckAtDropoff: arrivesAtDropoff(i, at: t, in: &world)
        case .truckIdle: becomesIdle(i, at: t, in: &world)
        case .decisionEpoch:
            let next = t + world.model.decisionInterval
            if next < world.model.endTime { world.events.schedule(.decisionEpoch, at: next, site: Int32(owner)) }
            consultPolicy(at: t, in: &world)
        case .rideArrival, .capacityChange, .inspectorVisit, .orderDeadline: preconditionFailure("a \(kind) event was handed to the trucks")
        }
    }

    mutating func finish(at end: Double, in world: inout World) {
        for i in 0..<state.count where state.phase[i] != .idle { addBusyTime(truck: i, until: end, in: &world) }
    }

    /// Asks the policy for orders when a truck is idle during a shift, and starts them; outside
    /// the shifts, sends idle trucks back to the depot.
    private mutating func consultPolicy(at t: Double, in world: inout World) {
        guard let fleets, state.hasIdle else { return }
        let onShift = fleets.fleets.map { $0.inShift(t) }
        var idleOnShift = false
        for i in 0..<state.count where state.phase[i] == .idle {
            let f = fleets.fleetOfTruck[i]
            if onShift[f] {
                idleOnShift = true
            } else if state.site[i] != fleets.fleets[f].depot {
                start(TransferOrder(truck: i, pickup: state.site[i], dropoff: fleets.fleets[f].depot, bikes: 0), at: t, toDepot: true, in: &world)
            }
        }
        guard idleOnShift else { return }
        let seen: PolicyView
        if world.hasOperators {
            let own = world.owners.held(by: owner, areas: view.holdingCount)
            seen = PolicyView(time: t, model: view, zoneBikes: BikeCounts(world.owners.own, stride: world.owners.count, offset: owner), holdingBikes: own,
                              holdingTaken: world.holdingBikes.indices.map { world.holdingBikes[$0] - own[$0] },
                              trucks: state.statuses(fleets, onShift: onShift, now: t),
                              rides: RidesUnderWay(world.events, operators: world.owners.count, only: owner),
                              workOrders: world.orders.open(of: owner))
        } else {
            seen = PolicyView(time: t, model: view, zoneBikes: BikeCounts(world.bikes), holdingBikes: world.holdingBikes,
                              trucks: state.statuses(fleets, onShift: onShift, now: t), rides: RidesUnderWay(world.events),
                              workOrders: world.orders.open(of: nil))
        }
        for order in policy.decide(seen) {
            precondition(!state.phase.indices.contains(order.truck) || onShift[fleets.fleetOfTruck[order.truck]],
                         "policy '\(policy.name)' gave an order to truck \(order.truck), whose fleet is off shift")
            start(order, at: t, in: &world)
        }
    }

    private mutating func start(_ order: TransferOrder, at t: Double, toDepot: Bool = false, in world: inout World) {
        let i = order.truck
        precondition(i >= 0 && i < state.count, "policy '\(policy.name)' gave an order to truck \(i), which does not exist")
        precondition(state.phase[i] == .idle, "policy '\(policy.name)' gave an order to truck \(i), which is busy")
        precondition(order.bikes >= 0, "policy '\(policy.name)' asked for \(order.bikes) bikes")
        precondition(valid(order.pickup, world.model) && valid(order.dropoff, world.model),
                     "policy '\(policy.name)' named a site that does not exist: \(order)")
        state.phase[i] = .toPickup
        state.order[i] = order
        state.busySince[i] = t
        state.record[i] = world.transfers.count
        var recorded = order
        recorded.truck += firstTruck
        world.transfers.append(TransferRecord(order: recorded, issued: t, toDepot: toDepot))
        drive(truck: i, to: order.pickup, from: t, arrival: .truckAtPickup, in: &world)
    }

    private func valid(_ site: Site, _ model: Model) -> Bool {
        switch site {
        case .zone(let z): return z >= 0 && z < model.zoneCount && model.zoneCoordinate[z] != nil
        case .holding(let h): return h >= 0 && h < model.holdingCount
        }
    }

    private mutating func drive(truck i: Int, to site: Site, from t: Double, arrival: EventKind, in world: inout World) {
        let fleet = fleets!.of(truck: i)
        let metres = world.model.meters(from: state.site[i], to: site)
        let when = t + metres * fleet.secondsPerMeter
        world.transfers[state.record[i]].km += metres * fleet.kmPerMeter
        // The measured kilometres are those of legs that end within the measured window.
        world.metrics.truckDrove(metres, fleet: firstFleet + fleets!.fleetOfTruck[i], arrival: when, end: world.model.endTime)
        state.site[i] = site
        state.phaseEnds[i] = when
        world.events.schedule(arrival, at: when, site: Int32(firstTruck + i))
    }

    private mutating func arrivesAtPickup(_ i: Int, at t: Double, in world: inout World) {
        let fleet = fleets!.of(truck: i)
        let order = state.order[i]!
        let free = fleet.capacity - state.load[i]
        var loaded = 0
        switch order.pickup {
        case .zone(let z):
            loaded = min(order.bikes, world.zoneBikes(z, of: owner), free)
            if loaded > 0 { world.changeZone(z, by: -loaded, owner: owner, at: t) }
        case .holding(let h):
            if world.model.isOpen(holding: h, at: t) {
                loaded = min(order.bikes, world.holdingBikes(h, of: owner), free)
                if loaded > 0 {
                    world.changeHolding(h, by: -loaded, owner: owner, at: t)
                    world.metrics.holdingMoved(h, into: 0, outOf: loaded)
                }
            }
        }
        state.load[i] += loaded
        world.onTrucks &+= loaded
        if world.hasOperators { world.owners.onTrucks[owner] += loaded }
        let r = state.record[i]
        world.transfers[r].atPickup = t
        world.transfers[r].loaded = loaded
        state.phase[i] = .loading
        state.phaseEnds[i] = t + Double(loaded) * fleet.loadSeconds
        world.events.schedule(.truckLoaded, at: state.phaseEnds[i], site: Int32(firstTruck + i))
    }

    private mutating func leavesPickup(_ i: Int, at t: Double, in world: inout World) {
        state.phase[i] = .toDropoff
        drive(truck: i, to: state.order[i]!.dropoff, from: t, arrival: .truckAtDropoff, in: &world)
    }

    private mutating func arrivesAtDropoff(_ i: Int, at t: Double, in world: inout World) {
        let fleet = fleets!.of(truck: i)
        let load = state.load[i]
        var unloaded = 0
        switch state.order[i]!.dropoff {
        case .zone(let z):
            unloaded = load
            if unloaded > 0 { world.changeZone(z, by: unloaded, owner: owner, at: t) }
        case .holding(let h):
            if world.model.isOpen(holding: h, at: t) {
                unloaded = max(0, min(load, world.model.holdingCapacity[h] - world.holdingBikes[h]))
                if unloaded > 0 {
                    world.changeHolding(h, by: unloaded, owner: owner, at: t)
                    world.metrics.holdingMoved(h, into: unloaded, outOf: 0)
                }
            }
        }
        state.load[i] -= unloaded
        world.onTrucks &-= unloaded
        if world.hasOperators { world.owners.onTrucks[owner] -= unloaded }
        let r = state.record[i]
        world.transfers[r].atDropoff = t
        world.transfers[r].unloaded = unloaded
        world.transfers[r].leftOnTruck = state.load[i]
        state.phase[i] = .unloading
        state.phaseEnds[i] = t + Double(unloaded) * fleet.loadSeconds
        world.events.schedule(.truckIdle, at: state.phaseEnds[i], site: Int32(firstTruck + i))
    }

    private mutating func becomesIdle(_ i: Int, at t: Double, in world: inout World) {
        world.transfers[state.record[i]].finished = t
        addBusyTime(truck: i, until: t, in: &world)
        state.phase[i] = .idle
        state.order[i] = nil
        state.record[i] = -1
        consultPolicy(at: t, in: &world)
    }

    /// Adds a truck's busy time since `busySince`, clipped to the measured window.
    private mutating func addBusyTime(truck i: Int, until t: Double, in world: inout World) {
        world.metrics.truckBusy(from: state.busySince[i], to: t)
        state.busySince[i] = t
    }
}
