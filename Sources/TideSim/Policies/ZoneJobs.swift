/// Which zones a built-in policy is working on: a zone above `high` opens a clearing job that stays
/// open until the zone is down to its target count, and a zone below `low` opens a refilling job
/// that stays open until it is back up to its target count. Without this memory a zone cleared in
/// steps would stop at `high` (the first level that no longer triggers), not at `target`.
struct ZoneJobs {
    enum Job: UInt8 { case none, clearing, refilling }

    private(set) var job: [Job] = []
    /// The zones (with coordinates) that have an open job after the last update, in file order.
    private(set) var open: [Int] = []

    /// Opens and closes jobs from each zone's level (bikes after orders under way, plus the
    /// forecast for `predictive`).
    /// - Complexity: O(zones).
    mutating func update(levels: [Double], model: Model) {
        if job.count != model.zoneCount { job = Array(repeating: .none, count: model.zoneCount) }
        let targets = model.targets
        open.removeAll(keepingCapacity: true)
        for z in 0..<model.zoneCount {
            defer { if job[z] != .none && model.zoneCoordinate[z] != nil { open.append(z) } }
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

    /// The open jobs of one kind with their amounts, in serving order (priority, then the larger
    /// amount, then file order), drawn from a heap.
    /// - Complexity: O(open jobs) to build, O(log jobs) per job taken.
    func queue(_ kind: Job, levels: [Double], model: Model) -> RankedZones {
        var items: [(zone: Int, amount: Double)] = []
        for z in open where job[z] == kind {
            if let a = amount(z, level: levels[z], model: model) { items.append((z, a)) }
        }
        return RankedZones(items, priority: model.targets.priority)
    }

    /// The amount of an open job: bikes to remove (clearing) or to bring (refilling) to reach the
    /// target count; nil when the zone has no open job or is already there.
    func amount(_ z: Int, level: Double, model: Model) -> Double? {
        let targetCount = Double(model.targets.targetBikes(z, capacity: model.zoneCapacity[z]))
        switch job[z] {
        case .clearing where level > targetCount: return level - targetCount
        case .refilling where level < targetCount: return targetCount - level
        default: return nil
        }
    }
}
