import TideSimModel
import TideSimCore
import TideSimBuffers
/// How a KPI is read: its label and unit (in English; the reports hold their translations), its decimals for display, whether it is a total over the
/// measured days, a rate per day, or a level, and which way is better. Text, JSON, CSV (and any
/// later report) take these from here, so a KPI is declared once.
public struct KPIInfo: Sendable {
    /// What a KPI counts over a multi-day run.
    public enum Scope: String, Sendable {
        /// A total over all measured days (trips, bikes moved, hours).
        case total
        /// A mean per measured day (turnover, clearance breaches).
        case perDay
        /// A level or extreme of the state (peak fill, fleet, a fraction).
        case state
    }

    /// Which way is better, for reports that colour differences.
    public enum Better: Sendable { case higher, lower, neither }

    /// The JSON key and CSV column.
    public let key: String
    /// The label of text and HTML reports (lower case, no unit).
    public let label: String
    /// The unit as a reader writes it (empty for plain counts).
    public let unit: String
    /// Decimals for display (files keep full precision).
    public let decimals: Int
    /// Shown as a percentage (the value is a fraction).
    public let percent: Bool
    public let scope: Scope
    public let better: Better
}

/// The system KPIs of docs/model.md ("Metrics"), in the order reports list them. The raw value of a
/// case indexes ``ReplicationResult/system``.
public enum SystemKPI: Int, CaseIterable, Sendable {
    case tripAttempts, tripsServed, tripsLost, tripsWalked, serviceLevel, failedReturns
    case overflowBikeHours, peakOverflowBikes, hotspotZones
    case bikesToHolding, bikesFromHolding, holdingPeakFill, truckKm, truckBusyHours
    case turnover, fleet, clearanceBreaches

    /// The key used in JSON and as a CSV column.
    public var key: String { info.key }

    /// Label, unit, decimals, scope.
    public var info: KPIInfo {
        switch self {
        case .tripAttempts: return KPIInfo(key: "tripAttempts", label: "trip attempts", unit: "trips", decimals: 1, percent: false, scope: .total, better: .neither)
        case .tripsServed: return KPIInfo(key: "tripsServed", label: "trips served", unit: "trips", decimals: 0, percent: false, scope: .total, better: .higher)
        case .tripsLost: return KPIInfo(key: "tripsLost", label: "trips lost", unit: "trips", decimals: 1, percent: false, scope: .total, better: .lower)
        case .tripsWalked: return KPIInfo(key: "tripsWalked", label: "trips walked", unit: "trips", decimals: 1, percent: false, scope: .total, better: .neither)
        case .serviceLevel: return KPIInfo(key: "serviceLevel", label: "service level", unit: "%", decimals: 1, percent: true, scope: .state, better: .higher)
        case .failedReturns: return KPIInfo(key: "failedReturns", label: "failed returns", unit: "returns", decimals: 1, percent: false, scope: .total, better: .lower)
        case .overflowBikeHours: return KPIInfo(key: "overflowBikeHours", label: "overflow bike-hours", unit: "bike-h", decimals: 1, percent: false, scope: .total, better: .lower)
        case .peakOverflowBikes: return KPIInfo(key: "peakOverflowBikes", label: "peak overflow bikes", unit: "bikes", decimals: 1, percent: false, scope: .state, better: .lower)
        case .hotspotZones: return KPIInfo(key: "hotspotZones", label: "hotspot zones", unit: "zones", decimals: 1, percent: false, scope: .state, better: .lower)
        case .bikesToHolding: return KPIInfo(key: "bikesToHolding", label: "bikes to holding", unit: "bikes", decimals: 1, percent: false, scope: .total, better: .neither)
        case .bikesFromHolding: return KPIInfo(key: "bikesFromHolding", label: "bikes from holding", unit: "bikes", decimals: 1, percent: false, scope: .total, better: .neither)
        case .holdingPeakFill: return KPIInfo(key: "holdingPeakFill", label: "holding peak fill", unit: "%", decimals: 1, percent: true, scope: .state, better: .neither)
        case .truckKm: return KPIInfo(key: "truckKm", label: "truck km", unit: "km", decimals: 1, percent: false, scope: .total, better: .lower)
        case .truckBusyHours: return KPIInfo(key: "truckBusyHours", label: "truck busy hours", unit: "h", decimals: 1, percent: false, scope: .total, better: .neither)
        case .turnover: return KPIInfo(key: "turnover", label: "turnover", unit: "trips per bike per day", decimals: 2, percent: false, scope: .perDay, better: .higher)
        case .fleet: return KPIInfo(key: "fleet", label: "fleet", unit: "bikes", decimals: 0, percent: false, scope: .state, better: .neither)
        case .clearanceBreaches: return KPIInfo(key: "clearanceBreaches", label: "clearance breaches", unit: "episodes per day", decimals: 1, percent: false, scope: .perDay, better: .lower)
        }
    }
}

/// The per-zone metrics of docs/model.md ("Metrics") (besides the clock times `peakTime`,
/// `firstOverCapacity` and `lastOverCapacity`, see ``ZoneClock``).
public enum ZoneKPI: Int, CaseIterable, Sendable {
    case overflowBikeHours, minutesOverCapacity, emptyMinutes, peakPressure, meanBikes
    case rentals, returns, lostRentals, walkedFrom, failedReturns
    case overflowEpisodes, longestOverflowMinutes, clearanceBreaches

    /// The key used in JSON and as a CSV column.
    public var key: String { info.key }

    /// Label, unit, decimals, scope.
    public var info: KPIInfo {
        switch self {
        case .overflowBikeHours: return KPIInfo(key: "overflowBikeHours", label: "overflow bike-hours", unit: "bike-h", decimals: 1, percent: false, scope: .total, better: .lower)
        case .minutesOverCapacity: return KPIInfo(key: "minutesOverCapacity", label: "minutes over capacity", unit: "min", decimals: 0, percent: false, scope: .total, better: .lower)
        case .emptyMinutes: return KPIInfo(key: "emptyMinutes", label: "minutes empty", unit: "min", decimals: 0, percent: false, scope: .total, better: .lower)
        case .peakPressure: return KPIInfo(key: "peakPressure", label: "peak pressure (bikes / capacity)", unit: "ratio", decimals: 2, percent: false, scope: .state, better: .lower)
        case .meanBikes: return KPIInfo(key: "meanBikes", label: "mean bikes", unit: "bikes", decimals: 1, percent: false, scope: .state, better: .neither)
        case .rentals: return KPIInfo(key: "rentals", label: "rentals", unit: "trips", decimals: 1, percent: false, scope: .total, better: .higher)
        case .returns: return KPIInfo(key: "returns", label: "returns", unit: "trips", decimals: 1, percent: false, scope: .total, better: .neither)
        case .lostRentals: return KPIInfo(key: "lostRentals", label: "lost rentals", unit: "trips", decimals: 1, percent: false, scope: .total, better: .lower)
        case .walkedFrom: return KPIInfo(key: "walkedFrom", label: "walked from", unit: "trips", decimals: 1, percent: false, scope: .total, better: .neither)
        case .failedReturns: return KPIInfo(key: "failedReturns", label: "failed returns", unit: "returns", decimals: 1, percent: false, scope: .total, better: .lower)
        case .overflowEpisodes: return KPIInfo(key: "overflowEpisodes", label: "overflow episodes", unit: "episodes", decimals: 1, percent: false, scope: .total, better: .lower)
        case .longestOverflowMinutes: return KPIInfo(key: "longestOverflowMinutes", label: "longest episode", unit: "min", decimals: 0, percent: false, scope: .state, better: .lower)
        case .clearanceBreaches: return KPIInfo(key: "clearanceBreaches", label: "clearance breaches", unit: "episodes", decimals: 1, percent: false, scope: .total, better: .lower)
        }
    }
}

/// The clock times of a zone: when it peaked, and when it was first and last above capacity.
/// Across replications each is the (lower) median of the replications that define it.
public enum ZoneClock: Int, CaseIterable, Sendable {
    case peakTime, firstOverCapacity, lastOverCapacity

    /// The key used in JSON and as a CSV column.
    public var key: String {
        switch self {
        case .peakTime: return "peakTime"
        case .firstOverCapacity: return "firstOverCapacity"
        case .lastOverCapacity: return "lastOverCapacity"
        }
    }
}

/// Per-holding-area metrics.
public enum HoldingKPI: Int, CaseIterable, Sendable {
    case meanBikes, peakFill, bikesIn, bikesOut

    /// The key used in JSON and as a CSV column.
    public var key: String { info.key }

    /// Label, unit, decimals, scope.
    public var info: KPIInfo {
        switch self {
        case .meanBikes: return KPIInfo(key: "meanBikes", label: "mean bikes", unit: "bikes", decimals: 1, percent: false, scope: .state, better: .neither)
        case .peakFill: return KPIInfo(key: "peakFill", label: "peak fill", unit: "%", decimals: 1, percent: true, scope: .state, better: .neither)
        case .bikesIn: return KPIInfo(key: "bikesIn", label: "bikes in", unit: "bikes", decimals: 1, percent: false, scope: .total, better: .neither)
        case .bikesOut: return KPIInfo(key: "bikesOut", label: "bikes out", unit: "bikes", decimals: 1, percent: false, scope: .total, better: .neither)
        }
    }
}

/// Each operator's KPIs (DESIGN.md section 2b), in a city with operators.
public enum OperatorKPI: Int, CaseIterable, Sendable {
    case fleet, tripsServed, tripsLost, serviceLevel, overflowBikeHours, clearanceBreaches, truckKm
    /// With inspections (nil without).
    case workOrders, ordersMetInTime, ordersLate, penaltyPoints

    /// The KPIs a run of `model` reports: the orders only with inspections.
    public static func reported(for model: Model) -> [OperatorKPI] {
        model.inspections == nil ? allCases.filter { $0.rawValue < OperatorKPI.workOrders.rawValue } : allCases
    }

    /// The key used in JSON and as a CSV column.
    public var key: String { info.key }

    /// Label, unit, decimals, scope.
    public var info: KPIInfo {
        switch self {
        case .fleet: return KPIInfo(key: "fleet", label: "fleet", unit: "bikes", decimals: 0, percent: false, scope: .state, better: .neither)
        case .tripsServed: return KPIInfo(key: "tripsServed", label: "trips served", unit: "trips", decimals: 0, percent: false, scope: .total, better: .higher)
        case .tripsLost: return KPIInfo(key: "tripsLost", label: "trips lost", unit: "trips", decimals: 1, percent: false, scope: .total, better: .lower)
        case .serviceLevel: return KPIInfo(key: "serviceLevel", label: "service level", unit: "%", decimals: 1, percent: true, scope: .state, better: .higher)
        case .overflowBikeHours: return KPIInfo(key: "overflowBikeHours", label: "overflow bike-hours above its fair share", unit: "bike-h", decimals: 1, percent: false, scope: .total, better: .lower)
        case .clearanceBreaches: return KPIInfo(key: "clearanceBreaches", label: "clearance breaches it answers for", unit: "episodes per day", decimals: 1, percent: false, scope: .perDay, better: .lower)
        case .truckKm: return KPIInfo(key: "truckKm", label: "truck km", unit: "km", decimals: 1, percent: false, scope: .total, better: .lower)
        case .workOrders: return InspectionKPI.workOrders.info
        case .ordersMetInTime: return InspectionKPI.ordersMetInTime.info
        case .ordersLate: return InspectionKPI.ordersLate.info
        case .penaltyPoints: return InspectionKPI.penaltyPoints.info
        }
    }
}

/// The city's inspection KPIs (DESIGN.md section 2b), in a city with inspections: the visits,
/// what they found, how soon, and the work orders of every operator summed.
public enum InspectionKPI: Int, CaseIterable, Sendable {
    case inspections, overCapacityFound, detectionRate, minutesToDetection, workOrders, ordersMetInTime, ordersLate, penaltyPoints

    /// The key used in JSON and as a CSV column.
    public var key: String { info.key }

    /// Label, unit, decimals, scope.
    public var info: KPIInfo {
        switch self {
        case .inspections: return KPIInfo(key: "inspections", label: "inspections", unit: "visits", decimals: 1, percent: false, scope: .total, better: .neither)
        case .overCapacityFound: return KPIInfo(key: "overCapacityFound", label: "visits that found the zone over capacity", unit: "visits", decimals: 1, percent: false, scope: .total, better: .neither)
        case .detectionRate: return KPIInfo(key: "detectionRate", label: "overflow episodes detected", unit: "%", decimals: 1, percent: true, scope: .state, better: .higher)
        case .minutesToDetection: return KPIInfo(key: "minutesToDetection", label: "minutes to detection", unit: "min", decimals: 1, percent: false, scope: .state, better: .lower)
        case .workOrders: return KPIInfo(key: "workOrders", label: "work orders", unit: "orders", decimals: 1, percent: false, scope: .total, better: .lower)
        case .ordersMetInTime: return KPIInfo(key: "ordersMetInTime", label: "orders met in time", unit: "orders", decimals: 1, percent: false, scope: .total, better: .higher)
        case .ordersLate: return KPIInfo(key: "ordersLate", label: "orders late", unit: "orders", decimals: 1, percent: false, scope: .total, better: .lower)
        case .penaltyPoints: return KPIInfo(key: "penaltyPoints", label: "penalty points", unit: "points", decimals: 1, percent: false, scope: .total, better: .lower)
        }
    }
}
