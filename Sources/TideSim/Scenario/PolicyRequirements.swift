extension Scenario {
    /// Why a built-in policy cannot run on this scenario, or nil when it can: a transfer policy
    /// needs trucks, and `threshold` and `predictive` need a holding area to clear into.
    public func problem(runningPolicy name: String) -> String? {
        guard name != "none" else { return nil }
        guard let t = trucks, t.count > 0 else {
            return "policy '\(name)' moves bikes with trucks, but the scenario has none (add a trucks block with count > 0)"
        }
        if (name == "threshold" || name == "predictive") && holdingAreas.isEmpty {
            return "policy '\(name)' clears hotspots into holding areas, but the scenario has none"
        }
        return nil
    }
}
