/// The built-in policies as one value type (a `switch` per decision, no existential), made from
/// the ``PolicyCatalog``.
public enum BuiltInPolicy: TransferPolicy {
    case none
    case threshold(ThresholdPolicy)
    case predictive(ThresholdPolicy)
    case rebalance(RebalancePolicy)

    /// The policy named `name` with the scenario's parameters, or nil for an unknown name.
    public init?(name: String, settings: PolicySettings) {
        guard let entry = PolicyCatalog.entry(named: name) else { return nil }
        self = entry.make(settings)
    }

    public var name: String {
        switch self {
        case .none: return "none"
        case .threshold: return "threshold"
        case .predictive: return "predictive"
        case .rebalance: return "rebalance"
        }
    }

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
        }
    }
}
