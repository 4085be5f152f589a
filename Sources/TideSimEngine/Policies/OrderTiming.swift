import TideSimModel
import TideSimCore
import TideSimBuffers
/// The dispatch rules every built-in policy keeps (docs/policies.md): a truck takes an order only
/// if it can drive to the pickup, load, drive to the drop-off and unload inside its shift (and
/// the run), with each holding area open when it arrives and still open when it has loaded or
/// unloaded there; it drives at most its fleet's `maxOrderKm` for it, and loads and unloads only
/// at holding areas and the zones of its fleet's territory.
extension PolicyView {
    /// The latest time an order given now to truck `i` may end: the end of its fleet's shift
    /// (carried through windows that follow on), else the end of the run; now when the fleet is
    /// off shift.
    public func orderDeadline(truck i: Int) -> Double {
        guard model.trucks != nil, let end = fleet(of: i).shiftEnd(at: time) else { return time }
        return min(end, model.endTime)
    }

    /// When truck `i` would finish an order given now: drive to `pickup`, load `bikes`, drive to
    /// `dropoff`, unload them with what it carries; nil when a holding area on the way would be
    /// closed on arrival or close before the truck is done there.
    public func finishTime(truck i: Int, pickup: Site, dropoff: Site, bikes: Int) -> Double? {
        guard model.trucks != nil else { return nil }
        let fleet = fleet(of: i)
        let t = trucks[i]
        let atPickup = time + driveSeconds(truck: i, from: t.site, to: pickup)
        let loaded = atPickup + Double(bikes) * fleet.loadSeconds
        let atDropoff = loaded + driveSeconds(truck: i, from: pickup, to: dropoff)
        let unloaded = atDropoff + Double(bikes + t.load) * fleet.loadSeconds
        func open(_ site: Site, from a: Double, to b: Double) -> Bool {
            guard case .holding(let h) = site else { return true }
            return model.isOpen(holding: h, at: a) && model.isOpen(holding: h, at: b)
        }
        guard open(pickup, from: atPickup, to: loaded), open(dropoff, from: atDropoff, to: unloaded) else { return nil }
        return unloaded
    }

    /// Whether truck `i` can finish the order before its ``orderDeadline(truck:)``, within its
    /// fleet's territory and `maxOrderKm`.
    public func canFinish(truck i: Int, pickup: Site, dropoff: Site, bikes: Int) -> Bool {
        guard withinReach(truck: i, pickup: pickup, dropoff: dropoff),
              let end = finishTime(truck: i, pickup: pickup, dropoff: dropoff, bikes: bikes) else { return false }
        return end <= orderDeadline(truck: i)
    }

    /// Whether truck `i` may take the order at all: its fleet serves both sites (holding areas
    /// and the zones of its territory), and it drives at most the fleet's `maxOrderKm` (road km).
    public func withinReach(truck i: Int, pickup: Site, dropoff: Site) -> Bool {
        guard model.trucks != nil else { return true }
        let fleet = fleet(of: i)
        guard fleet.serves(pickup) && fleet.serves(dropoff) else { return false }
        guard let limit = fleet.maxOrderKm else { return true }
        let metres = model.meters(from: trucks[i].site, to: pickup) + model.meters(from: pickup, to: dropoff)
        return metres * fleet.kmPerMeter <= limit
    }

    /// The most bikes, up to `bikes`, that truck `i` can take from `pickup` to `dropoff` and still
    /// finish in time (each bike costs its loading and unloading time); 0 when not even one fits.
    /// An order of 0 bikes (driving what the truck carries) is checked as it is.
    public func bikesThatFit(truck i: Int, pickup: Site, dropoff: Site, bikes: Int) -> Int {
        guard bikes > 0, withinReach(truck: i, pickup: pickup, dropoff: dropoff) else { return 0 }
        if canFinish(truck: i, pickup: pickup, dropoff: dropoff, bikes: bikes) { return bikes }
        let fleet = fleet(of: i), deadline = orderDeadline(truck: i)
        guard fleet.loadSeconds > 0,
              let one = finishTime(truck: i, pickup: pickup, dropoff: dropoff, bikes: 1), one <= deadline else { return 0 }
        // Each further bike adds two loading times; the hours of a holding area are checked again.
        var n = min(bikes - 1, Int(((deadline - one) / (2 * fleet.loadSeconds)).rounded(.down))) + 1
        while n > 1 && !canFinish(truck: i, pickup: pickup, dropoff: dropoff, bikes: n) { n -= 1 }
        return canFinish(truck: i, pickup: pickup, dropoff: dropoff, bikes: n) ? n : 0
    }
}
