import TideSimModel
import TideSimCore

/// The best any dispatch could do in one replication: lower bounds on `tripsLost` and
/// `overflowBikeHours` that no transfer policy with the scenario's trucks, shifts and holding
/// areas can beat on that replication's riders (docs/bound.md says why each one holds).
public struct DispatchBound: Sendable, Equatable {
    /// 1-based replication number.
    public let replication: Int
    /// No dispatch loses fewer trips than this.
    public let tripsLost: Double
    /// No dispatch has fewer overflow bike-hours than this.
    public let overflowBikeHours: Double
    /// The day without transfers on the same riders (policy `none`): the other end of the gap.
    public let noneTripsLost: Double, noneOverflowBikeHours: Double

    public init(replication: Int, tripsLost: Double, overflowBikeHours: Double, noneTripsLost: Double, noneOverflowBikeHours: Double) {
        self.replication = replication
        self.tripsLost = tripsLost
        self.overflowBikeHours = overflowBikeHours
        self.noneTripsLost = noneTripsLost
        self.noneOverflowBikeHours = noneOverflowBikeHours
    }

    /// The KPIs the bound speaks for.
    public static let kpis: [SystemKPI] = [.tripsLost, .overflowBikeHours]

    /// The bound on a system KPI, or nil for a KPI it does not bound.
    public subscript(kpi: SystemKPI) -> Double? {
        switch kpi {
        case .tripsLost: return tripsLost
        case .overflowBikeHours: return overflowBikeHours
        default: return nil
        }
    }

    /// The day without transfers' value of a KPI the bound speaks for.
    public func none(_ kpi: SystemKPI) -> Double? {
        switch kpi {
        case .tripsLost: return noneTripsLost
        case .overflowBikeHours: return noneOverflowBikeHours
        default: return nil
        }
    }

    /// Computes the bound for replication `replication` (1-based): runs the day without
    /// transfers on the same riders, then the two relaxations.
    public static func compute(model: Model, seed: UInt64, replication: Int) -> DispatchBound {
        var baseline = Simulation(model: model, seed: seed, replication: replication)
        baseline.traceSystemOverflow()
        let none = baseline.run()
        // The same attempts again, drawn from their own stream (an observer of the run would be
        // handed every zone's bikes after each event as well).
        var generator = AttemptGenerator(demand: model.demand, seed: seed, replication: replication, endTime: model.endTime,
                                         replay: model.replayDay)
        var attempts: [TripAttempt] = []
        while let a = generator.next() { attempts.append(a) }
        let budget = TruckWorkBudget(model: model)
        let overflow = OverflowBound.bikeHours(model: model, baseline: none.overflowTrace ?? OverflowTrace(), attempts: attempts,
                                               budget: budget)
        // Without trucks every policy is the day without transfers.
        let lost = budget.hasTrucks ? Double(LostTripsBound.trips(model: model, attempts: attempts, budget: budget))
            : none[.tripsLost] ?? 0
        // Rounding of the integral never lifts the bound above the day without transfers.
        let noneLost = none[.tripsLost] ?? 0, noneOverflow = none[.overflowBikeHours] ?? 0
        return DispatchBound(replication: replication, tripsLost: min(lost, noneLost), overflowBikeHours: min(overflow, noneOverflow),
                             noneTripsLost: noneLost, noneOverflowBikeHours: noneOverflow)
    }

    /// The bound for replications 1...count, in parallel when asked; in replication order.
    public static func run(model: Model, seed: UInt64, count: Int, threads: Int = 1,
                           progress: (@Sendable (Int) -> Void)? = nil) -> [DispatchBound] {
        Replications.inOrder(count: count, threads: max(1, threads), progress: progress) { compute(model: model, seed: seed, replication: $0 + 1) }
    }
}
