import TideSimIO
import TideSimEngine
import TideSimModel
import TideSimCore
/// Which KPIs, clocks and columns each view of a report shows, in order: the one place the text
/// and HTML renderers read them from, so that the text report and the page of a run (or of a
/// comparison) show the same things, and a new KPI is added to a view in one line.
public enum ReportLayout {
    /// Whether every zone is docked: no zone piles, so overflow is always 0, and the views lead
    /// with what hurts a docked system (failed returns, lost rentals, minutes empty).
    public static func dockedOnly(_ m: Model) -> Bool { !m.zoneRedirects.isEmpty && !m.zoneRedirects.contains(false) }

    /// The KPIs of piles over capacity: left out where no zone piles.
    static let overflowKPIs: Set<SystemKPI> = [.overflowBikeHours, .peakOverflowBikes, .hotspotZones, .clearanceBreaches]

    /// The run report's system table (text): the trips, the overflow and the rule, then what
    /// transfers did when the scenario has trucks or holding areas.
    public static func runSystem(transfers: Bool, dockedOnly: Bool = false) -> [SystemKPI] {
        ([.tripAttempts, .tripsServed, .tripsWalked, .tripsLost, .serviceLevel, .failedReturns, .overflowBikeHours, .peakOverflowBikes,
          .hotspotZones, .clearanceBreaches] as [SystemKPI]).filter { !dockedOnly || !overflowKPIs.contains($0) }
            + (transfers ? [.bikesToHolding, .bikesFromHolding, .holdingPeakFill, .truckKm, .truckBusyHours] : [])
    }

    /// The run page's headline figures ("at a glance").
    public static func runGlance(dockedOnly: Bool = false) -> [SystemKPI] {
        dockedOnly ? [.tripAttempts, .tripsServed, .tripsLost, .serviceLevel, .failedReturns, .bikesToHolding, .bikesFromHolding, .truckKm]
            : [.tripAttempts, .tripsServed, .tripsLost, .serviceLevel, .overflowBikeHours, .hotspotZones,
               .clearanceBreaches, .bikesToHolding, .bikesFromHolding, .truckKm]
    }

    /// The hotspot table's KPI columns (text and page), after the zone, its capacity and its
    /// clocks: peak pressure first; a system with docked zones adds their failed returns; a
    /// system of docked zones only shows failed returns, lost rentals and minutes empty.
    public static func hotspotColumns(docked: Bool, dockedOnly: Bool = false) -> [ZoneKPI] {
        if dockedOnly { return [.peakPressure, .failedReturns, .lostRentals, .emptyMinutes] }
        return [.peakPressure, .minutesOverCapacity, .overflowEpisodes, .longestOverflowMinutes, .clearanceBreaches, .overflowBikeHours]
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

    /// The system KPIs a comparison shows on a model: without the overflow KPIs where no zone piles.
    public static func compared(_ m: Model) -> [SystemKPI] {
        dockedOnly(m) ? compared.filter { !overflowKPIs.contains($0) } : compared
    }
}
