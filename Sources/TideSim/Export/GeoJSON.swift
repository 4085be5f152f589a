/// `zones.geojson`: the zones and holding areas of a run as a GeoJSON FeatureCollection (RFC 7946),
/// a Point at `[lon, lat]` each, with the run's KPIs (means over replications) as properties, so
/// that QGIS or kepler.gl maps the results directly. Sites without coordinates are left out.
public enum GeoJSON {
    /// The file's text, written as it is made: exactly `JSONWriter.render(document(report))`
    /// without the tree (a test checks they agree).
    public static func zones(_ report: RunReport) -> String {
        let m = report.model
        var w = JSONWriter()
        func feature(_ c: Coordinate, _ properties: [(key: String, value: JSONValue)]) {
            w.element()
            w.beginObject()
            w.member("type", "Feature")
            w.key("geometry")
            w.beginObject()
            w.member("type", "Point")
            w.key("coordinates")
            w.beginArray(inline: true)
            w.element(); w.value(c.lon)
            w.element(); w.value(c.lat)
            w.endArray()
            w.endObject()
            w.key("properties")
            w.beginObject()
            for (key, value) in properties { w.member(key, value) }
            w.endObject()
            w.endObject()
        }
        w.beginObject()
        w.member("type", "FeatureCollection")
        w.member("provenance", report.provenance.json)
        w.key("features")
        w.beginArray(inline: false)
        for z in 0..<m.zoneCount { if let c = m.zoneCoordinate[z] { feature(c, zoneProperties(report, z)) } }
        for h in 0..<m.holdingCount { if let c = m.holdingCoordinate[h] { feature(c, holdingProperties(report, h)) } }
        w.endArray()
        w.endObject()
        return w.finish()
    }

    /// The same document as a value tree.
    static func document(_ report: RunReport) -> JSONValue {
        let m = report.model
        func point(_ c: Coordinate) -> JSONValue {
            .object([("type", .string("Point")), ("coordinates", .array([.number(c.lon), .number(c.lat)]))])
        }
        func feature(_ c: Coordinate, _ props: [(key: String, value: JSONValue)]) -> JSONValue {
            .object([("type", .string("Feature")), ("geometry", point(c)), ("properties", .object(props))])
        }
        var features: [JSONValue] = []
        for z in 0..<m.zoneCount { if let c = m.zoneCoordinate[z] { features.append(feature(c, zoneProperties(report, z))) } }
        for h in 0..<m.holdingCount { if let c = m.holdingCoordinate[h] { features.append(feature(c, holdingProperties(report, h))) } }
        return .object([("type", .string("FeatureCollection")), ("provenance", report.provenance.json), ("features", .array(features))])
    }

    private static func mean(_ s: Summary) -> JSONValue { s.mean.map { .number($0) } ?? .null }

    /// A zone's properties: what it is, then its KPIs and clock times.
    private static func zoneProperties(_ report: RunReport, _ z: Int) -> [(key: String, value: JSONValue)] {
        let m = report.model
        var props: [(key: String, value: JSONValue)] = [
            ("id", .string(m.zoneID[z])), ("name", .string(m.zoneName[z])), ("kind", .string(m.zoneKind[z])),
            ("site", .string("zone")), ("capacity", .number(Double(m.zoneCapacity[z]))),
            ("bikes", .number(Double(m.zoneInitialBikes[z]))),
        ]
        props += ZoneKPI.allCases.map { ($0.key, mean(report[zone: z, $0])) }
        props += ZoneClock.allCases.map { ($0.key, report.clock(zone: z, $0).map { .string($0) } ?? .null) }
        return props
    }

    /// A holding area's properties: what it is, then its KPIs.
    private static func holdingProperties(_ report: RunReport, _ h: Int) -> [(key: String, value: JSONValue)] {
        let m = report.model
        var props: [(key: String, value: JSONValue)] = [
            ("id", .string(m.holdingID[h])), ("name", .string(m.holdingName[h])), ("kind", .string("holding")),
            ("site", .string("holding")), ("capacity", .number(Double(m.holdingCapacity[h]))),
            ("bikes", .number(Double(m.holdingInitialBikes[h]))), ("open", .string(m.holdingOpen[h]?.description ?? "all day")),
            ("depot", .bool(m.trucks?.depot == .holding(h))),
        ]
        props += HoldingKPI.allCases.map { ($0.key, mean(report.holdingAreas[h][$0.rawValue])) }
        return props
    }
}
