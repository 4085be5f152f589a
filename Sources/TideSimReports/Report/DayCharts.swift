import TideSimIO
import TideSimEngine
import TideSimModel
import TideSimCore
/// Charts of the day's state over the measured days: where the fleet is (stacked), how full the
/// holding areas are, how many trucks are busy.
enum DayCharts {
    static let width = 780.0, plotHeight = 200.0, left = 60.0, top = 10.0

    /// Bikes parked in zones, held in holding areas, on trucks and ridden, stacked to the fleet.
    static func stacked(_ report: RunReport, series: ReportSeries, _ w: ReportWords) -> String {
        let m = report.model
        guard !series.isEmpty else { return "" }
        let s = series.times.count
        var parked = [Double](repeating: 0, count: s), held = parked
        for i in 0..<s {
            for z in 0..<m.zoneCount { parked[i] += series.zone[i * m.zoneCount + z] }
            for h in 0..<m.holdingCount { held[i] += series.holding[i * m.holdingCount + h] }
        }
        let layers: [(String, String, [Double])] = [(w("parked in zones"), "#91bfdb", parked), (w("in holding areas"), "#3b4cc0", held),
                                                     (w("on trucks"), "#fdae61", series.onTrucks), (w("being ridden"), "#d73027", series.riding)]
        let total = SVG.niceAxis(Double(max(1, m.fleet))).top
        var out = frame(yMax: total, yLabel: w("bikes"), samples: s, sampleMinutes: m.sampleMinutes)
        var base = [Double](repeating: 0, count: s)
        var legend = ""
        for (k, (name, colour, values)) in layers.enumerated() {
            var upper = base
            for i in 0..<s { upper[i] += values[i] }
            out += "<polygon fill=\"\(colour)\" points=\"\(points(upper, yMax: total) + " " + points(base, yMax: total, reversed: true))\"><title>\(name)</title></polygon>"
            legend += "<rect x=\"\(SVG.n(left + 150 * Double(k)))\" y=\"\(SVG.n(top + plotHeight + 30))\" width=\"10\" height=\"10\" fill=\"\(colour)\"/><text x=\"\(SVG.n(left + 150 * Double(k) + 14))\" y=\"\(SVG.n(top + plotHeight + 39))\">\(name)</text>"
            base = upper
        }
        return out + legend + "</svg>"
    }

    /// Lines of values over the day, each with a name and colour, on a shared y axis.
    static func lines(_ report: RunReport, series: ReportSeries, lines: [(String, String, [Double])], yMax: Double, yLabel: String,
                      percent: Bool = false) -> String {
        guard !series.isEmpty, !lines.isEmpty else { return "" }
        let s = series.times.count
        // The axis fits the data (a holding fill under 15% is not drawn on a 0-100% axis), up to yMax.
        let highest = lines.flatMap(\.2).max() ?? 0
        let yMax = min(yMax, SVG.niceAxis(max(highest, yMax / 100)).top)
        var out = frame(yMax: yMax, yLabel: yLabel, samples: s, sampleMinutes: report.model.sampleMinutes, percent: percent)
        var legend = ""
        for (k, (name, colour, values)) in lines.enumerated() {
            out += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.8\" points=\"\(points(values, yMax: yMax))\"><title>\(SVG.escape(name))</title></polyline>"
            let lx = left + 190 * Double(k % 4), ly = top + plotHeight + 30 + 14 * Double(k / 4)
            legend += "<rect x=\"\(SVG.n(lx))\" y=\"\(SVG.n(ly))\" width=\"10\" height=\"3\" fill=\"\(colour)\"/><text x=\"\(SVG.n(lx + 14))\" y=\"\(SVG.n(ly + 5))\">\(SVG.escape(SVG.shortened(name, limit: 28)))<title>\(SVG.escape(name))</title></text>"
        }
        return out + legend + "</svg>"
    }

    static let palette = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"]

    private static func points(_ values: [Double], yMax: Double, reversed: Bool = false) -> String {
        let n = values.count
        let idx = reversed ? Array((0..<n).reversed()) : Array(0..<n)
        return idx.map { i in
            let x = left + (width - left - 10) * Double(i) / Double(max(n, 1))
            let y = top + plotHeight * (1 - min(1, values[i] / max(yMax, 1e-9)))
            return SVG.n(x) + "," + SVG.n(y)
        }.joined(separator: " ")
    }

    private static func frame(yMax: Double, yLabel: String, samples: Int, sampleMinutes: Int, percent: Bool = false) -> String {
        let height = top + plotHeight + 60
        var out = "<svg class=\"chart\" viewBox=\"0 0 \(SVG.n(width + 20)) \(SVG.n(height))\" role=\"img\">"
        out += "<rect x=\"\(SVG.n(left))\" y=\"\(SVG.n(top))\" width=\"\(SVG.n(width - left - 10))\" height=\"\(SVG.n(plotHeight))\" fill=\"#fafafa\" stroke=\"#ccc\"/>"
        let step = SVG.niceAxis(yMax).step
        let ticks = max(1, Int((yMax / step).rounded()))
        for k in 0...ticks {
            let v = (step * Double(k) * 1e9).rounded() / 1e9   // 0.15, not 0.15000000000000002
            guard v <= yMax * (1 + 1e-9) else { break }
            let y = top + plotHeight * (1 - v / yMax)
            out += "<line x1=\"\(SVG.n(left))\" y1=\"\(SVG.n(y))\" x2=\"\(SVG.n(width - 10))\" y2=\"\(SVG.n(y))\" stroke=\"#e3e3e3\"/>"
            let label = percent ? NumberFormat.percent(v) : NumberFormat.number(v, decimals: step < 1 ? 2 : (step < 10 && v != v.rounded() ? 1 : 0))
            out += "<text x=\"\(SVG.n(left - 4))\" y=\"\(SVG.n(y + 4))\" text-anchor=\"end\">\(label)</text>"
        }
        out += "<text x=\"12\" y=\"\(SVG.n(top + plotHeight / 2))\" transform=\"rotate(-90 12 \(SVG.n(top + plotHeight / 2)))\" text-anchor=\"middle\">\(SVG.escape(yLabel))</text>"
        let hours = Double(samples) * Double(sampleMinutes) / 60
        out += SVG.hourTicks(x0: left, width: width - left - 10, y: top + plotHeight, hours: hours, step: hours > 48 ? 24 : (hours > 24 ? 12 : 3))
        return out
    }
}
