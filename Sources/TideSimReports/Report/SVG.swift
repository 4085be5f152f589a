import TideSimIO
import TideSimEngine
import TideSimModel
import TideSimCore
import Foundation

/// Small pieces the report's charts share: escaping, compact coordinates, the pressure colour scale.
enum SVG {
    /// Text for HTML and SVG content and attributes: `& < > " '` escaped, control characters dropped.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if c.value < 0x20 || (c.value >= 0x7F && c.value < 0xA0) { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A coordinate with one decimal, enough for a screen and short in the file.
    static func n(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
    }

    /// The colour of a pressure (bikes / capacity): blue when nearly empty, green around the
    /// target, yellow at capacity, orange to dark red above it.
    static func pressureColour(_ p: Double?) -> String {
        guard let p, p.isFinite else { return "#bbbbbb" }
        let stops: [(Double, (Double, Double, Double))] = [
            (0, (69, 117, 180)), (0.5, (145, 191, 219)), (0.8, (171, 221, 164)), (1.0, (254, 224, 139)),
            (1.5, (253, 174, 97)), (2.0, (244, 109, 67)), (3.0, (165, 0, 38)),
        ]
        if p <= stops[0].0 { return hex(stops[0].1) }
        for i in 1..<stops.count where p <= stops[i].0 {
            let (a, ca) = stops[i - 1], (b, cb) = stops[i]
            let f = (p - a) / (b - a)
            return hex((ca.0 + (cb.0 - ca.0) * f, ca.1 + (cb.1 - ca.1) * f, ca.2 + (cb.2 - ca.2) * f))
        }
        return hex(stops.last!.1)
    }

    private static func hex(_ c: (Double, Double, Double)) -> String {
        func h(_ x: Double) -> String {
            let v = max(0, min(255, Int(x.rounded())))
            return (v < 16 ? "0" : "") + String(v, radix: 16)
        }
        return "#" + h(c.0) + h(c.1) + h(c.2)
    }

    /// The legend of the pressure scale, as an SVG group at (x, y).
    static func pressureLegend(x: Double, y: Double, width: Double, _ w: ReportWords) -> String {
        var out = "<g class=\"legend\" transform=\"translate(\(n(x)),\(n(y)))\">"
        let steps = 60
        for i in 0..<steps {
            let p = 3.0 * Double(i) / Double(steps)
            out += "<rect x=\"\(n(width * Double(i) / Double(steps)))\" y=\"0\" width=\"\(n(width / Double(steps) + 0.5))\" height=\"8\" fill=\"\(pressureColour(p))\"/>"
        }
        for p in [0.0, 0.8, 1.0, 1.5, 2.0, 3.0] {
            let lx = width * p / 3
            out += "<text x=\"\(n(lx))\" y=\"20\" text-anchor=\"middle\">\(p == 3 ? "≥3" : NumberFormat.number(p, decimals: 1))</text>"
        }
        out += "<text x=\"0\" y=\"-4\">\(escape(w("bikes / capacity")))</text></g>"
        return out
    }

    /// Hour ticks along an x axis of the day: a label every `step` hours.
    static func hourTicks(x0: Double, width: Double, y: Double, hours: Double, step: Int) -> String {
        var out = ""
        var h = 0
        while Double(h) <= hours {
            let x = x0 + width * Double(h) / hours
            out += "<line x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x))\" y2=\"\(n(y + 4))\" stroke=\"#666\"/>"
            let label = hours > 24 ? "d\(h / 24 + 1) \(h % 24)h" : "\(h < 10 ? "0" : "")\(h):00"
            out += "<text x=\"\(n(x))\" y=\"\(n(y + 15))\" text-anchor=\"middle\">\(label)</text>"
            h += step
        }
        return out
    }

    /// A y axis that ends on a round number at or above `maximum`: the top and the step between
    /// ticks, the step 1, 2, 2.5 or 5 times a power of ten, for 3 to 6 ticks (so a fleet of 18,125
    /// reads 0, 5,000, ..., 20,000, not 0, 4,531, 9,063).
    static func niceAxis(_ maximum: Double) -> (top: Double, step: Double) {
        guard maximum.isFinite, maximum > 0 else { return (1, 0.25) }
        let raw = maximum / 4
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        return ((maximum / step).rounded(.up) * step, step)
    }

    /// The largest round step (1, 2, 2.5 or 5 times a power of ten) that puts at least four ticks
    /// between `lo` and `hi`: an axis over a fixed range, such as a chart of differences.
    static func niceStep(from lo: Double, to hi: Double) -> Double {
        guard hi > lo, (hi - lo).isFinite else { return 1 }
        var magnitude = pow(10, log10(hi - lo).rounded(.up))
        while true {
            for m in [5.0, 2.5, 2, 1] {
                let step = m * magnitude
                if ((hi / step).rounded(.down) - (lo / step).rounded(.up)) + 1 >= 4 { return step }
            }
            magnitude /= 10
        }
    }

    /// Text cut to `limit` characters at a word boundary where one is near, with an ellipsis:
    /// `Wuhan Univ. of…` rather than `Wuhan Univ. of Technolog`; as it is when it fits.
    static func shortened(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        let head = String(text.prefix(limit - 1))
        if let space = head.lastIndex(of: " "), head.distance(from: head.startIndex, to: space) >= limit / 2 {
            return String(head[..<space]) + "…"
        }
        return head + "…"
    }

    /// The width of a text of the reports' 11-pixel sans-serif font, estimated generously (a wide
    /// character, such as a Chinese one, counts twice), for placing labels that must not overlap.
    static func textWidth(_ text: String, fontSize: Double = 11) -> Double {
        let cells = text.unicodeScalars.reduce(0.0) { $0 + ($1.value > 0x2E80 ? 2 : ($1.properties.isUppercase ? 1.25 : 1)) }
        return cells * fontSize * 0.6
    }
}
