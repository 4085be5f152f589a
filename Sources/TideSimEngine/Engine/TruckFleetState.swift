import TideSimModel
import TideSimCore
import TideSimBuffers
/// The trucks' state as flat arrays indexed by truck.
struct TruckFleetState {
    var site: [Site]
    var phase: [TruckPhase]
    var load: [Int]
    var order: [TransferOrder?]
    var phaseEnds: [Double]
    var busySince: [Double]
    /// Index of the truck's current order in the replication's transfer records.
    var record: [Int]

    /// Trucks at their depots.
    init(depots: [Site]) {
        let count = depots.count
        site = depots
        phase = Array(repeating: .idle, count: count)
        load = Array(repeating: 0, count: count)
        order = Array(repeating: nil, count: count)
        phaseEnds = Array(repeating: 0, count: count)
        busySince = Array(repeating: 0, count: count)
        record = Array(repeating: -1, count: count)
    }

    var count: Int { site.count }
    var hasIdle: Bool { phase.contains(.idle) }

    /// What a policy sees, given whether each fleet is in a shift now.
    func statuses(_ fleets: TruckFleets, onShift: [Bool], now: Double) -> [TruckStatus] {
        (0..<count).map { i in
            let f = fleets.fleetOfTruck[i]
            return TruckStatus(index: i, site: site[i], phase: phase[i], load: load[i], capacity: fleets.fleets[f].capacity,
                               order: order[i], phaseEnds: phase[i] == .idle ? now : phaseEnds[i], fleet: f, onShift: onShift[f])
        }
    }
}
