extension Scenario {
    /// Why a built-in policy cannot run on this scenario, or nil when it can: a transfer policy
    /// needs a `trucks` block, and `threshold` and `predictive` need a holding area to clear into.
    /// An explicit `trucks.count` of 0 is allowed (the what-if "no trucks": nothing is moved).
    public func problem(runningPolicy name: String) -> String? {
        Scenario.problem(runningPolicy: name, hasTrucks: trucks != nil, hasHoldingAreas: !holdingAreas.isEmpty)
    }

    static func problem(runningPolicy name: String, hasTrucks: Bool, hasHoldingAreas: Bool) -> String? {
        guard name != "none" else { return nil }
        guard hasTrucks else {
            return "policy '\(name)' moves bikes with trucks, but the scenario has no trucks block"
        }
        if (name == "threshold" || name == "predictive") && !hasHoldingAreas {
            return "policy '\(name)' clears hotspots into holding areas, but the scenario has none"
        }
        return nil
    }
}
