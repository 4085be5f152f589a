import TideSimModel
import TideSimCore

/// The dispatch bound over a run's replications (`--bound`): each replication's bound, their
/// summaries, and how much of the gap between no dispatch and the bound a policy closes.
public struct BoundReport: Sendable {
    /// One bound per replication, in replication order.
    public let bounds: [DispatchBound]
    /// Summary of the bound and of the day without transfers, for each KPI of ``DispatchBound/kpis``.
    public let bound: [Summary], none: [Summary]

    public init(bounds: [DispatchBound]) {
        self.bounds = bounds
        bound = DispatchBound.kpis.map { k in Summary(count: bounds.count) { bounds[$0][k] } }
        none = DispatchBound.kpis.map { k in Summary(count: bounds.count) { bounds[$0].none(k) } }
    }

    /// Computes the bound for replications 1...count.
    public static func run(model: Model, seed: UInt64, count: Int, threads: Int, progress: (@Sendable (Int) -> Void)? = nil) -> BoundReport {
        BoundReport(bounds: DispatchBound.run(model: model, seed: seed, count: count, threads: threads, progress: progress))
    }

    /// The summary of the bound on a KPI, or nil for a KPI it does not bound.
    public subscript(kpi: SystemKPI) -> Summary? {
        DispatchBound.kpis.firstIndex(of: kpi).map { bound[$0] }
    }

    /// The share of the gap between no dispatch and the bound that a run closes on a KPI
    /// (`(none − policy) / (none − bound)`, of the means): 1 reaches the bound, 0 does no better
    /// than no dispatch, below 0 does worse. Nil where the bound says nothing or there is no gap.
    public func closes(_ run: RunReport, _ kpi: SystemKPI) -> Double? {
        guard let i = DispatchBound.kpis.firstIndex(of: kpi), let n = none[i].mean, let b = bound[i].mean, let p = run[kpi].mean,
              n - b > 1e-9 * max(1, abs(n)) else { return nil }
        return (n - p) / (n - b)
    }
}
