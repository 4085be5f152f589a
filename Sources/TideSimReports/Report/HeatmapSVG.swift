import TideSimIO
import TideSimEngine
import TideSimModel
import TideSimCore
/// The pressure heatmap: a row per zone (the worst), a column per sample of the measured days,
/// coloured by bikes / capacity averaged over replications, so the morning and evening tides show
/// at a glance.
enum HeatmapSVG {
    static func render(_ report: RunReport, series: ReportSeries, zones: [Int], _ w: ReportWords) -> String {
        let m = report.model
        guard !series.isEmpty, !zones.isEmpty else { return "<p class=\"note\">\(SVG.escape(w("No time series was recorded.")))</p>" }
        let samples = series.times.count
        // The name column fits the longest name shown (up to 40 characters; longer ones end in an
        // ellipsis, with the full name on hover), so names that differ only at the end stay apart.
        let shown = zones.map { z in SVG.shortened(m.zoneName[z] == m.zoneID[z] ? m.zoneID[z] : m.zoneName[z], limit: 40) }
        let labelWidth = min(280, max(120, (shown.map { SVG.textWidth($0, fontSize: 10) }.max() ?? 0) + 12)), top = 8.0
        let cell = zones.count < 12 ? 18.0 : 13.0
        let cellWidth = max(2.0, min(8.0, 760.0 / Double(samples)))
        let width = labelWidth + cellWidth * Double(samples) + 30
        let height = top + cell * Double(zones.count) + 70
        var out = "<svg class=\"heatmap\" viewBox=\"0 0 \(SVG.n(width)) \(SVG.n(height))\" role=\"img\" aria-label=\"\(SVG.escape(w("Pressure by zone and time of day")))\">"
        for (row, z) in zones.enumerated() {
            let y = top + cell * Double(row)
            let name = m.zoneName[z] == m.zoneID[z] ? m.zoneID[z] : "\(m.zoneName[z])"
            out += "<text x=\"\(SVG.n(labelWidth - 6))\" y=\"\(SVG.n(y + cell - 3))\" text-anchor=\"end\">\(SVG.escape(SVG.shortened(name, limit: 40)))<title>\(SVG.escape(name))</title></text>"
            let cap = Double(m.zoneCapacity[z])
            for s in 0..<samples {
                let bikes = series.zone[s * m.zoneCount + z]
                let p: Double? = cap > 0 ? bikes / cap : nil
                let clock = formatRunTime(series.times[s], days: m.days)
                out += "<rect x=\"\(SVG.n(labelWidth + cellWidth * Double(s)))\" y=\"\(SVG.n(y))\" width=\"\(SVG.n(cellWidth + 0.3))\" height=\"\(SVG.n(cell - 1))\" fill=\"\(SVG.pressureColour(p))\"><title>\(SVG.escape(w("{0} {1}: {2} bikes, {3}×", m.zoneID[z], clock, NumberFormat.number(bikes, decimals: 0), p.map { NumberFormat.number($0, decimals: 2) } ?? "-")))</title></rect>"
            }
        }
        let hours = Double(samples) * Double(m.sampleMinutes) / 60
        let axisY = top + cell * Double(zones.count) + 2
        out += SVG.hourTicks(x0: labelWidth, width: cellWidth * Double(samples), y: axisY, hours: hours,
                             step: hours > 48 ? 24 : (hours > 24 ? 12 : 3))
        out += SVG.pressureLegend(x: labelWidth, y: axisY + 36, width: 220, w)
        out += "</svg>"
        return out
    }
}
