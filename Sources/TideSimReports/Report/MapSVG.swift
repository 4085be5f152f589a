import TideSimIO
import TideSimEngine
import TideSimModel
import TideSimCore
import Foundation

/// The map of a run: zones as circles sized by capacity and coloured by peak pressure, holding
/// areas as squares, the trucks' depots marked, a scale bar; each site's name and numbers on hover.
enum MapSVG {
    /// At most this many zones are drawn (the worst first); the caption says how many are left out.
    static let maximumZones = 5_000

    /// - Parameters:
    ///   - zones: Only these zones (an inset of a spread system); nil for all.
    ///   - holdingAreas: Only these holding areas; nil for all.
    static func render(_ report: RunReport, ranking: [Int], _ w: ReportWords, width: Double = 640, height: Double = 480,
                       zones: Set<Int>? = nil, holdingAreas: Set<Int>? = nil) -> (svg: String, leftOut: Int) {
        let m = report.model
        let drawn = Array(ranking.filter { m.zoneCoordinate[$0] != nil && zones?.contains($0) != false }.prefix(maximumZones))
        let shownHolding = (0..<m.holdingCount).filter { m.holdingCoordinate[$0] != nil && holdingAreas?.contains($0) != false }
        let placed = drawn.compactMap { m.zoneCoordinate[$0] } + shownHolding.compactMap { m.holdingCoordinate[$0] }
        guard !placed.isEmpty else {
            return ("<p class=\"note\">\(SVG.escape(w("No zone has coordinates, so there is no map.")))</p>", 0)
        }
        let leftOut = (0..<m.zoneCount).filter { m.zoneCoordinate[$0] != nil && zones?.contains($0) != false }.count - drawn.count
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
            // With inspections: visits and work orders; a zone that got orders has a purple ring.
            var ring = "stroke=\"#333\" stroke-width=\"0.5\""
            if !report.zoneVisits.isEmpty, report.zoneVisits[z] > 0 {
                tip += w(", {0} inspector visits, {1} work orders", NumberFormat.number(report.zoneVisits[z], decimals: 1),
                         NumberFormat.number(report.zoneOrders[z], decimals: 1))
                if report.zoneOrders[z] > 0 { ring = "stroke=\"#6a3d9a\" stroke-width=\"2.5\"" }
            }
            out += "<circle cx=\"\(SVG.n(x(c)))\" cy=\"\(SVG.n(y(c)))\" r=\"\(SVG.n(r))\" fill=\"\(SVG.pressureColour(peak))\" \(ring)><title>\(SVG.escape(tip))</title></circle>"
        }
        // Names beside the circles: every zone of a small district, else the ten worst hotspots,
        // and the holding areas. Each is placed right, left, above or below its mark, where it
        // overlaps no other name, no labelled mark and stays inside the map; a name that fits
        // nowhere is left to the hover text. Long names end in an ellipsis (full name on hover).
        // (A zone that hurts: overflow, or, where zones are docked, lost rentals and failed returns.)
        let hurts = { (z: Int) in [ZoneKPI.overflowBikeHours, .lostRentals, .failedReturns].contains { (report[zone: z, $0].mean ?? 0) > 0 } }
        let labelled = drawn.count <= 15 ? drawn : Array(drawn.prefix(10).filter(hurts))
        // Every circle of a map of up to 300 zones is in the labels' way; on a larger map, the
        // labelled ones (the rest are too many and too small to keep clear of).
        var marks: [Label.Box] = (drawn.count <= 300 ? drawn : labelled).map { z in
            let c = m.zoneCoordinate[z]!, r = max(1.5, rMax * (Double(m.zoneCapacity[z]) / max(maxCap, 1)).squareRoot())
            return Label.Box(x: x(c) - r, y: y(c) - r, width: 2 * r, height: 2 * r)
        }
        marks += shownHolding.compactMap { h in m.holdingCoordinate[h].map { Label.Box(x: x($0) - 6, y: y($0) - 6, width: 12, height: 12) } }
        var placer = Label.Placer(bounds: Label.Box(x: 0, y: 0, width: width, height: height - legendHeight), obstacles: marks)
        var names: [(name: String, x: Double, y: Double, radius: Double, kind: String)] = labelled.map { z in
            let c = m.zoneCoordinate[z]!
            return (m.zoneName[z], x(c), y(c), max(1.5, rMax * (Double(m.zoneCapacity[z]) / max(maxCap, 1)).squareRoot()), "name")
        }
        names += shownHolding.compactMap { h in m.holdingCoordinate[h].map { (m.holdingName[h], x($0), y($0), 6, "name holding") } }
        for n in names {
            let text = SVG.shortened(n.name, limit: 24)
            guard let box = placer.place(width: SVG.textWidth(text), height: 11, around: n.x, n.y, radius: n.radius) else { continue }
            out += "<text x=\"\(SVG.n(box.x))\" y=\"\(SVG.n(box.y + 9))\" class=\"\(n.kind)\">\(SVG.escape(text))<title>\(SVG.escape(n.name))</title></text>"
        }
        let depots = m.trucks?.depots ?? []
        for h in shownHolding {
            guard let c = m.holdingCoordinate[h] else { continue }
            let fill = report.holdingAreas[h][HoldingKPI.peakFill.rawValue].mean ?? 0
            let tip = w("{0} ({1}): holding area, capacity {2}, peak fill {3}", m.holdingName[h], m.holdingID[h], m.holdingCapacity[h],
                        NumberFormat.percent(fill)) + (depots.contains(.holding(h)) ? w(", truck depot") : "")
            out += "<rect x=\"\(SVG.n(x(c) - 6))\" y=\"\(SVG.n(y(c) - 6))\" width=\"12\" height=\"12\" fill=\"#3b4cc0\" stroke=\"#fff\" stroke-width=\"1.5\"><title>\(SVG.escape(tip))</title></rect>"
        }
        // Each depot is marked on the map that holds it.
        for depot in depots {
            let shown: Bool
            switch depot {
            case .zone(let z): shown = zones?.contains(z) != false
            case .holding(let h): shown = holdingAreas?.contains(h) != false
            }
            guard shown, let c = m.coordinate(of: depot) else { continue }
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

extension MapSVG {
    /// Zones more than this far from every other zone of a group start a group of their own.
    static let clusterGapMeters = 4_000.0

    /// The groups of a spread system (the Bay Area's five cities, 70 km apart), each to get a map
    /// of its own; one group when the zones lie together. Single linkage: two zones within
    /// ``clusterGapMeters`` are in the same group. Groups of fewer than 3 zones join the map of
    /// the nearest large group; the groups come largest first. Holding areas go with the nearest
    /// group. Only for up to 2,000 zones (a larger city is drawn whole).
    static func clusters(_ m: Model) -> [(zones: Set<Int>, holding: Set<Int>)] {
        let placed = (0..<m.zoneCount).filter { m.zoneCoordinate[$0] != nil }
        guard placed.count >= 6, placed.count <= 2_000 else { return [(Set(placed), Set(0..<m.holdingCount))] }
        var parent = Array(0..<placed.count)
        func root(_ i: Int) -> Int { var i = i; while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }; return i }
        for i in placed.indices {
            for j in (i + 1)..<placed.count where m.zoneCoordinate[placed[i]]!.distanceMeters(to: m.zoneCoordinate[placed[j]]!) <= clusterGapMeters {
                parent[root(i)] = root(j)
            }
        }
        var groups: [Int: [Int]] = [:]
        for i in placed.indices { groups[root(i), default: []].append(placed[i]) }
        var big = groups.values.filter { $0.count >= 3 }.sorted { ($0.count, -$0[0]) > ($1.count, -$1[0]) }
        guard big.count >= 2 else { return [(Set(placed), Set(0..<m.holdingCount))] }
        func nearest(_ c: Coordinate) -> Int {
            big.indices.min { a, b in
                big[a].map { m.zoneCoordinate[$0]!.distanceMeters(to: c) }.min()! < big[b].map { m.zoneCoordinate[$0]!.distanceMeters(to: c) }.min()!
            }!
        }
        for small in groups.values where small.count < 3 {
            for z in small { big[nearest(m.zoneCoordinate[z]!)].append(z) }
        }
        var holding = [Set<Int>](repeating: [], count: big.count)
        for h in 0..<m.holdingCount { if let c = m.holdingCoordinate[h] { holding[nearest(c)].insert(h) } }
        return big.indices.map { (Set(big[$0]), holding[$0]) }
    }
}

/// Label placement for the map: boxes that must not overlap.
enum Label {
    struct Box: Equatable {
        var x, y, width, height: Double

        func overlaps(_ o: Box) -> Bool { x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height }
        func inside(_ o: Box) -> Bool { x >= o.x && y >= o.y && x + width <= o.x + o.width && y + height <= o.y + o.height }
    }

    /// Places labels one by one, each in the first free spot around its mark.
    struct Placer {
        let bounds: Box
        /// Marks and labels already placed.
        var taken: [Box]
        let obstacles: [Box]

        init(bounds: Box, obstacles: [Box]) {
            self.bounds = bounds
            self.obstacles = obstacles
            taken = []
        }

        /// The box of a label of this size right, left, above or below a mark of `radius` at
        /// (x, y), the first that is free; nil when none is.
        mutating func place(width: Double, height: Double, around x: Double, _ y: Double, radius r: Double) -> Box? {
            let candidates = [Box(x: x + r + 3, y: y - height / 2, width: width, height: height),
                              Box(x: x - r - 3 - width, y: y - height / 2, width: width, height: height),
                              Box(x: x - width / 2, y: y - r - 2 - height, width: width, height: height),
                              Box(x: x - width / 2, y: y + r + 2, width: width, height: height)]
            // A label's own mark is not in its way (it is placed beside it).
            let own = Box(x: x - r, y: y - r, width: 2 * r, height: 2 * r)
            for box in candidates where box.inside(bounds) && !taken.contains(where: box.overlaps)
                && !obstacles.contains(where: { $0 != own && box.overlaps($0) }) {
                taken.append(box)
                return box
            }
            return nil
        }
    }
}
