import TideSimIO
import TideSimEngine
import TideSimModel
import TideSimCore
/// Which KPIs, clocks and columns each view of a report shows, in order: the one place the text
/// and HTML renderers read them from, so that the text report and the page of a run (or of a
/// comparison) show the same things, and a new KPI is added to a view in one line.
public enum ReportLayout {
    /// The run report's system table (text): the trips, the overflow and the rule, then what
    /// transfers did when the scenario has trucks or holding areas.
    public static func runSystem(transfers: Bool) -> [SystemKPI] {
        [.tripAttempts, .tripsServed, .tripsWalked, .tripsLost, .serviceLevel, .failedReturns, .overflowBikeHours, .peakOverflowBikes,
         .hotspotZones, .clearanceBreaches]
            + (transfers ? [.bikesToHolding, .bikesFromHolding, .holdingPeakFill, .truckKm, .truckBusyHours] : [])
    }

    /// The run page's headline figures ("at a glance").
    public static let runGlance: [SystemKPI] = [.tripAttempts, .tripsServed, .tripsLost, .serviceLevel, .overflowBikeHours, .hotspotZones,
                                                .clearanceBreaches, .bikesToHolding, .bikesFromHolding, .truckKm]

    /// The hotspot table's KPI columns (text and page), after the zone, its capacity and its
    /// clocks: peak pressure first; a docked system adds its failed returns.
    public static func hotspotColumns(docked: Bool) -> [ZoneKPI] {
        [.peakPressure, .minutesOverCapacity, .overflowEpisodes, .longestOverflowMinutes, .clearanceBreaches, .overflowBikeHours]
            + (docked ? [.failedReturns] : []) + [.lostRentals]
    }

    /// The hotspot table's clocks.
    public static let hotspotClocks: [ZoneClock] = ZoneClock.allCases

    /// The holding-area table's KPI columns.
    public static let holdingColumns: [HoldingKPI] = [.peakFill, .meanBikes, .bikesIn, .bikesOut]

    /// The system KPIs a comparison shows (text and page tables, variants), in order; trip
    /// attempts, the same for every policy, lead the tables but have no paired difference.
    public static let compared: [SystemKPI] = [
        .tripsServed, .tripsLost, .serviceLevel, .failedReturns, .overflowBikeHours, .peakOverflowBikes, .hotspotZones,
        .clearanceBreaches, .bikesToHolding, .bikesFromHolding, .holdingPeakFill, .truckKm, .truckBusyHours, .turnover,
    ]
}
