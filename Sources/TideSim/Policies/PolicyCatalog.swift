/// The one list of built-in policies: name, what it does, what it needs and how to make it.
/// Scenario validation, the command line's help and errors, and `docs/policies.md` read it, so a
/// new built-in policy is one entry here plus its own file.
public enum PolicyCatalog {
    /// One built-in policy.
    public struct Entry: Sendable {
        /// The name used in `policy.name`, `--policy` and `--policies`.
        public let name: String
        /// One line for help texts.
        public let summary: String
        /// Whether it moves bikes with trucks (needs a `trucks` block).
        public let needsTrucks: Bool
        /// Whether it moves bikes into holding areas (needs at least one).
        public let needsHoldingAreas: Bool
        /// Makes the policy with the scenario's parameters.
        let make: @Sendable (PolicySettings) -> BuiltInPolicy
    }

    /// Every built-in policy, baseline first.
    public static let entries: [Entry] = [
        Entry(name: "none", summary: "no transfers: the baseline", needsTrucks: false, needsHoldingAreas: false) { _ in .none },
        Entry(name: "threshold", summary: "clear zones above high into holding areas, refill zones below low, release held bikes",
              needsTrucks: true, needsHoldingAreas: true) { _ in .threshold(ThresholdPolicy()) },
        Entry(name: "predictive", summary: "threshold on the bikes forecast horizonMinutes ahead",
              needsTrucks: true, needsHoldingAreas: true) { .predictive(ThresholdPolicy(horizonMinutes: $0.horizonMinutes)) },
        Entry(name: "rebalance", summary: "move surplus straight from zones above high to zones below low",
              needsTrucks: true, needsHoldingAreas: false) { _ in .rebalance(RebalancePolicy()) },
    ]

    /// The names, in catalog order.
    public static var names: [String] { entries.map(\.name) }

    /// The entry named `name`, or nil.
    public static func entry(named name: String) -> Entry? { entries.first { $0.name == name } }

    /// Why policy `name` cannot run on a scenario with or without trucks and holding areas, or nil
    /// when it can. An explicit `trucks.count` of 0 counts as having trucks (the what-if "no
    /// trucks": nothing is moved).
    static func problem(running name: String, hasTrucks: Bool, hasHoldingAreas: Bool) -> String? {
        guard let entry = entry(named: name) else { return nil }
        if entry.needsTrucks && !hasTrucks {
            return "policy '\(name)' moves bikes with trucks, but the scenario has no trucks block"
        }
        if entry.needsHoldingAreas && !hasHoldingAreas {
            return "policy '\(name)' clears hotspots into holding areas, but the scenario has none"
        }
        return nil
    }
}
