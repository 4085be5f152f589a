/// The system KPIs of DESIGN.md section 3, in the order reports list them. The raw value of a
/// case indexes ``ReplicationResult/system``.
public enum SystemKPI: Int, CaseIterable, Sendable {
    case tripAttempts, tripsServed, tripsLost, tripsWalked, serviceLevel, failedReturns
    case overflowBikeHours, peakOverflowBikes, hotspotZones
    case bikesToHolding, bikesFromHolding, holdingPeakFill, truckKm, truckBusyHours
    case turnover, fleet

    /// The key used in JSON and as a CSV column.
    public var key: String {
        switch self {
        case .tripAttempts: return "tripAttempts"
        case .tripsServed: return "tripsServed"
        case .tripsLost: return "tripsLost"
        case .tripsWalked: return "tripsWalked"
        case .serviceLevel: return "serviceLevel"
        case .failedReturns: return "failedReturns"
        case .overflowBikeHours: return "overflowBikeHours"
        case .peakOverflowBikes: return "peakOverflowBikes"
        case .hotspotZones: return "hotspotZones"
        case .bikesToHolding: return "bikesToHolding"
        case .bikesFromHolding: return "bikesFromHolding"
        case .holdingPeakFill: return "holdingPeakFill"
        case .truckKm: return "truckKm"
        case .truckBusyHours: return "truckBusyHours"
        case .turnover: return "turnover"
        case .fleet: return "fleet"
        }
    }
}

/// The per-zone metrics of DESIGN.md section 3 (besides `peakTime`, which is a clock time).
public enum ZoneKPI: Int, CaseIterable, Sendable {
    case overflowBikeHours, minutesOverCapacity, emptyMinutes, peakPressure, meanBikes
    case rentals, returns, lostRentals, walkedFrom, failedReturns

    /// The key used in JSON and as a CSV column.
    public var key: String {
        switch self {
        case .overflowBikeHours: return "overflowBikeHours"
        case .minutesOverCapacity: return "minutesOverCapacity"
        case .emptyMinutes: return "emptyMinutes"
        case .peakPressure: return "peakPressure"
        case .meanBikes: return "meanBikes"
        case .rentals: return "rentals"
        case .returns: return "returns"
        case .lostRentals: return "lostRentals"
        case .walkedFrom: return "walkedFrom"
        case .failedReturns: return "failedReturns"
        }
    }
}

/// Per-holding-area metrics.
public enum HoldingKPI: Int, CaseIterable, Sendable {
    case meanBikes, peakFill, bikesIn, bikesOut

    /// The key used in JSON and as a CSV column.
    public var key: String {
        switch self {
        case .meanBikes: return "meanBikes"
        case .peakFill: return "peakFill"
        case .bikesIn: return "bikesIn"
        case .bikesOut: return "bikesOut"
        }
    }
}
