import TideSimModel
import TideSimCore

/// A target of `tidesim plan`: a system KPI, a relation and a value (`clearanceBreaches<=5`,
/// `serviceLevel>=0.9`). A design meets it when the KPI's mean over replications does.
public struct PlanTarget: Sendable, Equatable, CustomStringConvertible {
    public enum Relation: String, Sendable, CaseIterable {
        case atMost = "<=", atLeast = ">=", below = "<", above = ">"

        /// Whether the KPI should be small (the bound that decides is then the upper one).
        public var wantsSmall: Bool { self == .atMost || self == .below }
    }

    public let kpi: SystemKPI
    public let relation: Relation
    public let value: Double

    public init(kpi: SystemKPI, relation: Relation, value: Double) {
        self.kpi = kpi
        self.relation = relation
        self.value = value
    }

    /// Whether a value meets the target.
    public func holds(_ x: Double) -> Bool {
        switch relation {
        case .atMost: return x <= value
        case .atLeast: return x >= value
        case .below: return x < value
        case .above: return x > value
        }
    }

    /// How far a value is from the target, in the KPI's direction: positive when it misses.
    public func shortfall(_ x: Double) -> Double { relation.wantsSmall ? x - value : value - x }

    public var description: String {
        "\(kpi.key)\(relation.rawValue)" + (value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value))
    }
}
