import TideSimBuffers
import Foundation

/// A point on the Earth in decimal degrees (WGS 84).
public struct Coordinate: Sendable, Equatable {
    public var lat: Double
    public var lon: Double

    public init(lat: Double, lon: Double) {
        self.lat = lat
        self.lon = lon
    }

    /// Mean Earth radius in metres (IUGG), used by every great-circle distance in the model.
    public static let earthRadiusMeters = 6_371_008.8

    /// Great-circle (haversine) distance in metres.
    public func distanceMeters(to other: Coordinate) -> Double {
        let toRad = Double.pi / 180
        let dLat = (other.lat - lat) * toRad
        let dLon = (other.lon - lon) * toRad
        let a = sin(dLat / 2) * sin(dLat / 2)
            + cos(lat * toRad) * cos(other.lat * toRad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * Coordinate.earthRadiusMeters * asin(min(1, a.squareRoot()))
    }
}
