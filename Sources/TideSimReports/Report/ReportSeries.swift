import TideSimIO
import TideSimEngine
import TideSimModel
import TideSimCore
/// The day's state averaged over replications, sample by sample: what the report's charts draw.
/// Built from the time series a run recorded (``RunReport/timeSeriesTotals``, or the series the
/// replications hold), so it is empty without one.
struct ReportSeries {
    /// Sample times, seconds from midnight of day 1.
    let times: [Double]
    /// Mean bikes per zone and sample: `zone[s * zones + z]`.
    let zone: [Double]
    /// Mean bikes per holding area and sample: `holding[s * areas + h]`.
    let holding: [Double]
    /// Mean bikes ridden, and on trucks, per sample.
    let riding: [Double], onTrucks: [Double]
    /// Mean trucks busy on an order (policy or depot) at each sample, as the engine sampled them.
    let busyTrucks: [Double]

    var isEmpty: Bool { times.isEmpty }

    init(_ report: RunReport) {
        let m = report.model
        let totals = report.timeSeriesTotals ?? TimeSeriesTotals(report.replications.lazy.compactMap(\.timeSeries))
        guard totals.count > 0 else {
            times = []; zone = []; holding = []; riding = []; onTrucks = []; busyTrucks = []
            return
        }
        times = totals.times
        let k = Double(totals.count)
        func mean(_ sums: [Double], count: Int) -> [Double] {
            (0..<count).map { $0 < sums.count ? sums[$0] / k : 0 }
        }
        zone = mean(totals.zoneBikes, count: times.count * m.zoneCount)
        holding = mean(totals.holdingBikes, count: times.count * m.holdingCount)
        riding = mean(totals.riding, count: times.count)
        onTrucks = mean(totals.onTrucks, count: times.count)
        busyTrucks = mean(totals.busyTrucks, count: times.count)
    }
}
