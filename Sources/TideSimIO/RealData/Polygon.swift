import TideSimCore
/// Polygons in longitude and latitude (GeoJSON's order), as GBFS geofencing zones and MDS
/// geographies give them: a polygon is an outer ring and any holes.
enum Polygon {
    /// Whether `p` lies in the polygon `rings` (the first the outer ring, the others holes), by
    /// ray casting in degrees (fine at city scale).
    static func contains(_ rings: [[Coordinate]], _ p: Coordinate) -> Bool {
        guard let outer = rings.first, inside(outer, p) else { return false }
        return !rings.dropFirst().contains { inside($0, p) }
    }

    /// Ray casting over one ring.
    private static func inside(_ ring: [Coordinate], _ p: Coordinate) -> Bool {
        var result = false
        var j = ring.count - 1
        for i in 0..<ring.count {
            let a = ring[i], b = ring[j]
            if (a.lat > p.lat) != (b.lat > p.lat) && p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon { result.toggle() }
            j = i
        }
        return result
    }

    /// The polygons of a GeoJSON value: a FeatureCollection, a Feature, a Polygon or a
    /// MultiPolygon (other geometries hold none). Nil when it is none of these.
    static func polygons(ofGeoJSON value: JSONValue) -> [[[Coordinate]]]? {
        switch value["type"] {
        case .string("FeatureCollection")?:
            guard case .array(let features)? = value["features"] else { return nil }
            var all: [[[Coordinate]]] = []
            for f in features {
                guard let some = polygons(ofGeoJSON: f) else { return nil }
                all += some
            }
            return all
        case .string("Feature")?:
            guard let g = value["geometry"] else { return nil }
            return polygons(ofGeoJSON: g)
        case .string("Polygon")?:
            guard case .array(let rings)? = value["coordinates"], let polygon = polygon(rings) else { return nil }
            return [polygon]
        case .string("MultiPolygon")?:
            guard case .array(let list)? = value["coordinates"] else { return nil }
            var all: [[[Coordinate]]] = []
            for item in list {
                guard case .array(let rings) = item, let polygon = polygon(rings) else { return nil }
                all.append(polygon)
            }
            return all
        case .string?: return []
        default: return nil
        }
    }

    /// A polygon's rings from GeoJSON positions `[lon, lat]`; nil when a ring is malformed.
    private static func polygon(_ rings: [JSONValue]) -> [[Coordinate]]? {
        var result: [[Coordinate]] = []
        for ring in rings {
            guard case .array(let points) = ring else { return nil }
            var coordinates: [Coordinate] = []
            for point in points {
                guard case .array(let xy) = point, xy.count >= 2, case .number(let lon) = xy[0], case .number(let lat) = xy[1] else { return nil }
                coordinates.append(Coordinate(lat: lat, lon: lon))
            }
            guard coordinates.count >= 3 else { return nil }
            result.append(coordinates)
        }
        return result.isEmpty ? nil : result
    }
}
