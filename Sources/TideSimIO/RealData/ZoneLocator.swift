import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
import Foundation

/// Finds the nearest zone to a point within a radius, in the model's one spatial index
/// (``ZoneGrid``), so that matching a quarter million trips to 20,000 zones looks at a handful of
/// zones per trip.
struct ZoneLocator {
    private let radius: Double
    /// Zones as points on the unit sphere: the squared chord orders candidates as the
    /// great-circle distance does, without a sine or cosine per candidate.
    private let units: [SIMD3<Double>?]
    /// The chord of `radius`, and its square.
    private let radiusChord: Double, radiusChordSquared: Double
    private let grid: ZoneGrid

    /// Indexes the zones that have coordinates; `radius` in metres (0: nothing is ever found).
    init(coordinates: [Coordinate?], radius: Double) {
        self.radius = radius
        units = coordinates.map { $0.map(Model.unitVector) }
        let halfAngle = radius / Coordinate.earthRadiusMeters / 2
        radiusChord = 2 * sin(halfAngle)
        radiusChordSquared = 4 * sin(halfAngle) * sin(halfAngle)
        grid = ZoneGrid(unit: radius > 0 ? units : [])
    }

    /// The nearest zone within the radius (ties: the zone listed first), or nil.
    func nearest(to p: Coordinate) -> Int32? {
        guard radius > 0, p.lat.isFinite, p.lon.isFinite, abs(p.lat) <= 90, abs(p.lon) <= 180 else { return nil }
        let u = Model.unitVector(p)
        var best: Int32?
        var bestDistance = radiusChordSquared
        grid.forEachCandidate(near: u, chord: radiusChord) { z in
            let v = units[z]! - u
            let d = (v * v).sum()
            if d < bestDistance || (d == bestDistance && best.map { Int32(z) < $0 } ?? true) {
                best = Int32(z)
                bestDistance = d
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
