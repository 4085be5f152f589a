import TideSimCore
import TideSimBuffers
extension Scenario {
    /// Why a built-in policy cannot run on this scenario, or nil when it can (``PolicyCatalog``).
    public func problem(runningPolicy name: String) -> String? {
        PolicyCatalog.problem(running: name, hasTrucks: hasTrucks, hasHoldingAreas: !holdingAreas.isEmpty)
    }

    /// The built-in policies this scenario can run, in catalog order: what `compare` runs when no
    /// `--policies` is given (no holding areas: no `threshold`; no trucks: only `none`).
    public var runnablePolicies: [String] { PolicyCatalog.names.filter { problem(runningPolicy: $0) == nil } }
}
