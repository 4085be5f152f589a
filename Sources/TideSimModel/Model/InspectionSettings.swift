import TideSimCore
import TideSimBuffers
/// The city's inspections compiled for the engine (see ``Inspections``).
public struct InspectionSettings: Sendable {
    public let inspectors: Int
    /// Each day's shifts as (start, length) in seconds, in time order; one of 24 h without shifts.
    public let shifts: [(start: Double, length: Double)]
    public let secondsPerMeter: Double
    public let dwellSeconds: Double
    public let respondSeconds: Double
    public let orderPoints: Double, latePoints: Double
    public let route: Inspections.Route
    /// The zones an inspector may go to, and the table it draws them from (uniform, or by capacity).
    public let candidates: [Int]
    public let draw: AliasTable

    init(_ s: Inspections, zoneIndex: (String) -> Int?, capacity: [Int], located: [Bool]) {
        inspectors = s.inspectors
        shifts = s.shifts.isEmpty ? [(0, 86_400)]
            : s.shifts.map { w in (Double(w.start), Double((w.end - w.start + 86_400 - 1) % 86_400 + 1)) }.sorted { $0.start < $1.start }
        secondsPerMeter = s.detour / (s.speedKmh / 3.6)
        dwellSeconds = s.dwellMinutes * 60
        respondSeconds = s.respondMinutes * 60
        orderPoints = s.orderPoints
        latePoints = s.latePoints
        route = s.route
        switch s.route {
        case .random:
            candidates = located.indices.filter { located[$0] }
            draw = AliasTable(weights: candidates.isEmpty ? [1] : candidates.map { _ in 1 })
        case .watchlist:
            candidates = s.watchlist.compactMap(zoneIndex)
            let weights = candidates.map { Double(capacity[$0]) }
            draw = AliasTable(weights: weights.reduce(0, +) > 0 ? weights : (candidates.isEmpty ? [1] : candidates.map { _ in 1 }))
        }
    }

    /// The first shift that starts at or after `t`: its start and end (seconds from midnight of day 1).
    public func nextShift(after t: Double) -> (start: Double, end: Double) {
        let day = (t / 86_400).rounded(.down) * 86_400
        for d in [day, day + 86_400] {
            for s in shifts where d + s.start >= t { return (d + s.start, d + s.start + s.length) }
        }
        return (day + 2 * 86_400 + shifts[0].start, day + 2 * 86_400 + shifts[0].start + shifts[0].length)
    }
}
