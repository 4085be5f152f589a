/// The four built-in policies by name, as one value type (a `switch` per decision, no existential).
public enum BuiltInPolicy: TransferPolicy {
    case none
    case threshold(ThresholdPolicy)
    case predictive(ThresholdPolicy)
    case rebalance(RebalancePolicy)

    /// The policy named `name` with the scenario's parameters, or nil for an unknown name.
    public init?(name: String, settings: PolicySettings) {
        switch name {
        case "none": self = .none
        case "threshold": self = .threshold(ThresholdPolicy())
        case "predictive": self = .predictive(ThresholdPolicy(horizonMinutes: settings.horizonMinutes))
        case "rebalance": self = .rebalance(RebalancePolicy())
        default: return nil
        }
    }

    public var name: String {
        switch self {
        case .none: return "none"
        case .threshold: return "threshold"
        case .predictive: return "predictive"
        case .rebalance: return "rebalance"
        }
    }

    public func decide(_ view: PolicyView) -> [TransferOrder] {
        switch self {
        case .none: return []
        case .threshold(let p), .predictive(let p): return p.decide(view)
        case .rebalance(let p): return p.decide(view)
        }
    }
}
