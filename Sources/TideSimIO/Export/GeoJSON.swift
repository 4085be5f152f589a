import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
/// `zones.geojson`: the zones and holding areas of a run as a GeoJSON FeatureCollection (RFC 7946),
/// a Point at `[lon, lat]` each, with the run's KPIs (means over replications) as properties, so
/// that QGIS or kepler.gl maps the results directly. Sites without coordinates are left out.
public enum GeoJSON {
    /// The file's text, written as it is made: exactly `JSONWriter.render(document(report))`
    /// without the tree (a test checks they agree).
    public static func zones(_ report: RunReport) -> String {
        let m = report.model
        var w = JSONWriter()
        func feature(_ c: Coordinate, _ properties: ((JSONWriter.Key, JSONValue) -> Void) -> Void) {
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
            properties { w.key($0); w.value($1) }
            w.endObject()
            w.endObject()
        }
        w.beginObject()
        w.member("type", "FeatureCollection")
        w.member("provenance", report.provenance.json)
        w.key("features")
        w.beginArray(inline: false)
        for z in 0..<m.zoneCount { if let c = m.zoneCoordinate[z] { feature(c) { zoneProperties(report, z, $0) } } }
        for h in 0..<m.holdingCount { if let c = m.holdingCoordinate[h] { feature(c) { holdingProperties(report, h, $0) } } }
        w.endArray()
        w.endObject()
        return w.finish()
    }

    private static func mean(_ s: Summary) -> JSONValue { s.mean.map { .number($0) } ?? .null }

    /// The properties' keys, quoted once.
    private static let keys = (id: JSONWriter.Key("id"), name: JSONWriter.Key("name"), kind: JSONWriter.Key("kind"),
                               site: JSONWriter.Key("site"), capacity: JSONWriter.Key("capacity"), bikes: JSONWriter.Key("bikes"),
                               open: JSONWriter.Key("open"), depot: JSONWriter.Key("depot"),
                               zoneKPI: ZoneKPI.allCases.map { JSONWriter.Key($0.key) }, clock: ZoneClock.allCases.map { JSONWriter.Key($0.key) },
                               holdingKPI: HoldingKPI.allCases.map { JSONWriter.Key($0.key) })

    /// A zone's properties, in order: what it is, then its KPIs and clock times.
    static func zoneProperties(_ report: RunReport, _ z: Int, _ emit: (JSONWriter.Key, JSONValue) -> Void) {
        let m = report.model, k = keys
        emit(k.id, .string(m.zoneID[z])); emit(k.name, .string(m.zoneName[z])); emit(k.kind, .string(m.zoneKind[z]))
        emit(k.site, .string("zone")); emit(k.capacity, .number(Double(m.zoneCapacity[z])))
        emit(k.bikes, .number(Double(m.zoneInitialBikes[z])))
        for kpi in ZoneKPI.allCases { emit(k.zoneKPI[kpi.rawValue], mean(report[zone: z, kpi])) }
        for c in ZoneClock.allCases { emit(k.clock[c.rawValue], report.clock(zone: z, c).map { .string($0) } ?? .null) }
    }

    /// A holding area's properties, in order: what it is, then its KPIs.
    static func holdingProperties(_ report: RunReport, _ h: Int, _ emit: (JSONWriter.Key, JSONValue) -> Void) {
        let m = report.model, k = keys
        emit(k.id, .string(m.holdingID[h])); emit(k.name, .string(m.holdingName[h])); emit(k.kind, .string("holding"))
        emit(k.site, .string("holding")); emit(k.capacity, .number(Double(m.holdingCapacity[h])))
        emit(k.bikes, .number(Double(m.holdingInitialBikes[h]))); emit(k.open, .string(m.holdingOpen[h]?.description ?? "all day"))
        emit(k.depot, .bool(m.trucks?.depots.contains(.holding(h)) ?? false))
        for kpi in HoldingKPI.allCases { emit(k.holdingKPI[kpi.rawValue], mean(report.holdingAreas[h][kpi.rawValue])) }
    }
}
