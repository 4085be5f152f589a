import TideSimModel
import TideSimCore
import TideSimBuffers
/// Everything measured in one replication.
public struct ReplicationResult: Sendable {
    /// 1-based replication number.
    public let replication: Int
    /// Name of the policy that ran.
    public let policy: String
    /// System KPIs indexed by ``SystemKPI/rawValue``; nil where undefined (service level with
    /// no attempts).
    public let system: [Double?]
    /// Zone metrics indexed by zone, then by ``ZoneKPI/rawValue``.
    public let zones: [[Double?]]
    /// Each zone's clock times indexed by ``ZoneClock/rawValue``, in seconds from midnight of
    /// day 1: the first peak (nil where the capacity is 0), and the start of the first and the
    /// end of the last episode above capacity (nil when there was none).
    public let zoneClocks: [[Double?]]
    /// Holding-area metrics indexed by area, then by ``HoldingKPI/rawValue``.
    public let holdingAreas: [[Double?]]
    /// Events processed: trip attempts, scheduled events (ride arrivals, truck moves, decision
    /// times) and samples, over the whole run.
    public let eventCount: Int
    /// Every truck order of the run, in the order issued.
    public let transfers: [TransferRecord]
    /// The sampled state, when it was recorded.
    public let timeSeries: TimeSeries?
    /// With operators: each operator's KPIs, indexed by operator then ``OperatorKPI/rawValue``;
    /// empty without operators.
    public var operators: [[Double?]] = []
    /// With operators: bike-hours above each operator's fair share in each zone while it was
    /// above capacity, `[zone * operators + operator]`; empty without operators.
    public var zoneOperatorOverflow: [Double] = []
    /// With operators: each operator's bikes in each zone when the zone first reached its peak
    /// pressure (`ZoneClock.peakTime`), `[zone * operators + operator]`; empty without operators.
    public var zoneOperatorPeakBikes: [Int] = []
    /// With inspections: the city's inspection KPIs indexed by ``InspectionKPI/rawValue``, and
    /// each zone's visits and work orders; empty without inspections.
    public var inspection: [Double?] = []
    public var zoneVisits: [Int] = [], zoneOrders: [Int] = []
    /// With inspections: the visits, findings and orders in each hour of the day.
    public var inspectionHours: InspectionHours?
    /// The system's overflow after each change, when asked for (``Simulation/traceSystemOverflow()``).
    public var overflowTrace: OverflowTrace?

    /// The same result without its time series (handed on, not kept).
    func withoutTimeSeries() -> ReplicationResult {
        var r = ReplicationResult(replication: replication, policy: policy, system: system, zones: zones, zoneClocks: zoneClocks,
                                  holdingAreas: holdingAreas, eventCount: eventCount, transfers: transfers, timeSeries: nil)
        r.operators = operators
        r.zoneOperatorOverflow = zoneOperatorOverflow
        r.zoneOperatorPeakBikes = zoneOperatorPeakBikes
        r.inspection = inspection
        r.zoneVisits = zoneVisits
        r.zoneOrders = zoneOrders
        r.inspectionHours = inspectionHours
        r.overflowTrace = overflowTrace
        return r
    }

    /// A system KPI.
    public subscript(kpi: SystemKPI) -> Double? { system[kpi.rawValue] }
    /// A zone metric.
    public subscript(zone z: Int, kpi: ZoneKPI) -> Double? { zones[z][kpi.rawValue] }
    /// An inspection KPI.
    public subscript(inspection k: InspectionKPI) -> Double? { inspection[k.rawValue] }
    /// An operator's KPI.
    public subscript(operator o: Int, kpi: OperatorKPI) -> Double? { operators[o][kpi.rawValue] }
    /// A zone's clock time.
    public subscript(zone z: Int, clock: ZoneClock) -> Double? { zoneClocks[z][clock.rawValue] }
}
