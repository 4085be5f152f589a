import TideSimModel
import TideSimCore
import TideSimBuffers
/// Where a rider goes when a docked zone is full: the nearest zone with a free space
/// (a scan of every zone would give the same answer), found without measuring every
/// zone.
///
/// The first failed return at a zone finds its ``listLength`` nearest zones once (by distance,
/// ties by file order: the same order the full scan uses) in the model's ``ZoneGrid``; later
/// failed returns there take the first zone of that list with a space. Since the list holds the
/// nearest zones in that total order, the first one with a space is the nearest of all zones with
/// a space, exactly as the full scan finds it. When none of them has a space, a ring search of the
/// grid finds the nearest that has one.
struct RedirectSearch {
    /// Zones kept per full zone.
    static let listLength = 24
    private var nearest: [Int32: [(zone: Int32, meters: Double)]] = [:]

    mutating func nearestWithSpace(from z: Int, bikes: FixedArray<Int>, model: Model) -> (zone: Int, meters: Double)? {
        guard let c = model.zoneCoordinate[z], let grid = model.zoneGrid else { return nil }
        func meters(_ y: Int) -> Double { c.distanceMeters(to: model.zoneCoordinate[y]!) }
        if nearest[Int32(z)] == nil {
            nearest[Int32(z)] = grid.nearest(RedirectSearch.listLength, to: z, accept: { _ in true }, meters: meters)
        }
        for (y, m) in nearest[Int32(z)]! where bikes[Int(y)] < model.zoneCapacity[Int(y)] { return (Int(y), m) }
        // All of them full: the nearest with a space further out, by the same ring search.
        return grid.nearest(1, to: z, accept: { bikes[$0] < model.zoneCapacity[$0] }, meters: meters).first
            .map { (Int($0.zone), $0.meters) }
    }
}
