import TideSimModel
import TideSimCore
import TideSimBuffers
/// The built-in policies as one value type (a `switch` per decision, no existential), made from
/// the ``PolicyCatalog``.
public enum BuiltInPolicy: TransferPolicy {
    case none
    case threshold(ThresholdPolicy)
    case predictive(ThresholdPolicy)
    case rebalance(RebalancePolicy)
    case clearance(ClearancePolicy)

    /// The policy named `name` (from the catalog) with the scenario's parameters, or nil for an
    /// unknown name.
    public init?(name: String, parameters: PolicyParameters) {
        guard let kind = PolicyKind(rawValue: name) else { return nil }
        self.init(kind, parameters: parameters)
    }

    /// The policy of a kind with the scenario's parameters.
    public init(_ kind: PolicyKind, parameters: PolicyParameters) {
        switch kind {
        case .none: self = .none
        case .threshold: self = .threshold(ThresholdPolicy())
        case .predictive: self = .predictive(ThresholdPolicy(horizonMinutes: parameters.horizonMinutes))
        case .rebalance: self = .rebalance(RebalancePolicy())
        case .clearance: self = .clearance(ClearancePolicy(horizonMinutes: parameters.horizonMinutes))
        }
    }

    /// Its kind, whose raw value is its name.
    public var kind: PolicyKind {
        switch self {
        case .none: return .none
        case .threshold: return .threshold
        case .predictive: return .predictive
        case .rebalance: return .rebalance
        case .clearance: return .clearance
        }
    }

    public var name: String { kind.rawValue }

    public mutating func decide(_ view: PolicyView) -> [TransferOrder] {
        // Each case is taken out of `self` while it decides, so that its state is not copied.
        switch self {
        case .none:
            return []
        case .threshold(var p):
            self = .none
            defer { self = .threshold(p) }
            return p.decide(view)
        case .predictive(var p):
            self = .none
            defer { self = .predictive(p) }
            return p.decide(view)
        case .rebalance(var p):
            self = .none
            defer { self = .rebalance(p) }
            return p.decide(view)
        case .clearance(var p):
            self = .none
            defer { self = .clearance(p) }
            return p.decide(view)
        }
    }
}
