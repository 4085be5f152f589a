import TideSimCore
import TideSimBuffers
import Foundation

/// Zones in a uniform grid, for nearest-zone searches that measure only the zones near a point.
///
/// Each zone's point on the unit sphere is projected onto the plane tangent to the sphere at the
/// zones' centre, and the plane is cut into square cells. A projection never lengthens a
/// distance, so a zone whose cell is `r + 1` cells away (in x or y) from a zone's cell is more
/// than `r` cell sides from it on the plane, hence more than that in straight-line (chord)
/// distance on the sphere: a ring search can stop as soon as the cells not yet visited are all
/// farther than the candidates it keeps. Candidates are measured and ordered exactly as a scan
/// of every zone would (great-circle metres, ties by file order), so the answer is the scan's.
///
/// It is the one spatial index of the library: redirects from a full docked zone (``nearest(_:to:accept:meters:)``),
/// walking neighbours (``within(_:of:meters:)``) and matching points to zones (``forEachCandidate(near:chord:_:)``,
/// used by the real-data readers) all search it.
package struct ZoneGrid: Sendable {
    private let originX: Double, originY: Double, side: Double
    /// The tangent plane's axes.
    private let east: SIMD3<Double>, north: SIMD3<Double>
    private let columns: Int, rows: Int
    /// Zones of cell c (row-major): `cellZones[cellStart[c] ..< cellStart[c + 1]]`, in file order.
    private let cellStart: [Int32], cellZones: [Int32]
    /// Each zone's cell column and row (-1 without coordinates).
    private let zoneColumn: [Int32], zoneRow: [Int32]

    /// - Parameter unit: Each zone's point on the unit sphere (nil without coordinates).
    package init(unit: [SIMD3<Double>?]) {
        let points = unit.compactMap { $0 }
        // The tangent plane at the centre: two unit vectors across it.
        var centre = points.reduce(SIMD3<Double>(repeating: 0), +)
        let length = (centre * centre).sum().squareRoot()
        centre = length > 0 ? centre / length : SIMD3(1, 0, 0)
        let pole = abs(centre.z) < 0.9 ? SIMD3<Double>(0, 0, 1) : SIMD3<Double>(1, 0, 0)
        var east = SIMD3(pole.y * centre.z - pole.z * centre.y, pole.z * centre.x - pole.x * centre.z, pole.x * centre.y - pole.y * centre.x)
        east /= (east * east).sum().squareRoot()
        let north = SIMD3(centre.y * east.z - centre.z * east.y, centre.z * east.x - centre.x * east.z, centre.x * east.y - centre.y * east.x)
        self.east = east
        self.north = north
        let projected = unit.map { $0.map { (($0 * east).sum(), ($0 * north).sum()) } }
        let xs = projected.compactMap { $0?.0 }, ys = projected.compactMap { $0?.1 }
        originX = xs.min() ?? 0
        originY = ys.min() ?? 0
        let width = max((xs.max() ?? 0) - originX, 1e-12), height = max((ys.max() ?? 0) - originY, 1e-12)
        // About three zones a cell where the zones spread evenly.
        side = max((width * height / Double(max(points.count, 1)) * 3).squareRoot(), 1e-12)
        columns = min(Int(width / side) + 1, 4096)
        rows = min(Int(height / side) + 1, 4096)
        var column = [Int32](repeating: -1, count: unit.count), row = [Int32](repeating: -1, count: unit.count)
        var counts = [Int32](repeating: 0, count: columns * rows + 1)
        for (z, p) in projected.enumerated() {
            guard let (x, y) = p else { continue }
            column[z] = Int32(min(Int((x - originX) / side), columns - 1))
            row[z] = Int32(min(Int((y - originY) / side), rows - 1))
            counts[Int(row[z]) * columns + Int(column[z]) + 1] += 1
        }
        for c in 0..<columns * rows { counts[c + 1] += counts[c] }
        var next = counts, zones = [Int32](repeating: 0, count: points.count)
        for z in unit.indices where column[z] >= 0 {
            let c = Int(row[z]) * columns + Int(column[z])
            zones[Int(next[c])] = Int32(z)
            next[c] += 1
        }
        cellStart = counts
        cellZones = zones
        zoneColumn = column
        zoneRow = row
    }

    /// The `k` zones nearest zone `z` (not `z` itself) that `accept` lets through, nearest first
    /// by `meters` (ties: file order), exactly as measuring every zone would find them; fewer
    /// when fewer qualify. `meters` must grow with the chord distance (great-circle metres do).
    package func nearest(_ k: Int, to z: Int, accept: (Int) -> Bool, meters: (Int) -> Double) -> [(zone: Int32, meters: Double)] {
        guard zoneColumn[z] >= 0, k > 0 else { return [] }
        let cx = Int(zoneColumn[z]), cy = Int(zoneRow[z])
        var best: [(zone: Int32, meters: Double)] = []
        best.reserveCapacity(k + 1)
        func consider(cell c: Int) {
            for i in Int(cellStart[c])..<Int(cellStart[c + 1]) {
                let y = Int(cellZones[i])
                guard y != z, accept(y) else { continue }
                let m = meters(y)
                func before(_ e: (zone: Int32, meters: Double)) -> Bool { m < e.meters || (m == e.meters && Int32(y) < e.zone) }
                if best.count == k, let last = best.last, !before(last) { continue }
                var j = best.count
                while j > 0 && before(best[j - 1]) { j -= 1 }
                best.insert((Int32(y), m), at: j)
                if best.count > k { best.removeLast() }
            }
        }
        let reach = max(columns, rows)
        for r in 0...reach {
            if r == 0 {
                consider(cell: cy * columns + cx)
            } else {
                for dx in -r...r {
                    for dy in [-r, r] where (0..<columns).contains(cx + dx) && (0..<rows).contains(cy + dy) {
                        consider(cell: (cy + dy) * columns + cx + dx)
                    }
                }
                for dy in (-r + 1)..<r {
                    for dx in [-r, r] where (0..<columns).contains(cx + dx) && (0..<rows).contains(cy + dy) {
                        consider(cell: (cy + dy) * columns + cx + dx)
                    }
                }
            }
            // Zones beyond ring r are more than r sides away in chord distance; stop once that
            // clears the k-th candidate's chord (with a margin far above rounding).
            if best.count == k, let last = best.last {
                let chord = 2 * sin(min(last.meters / (2 * Coordinate.earthRadiusMeters), .pi / 2))
                if Double(r) * side > chord * (1 + 1e-9) + 1e-12 { break }
            }
        }
        return best
    }

    /// Every zone within `radius` metres of zone `z` (not `z` itself) by `meters`, nearest first
    /// (ties: file order): exactly what measuring every zone finds. `meters` must grow with the
    /// chord distance (great-circle metres do).
    package func within(_ radius: Double, of z: Int, unit: SIMD3<Double>, meters: (Int) -> Double) -> [Int32] {
        var near: [(meters: Double, zone: Int32)] = []
        let chord = 2 * sin(min(radius / (2 * Coordinate.earthRadiusMeters), .pi / 2))
        forEachCandidate(near: unit, chord: chord) { y in
            guard y != z else { return }
            let m = meters(y)
            if m <= radius { near.append((m, Int32(y))) }
        }
        near.sort { $0.meters != $1.meters ? $0.meters < $1.meters : $0.zone < $1.zone }
        return near.map(\.zone)
    }

    /// Calls `body` with every zone whose point may lie within straight-line (chord) distance
    /// `chord` of the unit vector `u`: all that do, and some that do not (the caller measures).
    package func forEachCandidate(near u: SIMD3<Double>, chord: Double, _ body: (Int) -> Void) {
        guard !cellZones.isEmpty, chord.isFinite, chord >= 0 else { return }
        let x = ((u * east).sum() - originX) / side, y = ((u * north).sum() - originY) / side
        guard x.isFinite, y.isFinite else { return }
        // A zone whose cell is r + 1 cells from the point's (in x or y) is more than r sides from
        // it on the plane, and the projection never lengthens a distance: cells farther than
        // chord / side + 1 cannot hold a zone within reach. The point's cell is clamped to the
        // grid as the zones' cells are, which moves no two cells further apart.
        let reach = Int(min(chord / side * (1 + 1e-9) + 1e-9, 1e9)) + 1
        let cx = Int(min(max(x, 0), Double(columns - 1)).rounded(.down)), cy = Int(min(max(y, 0), Double(rows - 1)).rounded(.down))
        let x0 = max(cx - reach, 0), x1 = min(cx + reach, columns - 1)
        let y0 = max(cy - reach, 0), y1 = min(cy + reach, rows - 1)
        guard x0 <= x1, y0 <= y1 else { return }
        for row in y0...y1 {
            for column in x0...x1 {
                let c = row * columns + column
                for i in Int(cellStart[c])..<Int(cellStart[c + 1]) { body(Int(cellZones[i])) }
            }
        }
    }
}
