import TideSimModel
import TideSimCore
import TideSimBuffers
/// Trucks, holding areas and the policy: the engine's side of transfers.
extension Simulation {
    /// Asks the policy for orders when a truck is idle during a shift, and starts them. Outside
    /// the shifts, idle trucks away from the depot drive back to it (so that every shift starts
    /// there) and unload there what they carry.
    mutating func consultPolicy(at t: Double) {
        guard let fleet = model.trucks, trucks.hasIdle else { return }
        guard fleet.inShift(t) else {
            for i in 0..<trucks.count where trucks.phase[i] == .idle && trucks.site[i] != fleet.depot {
                start(TransferOrder(truck: i, pickup: trucks.site[i], dropoff: fleet.depot, bikes: 0), at: t, fleet: fleet,
                      toDepot: true)
            }
            return
        }
        let view = PolicyView(time: t, model: model, zoneBikes: BikeCounts(bikes), holdingBikes: holdingBikes,
                              trucks: trucks.statuses(capacity: fleet.capacity, now: t), rides: RidesUnderWay(events))
        for order in policy.decide(view) { start(order, at: t, fleet: fleet) }
    }

    private mutating func start(_ order: TransferOrder, at t: Double, fleet: TruckSettings, toDepot: Bool = false) {
        let i = order.truck
        precondition(i >= 0 && i < trucks.count, "policy '\(policy.name)' gave an order to truck \(i), which does not exist")
        precondition(trucks.phase[i] == .idle, "policy '\(policy.name)' gave an order to truck \(i), which is busy")
        precondition(order.bikes >= 0, "policy '\(policy.name)' asked for \(order.bikes) bikes")
        precondition(valid(order.pickup) && valid(order.dropoff), "policy '\(policy.name)' named a site that does not exist: \(order)")
        trucks.phase[i] = .toPickup
        trucks.order[i] = order
        trucks.busySince[i] = t
        trucks.record[i] = transfers.count
        transfers.append(TransferRecord(order: order, issued: t, toDepot: toDepot))
        drive(truck: i, to: order.pickup, from: t, arrival: .truckAtPickup, fleet: fleet)
    }

    private func valid(_ site: Site) -> Bool {
        switch site {
        case .zone(let z): return z >= 0 && z < model.zoneCount && model.zoneCoordinate[z] != nil
        case .holding(let h): return h >= 0 && h < model.holdingCount
        }
    }

    private mutating func drive(truck i: Int, to site: Site, from t: Double, arrival: EventKind, fleet: TruckSettings) {
        let metres = model.meters(from: trucks.site[i], to: site)
        let when = t + metres * fleet.secondsPerMeter
        transfers[trucks.record[i]].km += metres * fleet.kmPerMeter
        // The measured kilometres are those of legs that end within the measured window.
        metrics.truckDrove(metres, arrival: when, end: model.endTime)
        trucks.site[i] = site
        trucks.phaseEnds[i] = when
        events.schedule(arrival, at: when, site: Int32(i))
    }

    mutating func truckArrivesAtPickup(_ i: Int, time t: Double) {
        let fleet = model.trucks!
        let order = trucks.order[i]!
        let free = fleet.capacity - trucks.load[i]
        var loaded = 0
        switch order.pickup {
        case .zone(let z):
            loaded = min(order.bikes, bikes[z], free)
            if loaded > 0 { changeZone(z, by: -loaded, at: t) }
        case .holding(let h):
            if model.isOpen(holding: h, at: t) {
                loaded = min(order.bikes, holdingBikes[h], free)
                if loaded > 0 {
                    changeHolding(h, by: -loaded, at: t)
                    metrics.holdingMoved(h, into: 0, outOf: loaded)
                }
            }
        }
        trucks.load[i] += loaded
        onTrucks &+= loaded
        let r = trucks.record[i]
        transfers[r].atPickup = t
        transfers[r].loaded = loaded
        trucks.phase[i] = .loading
        trucks.phaseEnds[i] = t + Double(loaded) * fleet.loadSeconds
        events.schedule(.truckLoaded, at: trucks.phaseEnds[i], site: Int32(i))
    }

    mutating func truckLeavesPickup(_ i: Int, time t: Double) {
        trucks.phase[i] = .toDropoff
        drive(truck: i, to: trucks.order[i]!.dropoff, from: t, arrival: .truckAtDropoff, fleet: model.trucks!)
    }

    mutating func truckArrivesAtDropoff(_ i: Int, time t: Double) {
        let fleet = model.trucks!
        let load = trucks.load[i]
        var unloaded = 0
        switch trucks.order[i]!.dropoff {
        case .zone(let z):
            unloaded = load
            if unloaded > 0 { changeZone(z, by: unloaded, at: t) }
        case .holding(let h):
            if model.isOpen(holding: h, at: t) {
                unloaded = max(0, min(load, model.holdingCapacity[h] - holdingBikes[h]))
                if unloaded > 0 {
                    changeHolding(h, by: unloaded, at: t)
                    metrics.holdingMoved(h, into: unloaded, outOf: 0)
                }
            }
        }
        trucks.load[i] -= unloaded
        onTrucks &-= unloaded
        let r = trucks.record[i]
        transfers[r].atDropoff = t
        transfers[r].unloaded = unloaded
        transfers[r].leftOnTruck = trucks.load[i]
        trucks.phase[i] = .unloading
        trucks.phaseEnds[i] = t + Double(unloaded) * fleet.loadSeconds
        events.schedule(.truckIdle, at: trucks.phaseEnds[i], site: Int32(i))
    }

    mutating func truckBecomesIdle(_ i: Int, time t: Double) {
        transfers[trucks.record[i]].finished = t
        addBusyTime(truck: i, until: t)
        trucks.phase[i] = .idle
        trucks.order[i] = nil
        trucks.record[i] = -1
        consultPolicy(at: t)
    }

    /// Adds a truck's busy time since `busySince`, clipped to the measured window.
    mutating func addBusyTime(truck i: Int, until t: Double) {
        metrics.truckBusy(from: trucks.busySince[i], to: t)
        trucks.busySince[i] = t
    }
}
