import TideSimModel
import TideSimCore
import TideSimBuffers
/// Which zones a built-in policy is working on: a zone above `high` opens a clearing job that stays
/// open until the zone is down to its target count, and a zone below `low` opens a refilling job
/// that stays open until it is back up to its target count. Without this memory a zone cleared in
/// steps would stop at `high` (the first level that no longer triggers), not at `target`.
struct ZoneJobs {
    enum Job: UInt8 { case none, clearing, refilling }

    private(set) var job: [Job] = []
    /// The zones (with coordinates) that have an open job after the last update, in file order.
    private(set) var open: [Int] = []
    /// Per zone, from the model (computed at the first update, as the tests below compute them):
    /// the counts above which a job opens (`high` × capacity), below which one opens (`low` ×
    /// capacity), the target count, and whether the zone has coordinates (trucks can reach it).
    private(set) var targetCount: [Double] = []
    private var highCount: [Double] = [], lowCount: [Double] = []
    private var located: [Bool] = []

    /// The capacity each zone's counts were worked out for (rush-hour caps change it).
    private var countedCapacity: [Int] = []

    /// Opens and closes jobs from each zone's level (bikes after orders under way, plus the
    /// forecast for `predictive`), against the capacity in force over `capacityOver` (the lowest:
    /// ``Model/lowestCapacity(zone:from:to:)``); without it, against the zones' own capacities.
    /// - Complexity: O(zones).
    /// A zone under a work order (`orderDeadline` finite) has a clearing job whatever its level.
    mutating func update(levels: [Double], model: Model, capacityOver: ClosedRange<Double>? = nil, orderDeadline: [Double] = []) {
        let n = model.zoneCount
        if job.count != n {
            job = Array(repeating: .none, count: n)
            let targets = model.targets
            highCount = (0..<n).map { targets.high[$0] * Double(model.zoneCapacity[$0]) }
            lowCount = (0..<n).map { targets.low[$0] * Double(model.zoneCapacity[$0]) }
            targetCount = (0..<n).map { Double(targets.targetBikes($0, capacity: model.zoneCapacity[$0])) }
            located = model.zoneCoordinate.map { $0 != nil }
            countedCapacity = model.zoneCapacity
        }
        if model.hasCapacityWindows, let over = capacityOver {
            let targets = model.targets
            for z in 0..<n where !model.zoneCapacityWindows[z].isEmpty {
                let cap = model.lowestCapacity(zone: z, from: over.lowerBound, to: over.upperBound)
                guard cap != countedCapacity[z] else { continue }
                countedCapacity[z] = cap
                highCount[z] = targets.high[z] * Double(cap)
                lowCount[z] = targets.low[z] * Double(cap)
                targetCount[z] = Double(targets.targetBikes(z, capacity: cap))
            }
        }
        // Local copies: the loop then reads plain buffers and appends to an array it owns.
        var open = self.open
        self.open = []
        open.removeAll(keepingCapacity: true)
        let high = highCount, low = lowCount, target = targetCount, located = located
        job.withUnsafeMutableBufferPointer { job in
            for z in 0..<n {
                let level = levels[z]
                if level > high[z] {
                    job[z] = .clearing
                } else if level < low[z] {
                    job[z] = .refilling
                } else if job[z] == .clearing && level <= target[z] {
                    job[z] = .none
                } else if job[z] == .refilling && level >= target[z] {
                    job[z] = .none
                }
                if orderDeadline.count == n && orderDeadline[z].isFinite && level > target[z] { job[z] = .clearing }
                if job[z] != .none && located[z] { open.append(z) }
            }
        }
        self.open = open
    }

    /// The open jobs of one kind with their amounts, in serving order (priority, work orders
    /// first: ``PolicyView/priority``; then the larger amount, then file order), drawn from a heap.
    /// - Complexity: O(open jobs) to build, O(log jobs) per job taken.
    func queue(_ kind: Job, levels: [Double], priority: [Double]) -> RankedZones {
        var items: [(zone: Int, amount: Double)] = []
        for z in open where job[z] == kind {
            if let a = amount(z, level: levels[z]) { items.append((z, a)) }
        }
        return RankedZones(items, priority: priority)
    }

    /// How many open jobs of one kind ``queue(_:levels:model:)`` would serve.
    /// - Complexity: O(open jobs).
    func count(_ kind: Job, levels: [Double]) -> Int {
        open.reduce(0) { $0 + (job[$1] == kind && amount($1, level: levels[$1]) != nil ? 1 : 0) }
    }

    /// The amount of an open job: bikes to remove (clearing) or to bring (refilling) to reach the
    /// target count; nil when the zone has no open job or is already there.
    func amount(_ z: Int, level: Double) -> Double? {
        let target = targetCount[z]
        switch job[z] {
        case .clearing where level > target: return level - target
        case .refilling where level < target: return target - level
        default: return nil
        }
    }
}
