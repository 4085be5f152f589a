import TideSimCore
import TideSimBuffers
/// The scenario's policy block compiled for the engine, typed: which built-in policy it names
/// and the parameters the built-in policies read. The per-zone thresholds are compiled beside it
/// (``Model/targets``), as are the decision interval, the release time and the clearance rule.
public struct PolicyParameters: Sendable, Equatable {
    /// The built-in policy the scenario names (`policy.name`), or nil for a name the catalog does
    /// not know (a scenario built in code for a custom policy).
    public let kind: PolicyKind?
    /// How far `predictive` forecasts, in minutes (`policy.horizonMinutes`).
    public let horizonMinutes: Double

    public init(kind: PolicyKind?, horizonMinutes: Double) {
        self.kind = kind
        self.horizonMinutes = horizonMinutes
    }

    /// The parameters of a scenario's policy block.
    public init(_ settings: PolicySettings) {
        self.init(kind: PolicyKind(rawValue: settings.name), horizonMinutes: settings.horizonMinutes)
    }
}
