/// Where a rider goes when a docked zone is full: the nearest zone with a free space
/// (``Model/nearestZoneWithSpace(from:bikes:)``), found without scanning every zone each time.
///
/// The first failed return at a zone sorts its ``listLength`` nearest zones once (by distance,
/// ties by file order: the same order the full scan uses); later failed returns there take the
/// first zone of that list with a space. Since the list holds the nearest zones in that total
/// order, the first one with a space is the nearest of all zones with a space, exactly as the full
/// scan finds it. Only when none of them has a space does the full scan run.
struct RedirectSearch {
    /// Zones kept per full zone.
    static let listLength = 24
    private var nearest: [Int32: [(zone: Int32, meters: Double)]] = [:]

    mutating func nearestWithSpace(from z: Int, bikes: FixedArray<Int>, model: Model) -> (zone: Int, meters: Double)? {
        guard let c = model.zoneCoordinate[z] else { return nil }
        if nearest[Int32(z)] == nil {
            var list: [(zone: Int32, meters: Double)] = []
            list.reserveCapacity(RedirectSearch.listLength + 1)
            for y in 0..<model.zoneCount where y != z {
                guard let cy = model.zoneCoordinate[y] else { continue }
                let m = c.distanceMeters(to: cy)
                // Keep the listLength smallest by (metres, index), in order.
                if list.count == RedirectSearch.listLength, let last = list.last, !(m < last.meters) { continue }
                var i = list.count
                while i > 0 && m < list[i - 1].meters { i -= 1 }
                list.insert((Int32(y), m), at: i)
                if list.count > RedirectSearch.listLength { list.removeLast() }
            }
            nearest[Int32(z)] = list
        }
        for (y, m) in nearest[Int32(z)]! where bikes[Int(y)] < model.zoneCapacity[Int(y)] { return (Int(y), m) }
        return model.nearestZoneWithSpace(from: z, bikes: bikes)
    }
}
