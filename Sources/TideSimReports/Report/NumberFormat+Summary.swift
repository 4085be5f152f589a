import TideSimEngine
import TideSimCore

extension NumberFormat {
    /// A summary as its KPI is displayed (decimals, percent).
    public static func summary(_ s: Summary, _ info: KPIInfo) -> String {
        summary(s, decimals: info.decimals, percent: info.percent)
    }

    /// Mean, with `± ci95` when there is an interval.
    public static func summary(_ s: Summary, decimals: Int = 1, percent asPercent: Bool = false, fixed: Bool = false) -> String {
        guard let mean = s.mean else { return "-" }
        let body = asPercent ? number(mean * 100, decimals: 1, fixed: fixed) + "%" : number(mean, decimals: decimals, fixed: fixed)
        guard let ci = s.ci95 else { return body }
        let half = asPercent ? number(ci * 100, decimals: 1, fixed: fixed) + "%" : number(ci, decimals: decimals, fixed: fixed)
        return body + " ± " + half
    }

    /// A paired difference: `+12.5 ± 3.1`, with the KPI's decimals (percentage points for a fraction).
    public static func signed(_ s: Summary, _ info: KPIInfo) -> String {
        guard let mean = s.mean else { return "-" }
        let scale = info.percent ? 100.0 : 1.0, unit = info.percent ? "%" : ""
        let body = (mean >= 0 ? "+" : "") + number(mean * scale, decimals: info.decimals) + unit
        guard let ci = s.ci95 else { return body }
        return body + " ± " + number(ci * scale, decimals: info.decimals) + unit
    }

    /// Summaries of one KPI shown together (a column, or a row across policies): all with the
    /// KPI's decimals when any of them needs decimals, else all whole, so they never mix `0` and `80.5`.
    public static func summaries(_ list: [Summary], _ info: KPIInfo) -> [String] {
        let scale = info.percent ? 100.0 : 1.0
        func whole(_ x: Double?) -> Bool { x.map { ($0 * scale) == ($0 * scale).rounded() } ?? true }
        let fixed = !list.allSatisfy { whole($0.mean) && whole($0.ci95) }
        return list.map { summary($0, decimals: info.decimals, percent: info.percent, fixed: fixed) }
    }
}
