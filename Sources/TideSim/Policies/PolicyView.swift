/// Everything a policy may see when it decides: the state now, the trucks, the rides under way
/// and a forecast from the demand rates. Never a future random draw.
///
/// The arrays are the engine's own (shared, not copied); the view is valid only during the call.
public struct PolicyView {
    /// Seconds from midnight of day 1.
    public let time: Double
    /// The compiled scenario: capacities, coordinates, ids, opening hours, targets.
    public let model: Model
    /// Bikes in each zone now.
    public let zoneBikes: [Int]
    /// Bikes in each holding area now.
    public let holdingBikes: [Int]
    /// Every truck, idle or not.
    public let trucks: [TruckStatus]
    let events: EventQueue

    init(time: Double, model: Model, zoneBikes: [Int], holdingBikes: [Int], trucks: [TruckStatus], events: EventQueue) {
        self.time = time
        self.model = model
        self.zoneBikes = zoneBikes
        self.holdingBikes = holdingBikes
        self.trucks = trucks
        self.events = events
    }

    /// Rides under way: the zone each will arrive at and when (riders redirected from a full
    /// docked zone are included with their new destination).
    /// - Complexity: O(rides under way).
    public func ridesUnderWay() -> [(zone: Int, arrival: Double)] {
        events.all.compactMap { $0.kind == .rideArrival ? (Int($0.site), $0.time) : nil }
    }

    /// Expected net inflow of every zone over the next `minutes`: the rides under way that will
    /// arrive by then, plus the expected new trips that will arrive by then (started early enough
    /// for the zone's mean incoming ride time), minus the expected new departures. Departures are
    /// expected attempts: the forecast does not know whether bikes will be there for them.
    /// - Complexity: O(rides under way + zones × profile groups).
    public func forecastNetInflow(minutes: Double) -> [Double] {
        let horizon = time + minutes * 60
        var net = [Double](repeating: 0, count: model.zoneCount)
        for e in events.all where e.kind == .rideArrival && e.time <= horizon { net[Int(e.site)] += 1 }
        for z in 0..<model.zoneCount {
            let (departures, arrivals) = model.forecast.expected(zone: z, from: time, to: horizon)
            net[z] += arrivals - departures
        }
        return net
    }

    /// Seconds a truck needs to drive between two sites.
    public func driveSeconds(from a: Site, to b: Site) -> Double {
        model.meters(from: a, to: b) * (model.trucks?.secondsPerMeter ?? 0)
    }

    /// Bikes at a site now.
    public func bikes(at site: Site) -> Int {
        switch site {
        case .zone(let z): return zoneBikes[z]
        case .holding(let h): return holdingBikes[h]
        }
    }
}
