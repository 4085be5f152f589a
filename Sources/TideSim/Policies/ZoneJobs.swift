/// Which zones a built-in policy is working on: a zone above `high` opens a clearing job that stays
/// open until the zone is down to its target count, and a zone below `low` opens a refilling job
/// that stays open until it is back up to its target count. Without this memory a zone cleared in
/// steps would stop at `high` (the first level that no longer triggers), not at `target`.
struct ZoneJobs {
    enum Job: UInt8 { case none, clearing, refilling }

    private(set) var job: [Job] = []

    /// Opens and closes jobs from each zone's level (bikes after orders under way, plus the
    /// forecast for `predictive`).
    /// - Complexity: O(zones).
    mutating func update(levels: [Double], model: Model) {
        if job.count != model.zoneCount { job = Array(repeating: .none, count: model.zoneCount) }
        let targets = model.targets
        for z in 0..<model.zoneCount {
            let cap = Double(model.zoneCapacity[z])
            let level = levels[z]
            let targetCount = Double(targets.targetBikes(z, capacity: model.zoneCapacity[z]))
            if level > targets.high[z] * cap {
                job[z] = .clearing
            } else if level < targets.low[z] * cap {
                job[z] = .refilling
            } else if job[z] == .clearing && level <= targetCount {
                job[z] = .none
            } else if job[z] == .refilling && level >= targetCount {
                job[z] = .none
            }
        }
    }

    /// The amount of an open job: bikes to remove (clearing) or to bring (refilling) to reach the
    /// target count; nil when the zone has no open job or is already there.
    func amount(_ z: Int, level: Double, model: Model) -> (clearing: Bool, bikes: Double)? {
        let targetCount = Double(model.targets.targetBikes(z, capacity: model.zoneCapacity[z]))
        switch job[z] {
        case .clearing where level > targetCount: return (true, level - targetCount)
        case .refilling where level < targetCount: return (false, targetCount - level)
        default: return nil
        }
    }
}
