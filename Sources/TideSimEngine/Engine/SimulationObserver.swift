import TideSimModel
import TideSimCore
import TideSimBuffers
/// What happened to a trip attempt.
public enum AttemptOutcome: Sendable, Equatable {
    /// The rider took a bike at the origin.
    case rode
    /// The origin was empty; the rider walked to `zone` and took a bike there.
    case walked(to: Int)
    /// No bike within reach: the trip is lost.
    case lost
}

/// Watches a run event by event; for tests and tools, never needed for results. The engine is
/// generic over its observer, so the default ``NoObserver`` costs nothing.
public protocol SimulationObserver {
    /// Whether the engine should call the observer at all (false only for ``NoObserver``, so
    /// that the unobserved engine does not even pass its arrays).
    static var isActive: Bool { get }
    /// Called for every trip attempt, with its outcome.
    mutating func attempt(_ attempt: TripAttempt, outcome: AttemptOutcome)
    /// Called after each event (attempt, ride arrival) with the bikes in each state.
    mutating func afterEvent(time: Double, zoneBikes: [Int], holdingBikes: [Int], riding: Int, onTrucks: Int)
}

/// The observer that observes nothing.
public struct NoObserver: SimulationObserver {
    public init() {}
    public static var isActive: Bool { false }
    @inlinable public mutating func attempt(_ attempt: TripAttempt, outcome: AttemptOutcome) {}
    @inlinable public mutating func afterEvent(time: Double, zoneBikes: [Int], holdingBikes: [Int], riding: Int, onTrucks: Int) {}
}

extension SimulationObserver {
    public static var isActive: Bool { true }
}
