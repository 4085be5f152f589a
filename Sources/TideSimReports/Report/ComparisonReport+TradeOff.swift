import TideSimIO
import TideSimEngine
import TideSimModel
import TideSimCore
extension ComparisonReport {
    /// One sentence on what policy `i + 1` gains and costs against the first in trips, overflow
    /// (failed returns where every zone is docked: nothing piles there) and truck work, read off
    /// the paired intervals: a change is named only when its interval excludes 0.
    public func tradeOff(_ i: Int, _ language: ReportLanguage = .en) -> String {
        let w = ReportWords(language)
        func change(_ k: SystemKPI, more: String, fewer: String) -> String {
            let s = paired[i][k.rawValue]
            guard let mean = s.mean else { return w("{0} undefined", k.info.label(language)) }
            let amount = NumberFormat.number(abs(mean), decimals: k.info.decimals)
            let unit = k.info.unit(language)
            guard let ci = s.ci95 else { return "\(w(mean >= 0 ? more : fewer)) \(amount) \(unit) \(w("(one replication)"))" }
            if mean - ci > 0 { return "\(w(more)) \(amount) \(unit)" }
            if mean + ci < 0 { return "\(w(fewer)) \(amount) \(unit)" }
            return w("no clear change in {0}", k.info.label(language))
        }
        return [change(.tripsLost, more: "loses", fewer: "saves"),
                ReportLayout.dockedOnly(runs[0].model) ? change(.failedReturns, more: "adds", fewer: "avoids")
                    : change(.overflowBikeHours, more: "adds", fewer: "clears"),
                change(.truckKm, more: "drives", fewer: "drives less by")].joined(separator: language == .zh ? "，" : ", ")
    }
}
