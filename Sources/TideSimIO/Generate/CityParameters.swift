import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
/// The few numbers that describe a synthetic city for `tidesim generate`.
public struct CityParameters: Sendable, Equatable {
    /// Number of zones.
    public var zones: Int
    /// Expected trip attempts per day (all flows).
    public var tripsPerDay: Double
    /// Hour of the morning and evening peaks (decimal hours).
    public var morningPeak: Double
    public var eveningPeak: Double
    /// Width (standard deviation, hours) of each peak.
    public var peakWidth: Double
    /// How far the peaks rise above the base rate of the day (0: flat commute).
    public var amplitude: Double
    /// Evening trips home as a fraction of the morning trips to work (1: symmetric tide).
    public var asymmetry: Double
    /// Share of all trips that are daytime trips between neighbours.
    public var daytimeShare: Double
    /// Destinations per origin (the sparsity of the origin-destination table).
    public var neighbours: Int
    /// Trips per bike per day the fleet is sized for.
    public var turnover: Double
    /// Zones per holding area and per truck.
    public var zonesPerHoldingArea: Int
    public var zonesPerTruck: Int
    /// Seed of the generator (not of the simulation).
    public var seed: UInt64

    /// The presets of `tidesim generate --preset`.
    public static func preset(_ name: String) -> CityParameters? {
        // Peaks, width and amplitude fitted to the commute pairs of Bay Area Bike Share weekdays in
        // 2014 (docs/real-data.md): the busiest hour starts at 08:00 and at 17:00, and holds about
        // 30% of the day's commute trips; the base rate between the tides is half the peak's 1/18.
        var p = CityParameters(zones: 200, tripsPerDay: 100_000, morningPeak: 8.5, eveningPeak: 17.5, peakWidth: 0.9,
                               amplitude: 18, asymmetry: 0.92, daytimeShare: 0.2, neighbours: 6, turnover: 4,
                               zonesPerHoldingArea: 60, zonesPerTruck: 20, seed: 1)
        switch name {
        case "district": break
        case "city": p.zones = 2_000; p.tripsPerDay = 1_000_000
        case "metropolis": p.zones = 10_000; p.tripsPerDay = 5_000_000
        default: return nil
        }
        return p
    }

    public static let presetNames = ["district", "city", "metropolis"]
}
