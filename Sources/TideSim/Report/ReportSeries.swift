/// The day's state averaged over replications, sample by sample: what the report's charts draw.
/// Built from the recorded time series of a run (`recordTimeSeries`), so it is empty without one.
struct ReportSeries {
    /// Sample times, seconds from midnight of day 1.
    let times: [Double]
    /// Mean bikes per zone and sample: `zone[s * zones + z]`.
    let zone: [Double]
    /// Mean bikes per holding area and sample: `holding[s * areas + h]`.
    let holding: [Double]
    /// Mean bikes ridden, and on trucks, per sample.
    let riding: [Double], onTrucks: [Double]
    /// Mean trucks busy on an order (policy or depot) at each sample.
    let busyTrucks: [Double]

    var isEmpty: Bool { times.isEmpty }

    init(_ report: RunReport) {
        let m = report.model
        let series = report.replications.compactMap(\.timeSeries)
        guard let first = series.first else {
            times = []; zone = []; holding = []; riding = []; onTrucks = []; busyTrucks = []
            return
        }
        times = first.times
        let k = Double(series.count)
        func mean(_ pick: (TimeSeries) -> [Int32], count: Int) -> [Double] {
            var sum = [Double](repeating: 0, count: count)
            for ts in series {
                let values = pick(ts)
                for i in 0..<min(count, values.count) { sum[i] += Double(values[i]) }
            }
            return sum.map { $0 / k }
        }
        zone = mean(\.zoneBikes, count: times.count * m.zoneCount)
        holding = mean(\.holdingBikes, count: times.count * m.holdingCount)
        riding = mean(\.riding, count: times.count)
        onTrucks = mean(\.onTrucks, count: times.count)
        var busy = [Double](repeating: 0, count: times.count)
        for r in report.replications {
            for t in r.transfers {
                let end = t.finished.isNaN ? m.endTime : t.finished
                for (s, time) in times.enumerated() where t.issued <= time && time < end { busy[s] += 1 }
            }
        }
        busyTrucks = busy.map { $0 / Double(report.replications.count) }
    }
}
