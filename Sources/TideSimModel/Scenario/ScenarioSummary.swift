import TideSimCore
import TideSimBuffers
/// What a scenario holds, in numbers, for `tidesim validate`.
public struct ScenarioSummary: Sendable {
    public let zones: Int
    public let zoneCapacity: Int
    public let zonesWithCoordinates: Int
    public let dockedZones: Int
    public let holdingAreas: Int
    public let holdingCapacity: Int
    public let holdingBikes: Int
    public let flows: Int
    /// Expected trip attempts per day after `demand.scale`.
    public let tripsPerDay: Double
    /// Profiles the flows use, in order of first use.
    public let profilesUsed: [String]
    public let fleet: Int

    public init(_ scenario: Scenario) {
        zones = scenario.zones.count
        zoneCapacity = scenario.zones.reduce(0) { $0 + $1.capacity }
        zonesWithCoordinates = scenario.zones.filter { $0.coordinate != nil }.count
        dockedZones = scenario.zones.filter { $0.overflow == .redirect }.count
        holdingAreas = scenario.holdingAreas.count
        holdingCapacity = scenario.holdingAreas.reduce(0) { $0 + $1.capacity }
        holdingBikes = scenario.holdingAreas.reduce(0) { $0 + $1.bikes }
        flows = scenario.demand.flows.count
        tripsPerDay = scenario.demand.flows.reduce(0) { $0 + $1.tripsPerDay } * scenario.demand.scale
        var used: [String] = []
        for f in scenario.demand.flows where !used.contains(f.profile) { used.append(f.profile) }
        profilesUsed = used
        fleet = scenario.fleet
    }
}
