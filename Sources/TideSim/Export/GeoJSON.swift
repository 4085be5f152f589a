/// `zones.geojson`: the zones and holding areas of a run as a GeoJSON FeatureCollection (RFC 7946),
/// a Point at `[lon, lat]` each, with the run's KPIs (means over replications) as properties, so
/// that QGIS or kepler.gl maps the results directly. Sites without coordinates are left out.
public enum GeoJSON {
    public static func zones(_ report: RunReport) -> String {
        let m = report.model
        func point(_ c: Coordinate) -> JSONValue {
            .object([("type", .string("Point")), ("coordinates", .array([.number(c.lon), .number(c.lat)]))])
        }
        func mean(_ s: Summary) -> JSONValue { s.mean.map { .number($0) } ?? .null }
        var features: [JSONValue] = []
        for z in 0..<m.zoneCount {
            guard let c = m.zoneCoordinate[z] else { continue }
            var props: [(key: String, value: JSONValue)] = [
                ("id", .string(m.zoneID[z])), ("name", .string(m.zoneName[z])), ("kind", .string(m.zoneKind[z])),
                ("site", .string("zone")), ("capacity", .number(Double(m.zoneCapacity[z]))),
                ("bikes", .number(Double(m.zoneInitialBikes[z]))),
            ]
            props += ZoneKPI.allCases.map { ($0.key, mean(report[zone: z, $0])) }
            props += ZoneClock.allCases.map { ($0.key, report.clock(zone: z, $0).map { .string($0) } ?? .null) }
            features.append(.object([("type", .string("Feature")), ("geometry", point(c)), ("properties", .object(props))]))
        }
        let depot = m.trucks?.depot
        for h in 0..<m.holdingCount {
            guard let c = m.holdingCoordinate[h] else { continue }
            var props: [(key: String, value: JSONValue)] = [
                ("id", .string(m.holdingID[h])), ("name", .string(m.holdingName[h])), ("kind", .string("holding")),
                ("site", .string("holding")), ("capacity", .number(Double(m.holdingCapacity[h]))),
                ("bikes", .number(Double(m.holdingInitialBikes[h]))), ("open", .string(m.holdingOpen[h]?.description ?? "all day")),
                ("depot", .bool(depot == .holding(h))),
            ]
            props += HoldingKPI.allCases.map { ($0.key, mean(report.holdingAreas[h][$0.rawValue])) }
            features.append(.object([("type", .string("Feature")), ("geometry", point(c)), ("properties", .object(props))]))
        }
        return JSONWriter.render(.object([("type", .string("FeatureCollection")), ("provenance", report.provenance.json),
                                          ("features", .array(features))]))
    }
}
