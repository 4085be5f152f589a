import TideSimCore
import TideSimBuffers
/// The built-in policies, by kind: the one place their names are written. The engine makes a
/// policy from its kind (`BuiltInPolicy`); the scenario format, the command line and the docs read
/// the names from here.
public enum PolicyKind: String, Sendable, CaseIterable {
    case none, threshold, predictive, rebalance, clearance
}

/// The one list of built-in policies: name, what it does and what it needs. Scenario validation,
/// the command line's help and errors, and `docs/policies.md` read it, so a new built-in policy is
/// one entry here, one case of `PolicyKind` and of `BuiltInPolicy`, plus its own file.
public enum PolicyCatalog {
    /// One built-in policy.
    public struct Entry: Sendable {
        /// One line for help texts.
        public let summary: String
        /// Whether it moves bikes with trucks (needs a `trucks` block).
        public let needsTrucks: Bool
        /// Whether it moves bikes into holding areas (needs at least one).
        public let needsHoldingAreas: Bool
        /// Which policy the engine makes for it.
        public let kind: PolicyKind
        /// The name used in `policy.name`, `--policy` and `--policies`.
        public var name: String { kind.rawValue }
    }

    /// Every built-in policy, baseline first.
    public static let entries: [Entry] = [
        Entry(summary: "no transfers: the baseline", needsTrucks: false, needsHoldingAreas: false, kind: .none),
        Entry(summary: "clear zones above high into holding areas, refill zones below low, release held bikes",
              needsTrucks: true, needsHoldingAreas: true, kind: .threshold),
        Entry(summary: "threshold on the bikes forecast horizonMinutes ahead", needsTrucks: true, needsHoldingAreas: true, kind: .predictive),
        Entry(summary: "move surplus straight from zones above high to zones below low", needsTrucks: true, needsHoldingAreas: false,
              kind: .rebalance),
        Entry(summary: "clear zones by the deadline of the clearance rule, release held bikes where the forecast says they will be short",
              needsTrucks: true, needsHoldingAreas: true, kind: .clearance),
    ]

    /// The names, in catalog order.
    public static var names: [String] { entries.map(\.name) }

    /// The entry named `name`, or nil.
    public static func entry(named name: String) -> Entry? { entries.first { $0.name == name } }

    /// Why policy `name` cannot run on a scenario with or without trucks and holding areas, or nil
    /// when it can. An explicit `trucks.count` of 0 counts as having trucks (the what-if "no
    /// trucks": nothing is moved).
    package static func problem(running name: String, hasTrucks: Bool, hasHoldingAreas: Bool) -> String? {
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
