import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
import Foundation

/// Finds the nearest zone to a point within a radius, on a grid of cells one radius wide, so that
/// matching a quarter million trips to 20,000 zones looks at a handful of zones per trip.
struct ZoneLocator {
    private let radius: Double
    /// Zones as points on the unit sphere: the squared chord orders candidates as the
    /// great-circle distance does, without a sine or cosine per candidate.
    private let units: [SIMD3<Double>?]
    /// The squared chord of `radius`.
    private let radiusChordSquared: Double
    private let metersPerDegreeLat = Coordinate.earthRadiusMeters * Double.pi / 180
    private let metersPerDegreeLon: Double
    private var cells: [Int64: [Int32]] = [:]

    /// Indexes the zones that have coordinates; `radius` in metres (0: nothing is ever found).
    init(coordinates: [Coordinate?], radius: Double) {
        self.radius = radius
        units = coordinates.map { $0.map(Model.unitVector) }
        let halfAngle = radius / Coordinate.earthRadiusMeters / 2
        radiusChordSquared = 4 * sin(halfAngle) * sin(halfAngle)
        let lats = coordinates.compactMap { $0?.lat }
        let midLat = lats.isEmpty ? 0 : (lats.min()! + lats.max()!) / 2
        metersPerDegreeLon = metersPerDegreeLat * max(0.01, cos(midLat * Double.pi / 180))
        guard radius > 0 else { return }
        for (i, c) in coordinates.enumerated() {
            guard let c else { continue }
            cells[key(cell(c))] = (cells[key(cell(c))] ?? []) + [Int32(i)]
        }
    }

    private func cell(_ c: Coordinate) -> (Int64, Int64) {
        (Int64((c.lat * metersPerDegreeLat / radius).rounded(.down)), Int64((c.lon * metersPerDegreeLon / radius).rounded(.down)))
    }

    private func key(_ cell: (Int64, Int64)) -> Int64 { cell.0 &* 73_856_093 ^ cell.1 &* 19_349_663 }

    /// The nearest zone within the radius (ties: the zone listed first), or nil.
    func nearest(to p: Coordinate) -> Int32? {
        guard radius > 0, p.lat.isFinite, p.lon.isFinite, abs(p.lat) <= 90, abs(p.lon) <= 180 else { return nil }
        let (r, c) = cell(p)
        let u = Model.unitVector(p)
        var best: Int32?
        var bestDistance = radiusChordSquared
        for dr in -1...1 {
            for dc in -1...1 {
                guard let members = cells[key((r + Int64(dr), c + Int64(dc)))] else { continue }
                for z in members {
                    let v = units[Int(z)]! - u
                    let d = (v * v).sum()
                    if d < bestDistance || (d == bestDistance && best.map { z < $0 } ?? true) {
                        best = z
                        bestDistance = d
                    }
                }
            }
        }
        return best
    }
}

/// Geohash decoding: the centre of a geohash cell (a 7-character geohash is about 153 m × 153 m).
enum Geohash {
    private static let alphabet = Array("0123456789bcdefghjkmnpqrstuvwxyz".utf8)
    private static let values: [Int8] = {
        var v = [Int8](repeating: -1, count: 128)
        for (i, c) in alphabet.enumerated() { v[Int(c)] = Int8(i) }
        return v
    }()

    /// The centre of the cell, or nil for a string that is not a geohash.
    static func decode(_ b: UnsafeBufferPointer<UInt8>) -> Coordinate? {
        guard !b.isEmpty, b.count <= 12 else { return nil }
        var lat = (-90.0, 90.0), lon = (-180.0, 180.0)
        var even = true
        for c in b {
            guard c < 128, case let v = values[Int(c)], v >= 0 else { return nil }
            for bit in stride(from: 4, through: 0, by: -1) {
                let on = (Int(v) >> bit) & 1 == 1
                if even {
                    let mid = (lon.0 + lon.1) / 2
                    if on { lon.0 = mid } else { lon.1 = mid }
                } else {
                    let mid = (lat.0 + lat.1) / 2
                    if on { lat.0 = mid } else { lat.1 = mid }
                }
                even.toggle()
            }
        }
        return Coordinate(lat: (lat.0 + lat.1) / 2, lon: (lon.0 + lon.1) / 2)
    }
}
