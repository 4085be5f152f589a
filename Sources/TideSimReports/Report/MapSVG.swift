import TideSimIO
import TideSimEngine
import TideSimModel
import TideSimCore
import Foundation

/// The map of a run: zones as circles sized by capacity and coloured by peak pressure, holding
/// areas as squares, the depot marked, a scale bar; each site's name and numbers on hover.
enum MapSVG {
    /// At most this many zones are drawn (the worst first); the caption says how many are left out.
    static let maximumZones = 5_000

    static func render(_ report: RunReport, ranking: [Int], _ w: ReportWords, width: Double = 640, height: Double = 480) -> (svg: String, leftOut: Int) {
        let m = report.model
        let drawn = Array(ranking.filter { m.zoneCoordinate[$0] != nil }.prefix(maximumZones))
        let placed = drawn.compactMap { m.zoneCoordinate[$0] } + m.holdingCoordinate.compactMap { $0 }
        guard !placed.isEmpty else {
            return ("<p class=\"note\">\(SVG.escape(w("No zone has coordinates, so there is no map.")))</p>", 0)
        }
        let leftOut = (0..<m.zoneCount).filter { m.zoneCoordinate[$0] != nil }.count - drawn.count
        // Equirectangular projection around the district's middle latitude: fine at city scale.
        let minLat = placed.map(\.lat).min()!, maxLat = placed.map(\.lat).max()!
        let minLon = placed.map(\.lon).min()!, maxLon = placed.map(\.lon).max()!
        let kx = cos((minLat + maxLat) / 2 * .pi / 180)
        let spanX = max((maxLon - minLon) * kx, 1e-6), spanY = max(maxLat - minLat, 1e-6)
        let pad = 24.0, legendHeight = 40.0
        let scale = min((width - 2 * pad) / spanX, (height - 2 * pad - legendHeight) / spanY)
        func x(_ c: Coordinate) -> Double { pad + ((c.lon - minLon) * kx) * scale + ((width - 2 * pad) - spanX * scale) / 2 }
        func y(_ c: Coordinate) -> Double { pad + (maxLat - c.lat) * scale + ((height - 2 * pad - legendHeight) - spanY * scale) / 2 }
        let maxCap = Double(drawn.map { m.zoneCapacity[$0] }.max() ?? 1)
        let rMax = min(14.0, max(4.0, 0.06 * min(width, height) / max(1, Double(drawn.count).squareRoot() / 4)))

        var out = "<svg class=\"map\" viewBox=\"0 0 \(SVG.n(width)) \(SVG.n(height))\" role=\"img\" aria-label=\"\(SVG.escape(w("Map of the zones")))\">"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"#f7f7f4\"/>"
        // Largest circles first, so small ones stay visible on top.
        for z in drawn.sorted(by: { m.zoneCapacity[$0] != m.zoneCapacity[$1] ? m.zoneCapacity[$0] > m.zoneCapacity[$1] : $0 < $1 }) {
            let c = m.zoneCoordinate[z]!
            let r = max(1.5, rMax * (Double(m.zoneCapacity[z]) / max(maxCap, 1)).squareRoot())
            let peak = report[zone: z, .peakPressure].mean
            let overflow = report[zone: z, .overflowBikeHours].mean ?? 0
            let lost = report[zone: z, .lostRentals].mean ?? 0
            var tip = w("{0} ({1}, {2}): capacity {3}", m.zoneName[z], m.zoneID[z], m.zoneKind[z], m.zoneCapacity[z])
            if let peak { tip += w(", peak {0}× at {1}", NumberFormat.number(peak, decimals: 2), report.clock(zone: z, .peakTime) ?? "-") }
            tip += w(", {0} overflow bike-h, {1} lost rentals", NumberFormat.number(overflow), NumberFormat.number(lost))
            out += "<circle cx=\"\(SVG.n(x(c)))\" cy=\"\(SVG.n(y(c)))\" r=\"\(SVG.n(r))\" fill=\"\(SVG.pressureColour(peak))\" stroke=\"#333\" stroke-width=\"0.5\"><title>\(SVG.escape(tip))</title></circle>"
        }
        // Names beside the circles: every zone of a small district, else the ten worst hotspots.
        let labelled = drawn.count <= 15 ? drawn : Array(drawn.prefix(10).filter { (report[zone: $0, .overflowBikeHours].mean ?? 0) > 0 })
        do {
            for z in labelled {
                let c = m.zoneCoordinate[z]!
                let r = max(1.5, rMax * (Double(m.zoneCapacity[z]) / max(maxCap, 1)).squareRoot())
                out += "<text x=\"\(SVG.n(x(c) + r + 3))\" y=\"\(SVG.n(y(c) + 3))\" class=\"name\">\(SVG.escape(String(m.zoneName[z].prefix(24))))</text>"
            }
        }
        let depot = m.trucks?.depot
        for h in 0..<m.holdingCount {
            guard let c = m.holdingCoordinate[h] else { continue }
            let fill = report.holdingAreas[h][HoldingKPI.peakFill.rawValue].mean ?? 0
            let tip = w("{0} ({1}): holding area, capacity {2}, peak fill {3}", m.holdingName[h], m.holdingID[h], m.holdingCapacity[h],
                        NumberFormat.percent(fill)) + (depot == .holding(h) ? w(", truck depot") : "")
            out += "<rect x=\"\(SVG.n(x(c) - 6))\" y=\"\(SVG.n(y(c) - 6))\" width=\"12\" height=\"12\" fill=\"#3b4cc0\" stroke=\"#fff\" stroke-width=\"1.5\"><title>\(SVG.escape(tip))</title></rect>"
        }
        if let depot, let c = m.coordinate(of: depot) {
            out += "<text x=\"\(SVG.n(x(c) + 9))\" y=\"\(SVG.n(y(c) - 8))\" class=\"depot\">\(SVG.escape(w("depot")))</text>"
            out += "<circle cx=\"\(SVG.n(x(c)))\" cy=\"\(SVG.n(y(c)))\" r=\"3\" fill=\"#000\"/>"
        }
        // Scale bar: the round distance nearest a fifth of the width.
        let metresPerPixel = spanX * 111_320 / (spanX * scale)
        let target = (width - 2 * pad) / 5 * metresPerPixel
        let nice = [50.0, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000].min { abs($0 - target) < abs($1 - target) }!
        let barPixels = nice / metresPerPixel
        let by = height - 14
        out += "<g class=\"scale\"><line x1=\"\(SVG.n(pad))\" y1=\"\(SVG.n(by))\" x2=\"\(SVG.n(pad + barPixels))\" y2=\"\(SVG.n(by))\" stroke=\"#000\" stroke-width=\"2\"/>"
        out += "<text x=\"\(SVG.n(pad + barPixels + 6))\" y=\"\(SVG.n(by + 4))\">\(nice >= 1000 ? "\(NumberFormat.number(nice / 1000)) km" : "\(Int(nice)) m")</text></g>"
        out += SVG.pressureLegend(x: width - 230, y: height - 30, width: 200, w)
        out += "</svg>"
        return (out, max(0, leftOut))
    }
}
