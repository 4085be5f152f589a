import TideSimCore
import TideSimBuffers
extension Scenario {
    /// Why a built-in policy cannot run on this scenario, or nil when it can (``PolicyCatalog``).
    public func problem(runningPolicy name: String) -> String? {
        PolicyCatalog.problem(running: name, hasTrucks: trucks != nil, hasHoldingAreas: !holdingAreas.isEmpty)
    }
}
