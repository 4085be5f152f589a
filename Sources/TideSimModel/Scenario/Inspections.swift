import TideSimCore
import TideSimBuffers
/// The city's unannounced "flying inspections" (DESIGN.md section 2b): inspectors go from zone to
/// zone in their shifts; a visit that finds a zone above capacity orders each responsible operator
/// to bring its bikes there down to its fair share within `respondMinutes`.
public struct Inspections: Sendable, Equatable {
    /// How inspectors choose the next zone.
    public enum Route: String, Sendable, CaseIterable {
        /// Uniformly among the zones with coordinates (unannounced).
        case random
        /// From the watch list, weighted by capacity (the city's known hotspots).
        case watchlist
    }

    public var inspectors: Int
    /// Daily shifts (none: all day).
    public var shifts: [TimeWindow]
    public var speedKmh: Double
    public var detour: Double
    public var dwellMinutes: Double
    public var route: Route
    /// Zone ids of the watch list (`route: watchlist`).
    public var watchlist: [String]
    public var respondMinutes: Double
    /// Penalty points per work order, and per order not met in time.
    public var orderPoints: Double, latePoints: Double

    public static let defaults = Inspections(inspectors: 0, shifts: [], speedKmh: 12, detour: 1.3, dwellMinutes: 5, route: .random,
                                             watchlist: [], respondMinutes: 30, orderPoints: 1, latePoints: 5)

    public init(inspectors: Int, shifts: [TimeWindow], speedKmh: Double, detour: Double, dwellMinutes: Double, route: Route,
                watchlist: [String], respondMinutes: Double, orderPoints: Double, latePoints: Double) {
        self.inspectors = inspectors
        self.shifts = shifts
        self.speedKmh = speedKmh
        self.detour = detour
        self.dwellMinutes = dwellMinutes
        self.route = route
        self.watchlist = watchlist
        self.respondMinutes = respondMinutes
        self.orderPoints = orderPoints
        self.latePoints = latePoints
    }
}
