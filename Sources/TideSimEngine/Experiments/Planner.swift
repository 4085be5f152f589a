import TideSimModel
import TideSimCore

/// `tidesim plan`: the cheapest design (a combination of lever values) whose KPIs meet every
/// target at a stated confidence, found by spending replications only where they decide something.
///
/// The designs are taken in order of cost, cheapest first (equal costs together, in grid order).
/// Each design gets replications in batches (common random numbers: replication r of every design
/// meets the same riders) until a one-sided t bound decides every target: the design **meets** a
/// target when the bound on the KPI's mean lies on the target's side, and **fails** it when the
/// opposite bound lies beyond it. A design that fails one target is eliminated at once, however
/// few replications that took; a design that meets all of them is chosen, and no dearer design is
/// run. A design still undecided after ``Settings/maximumReplications`` is reported as such and
/// passed over: the plan never claims what it could not show.
///
/// The guarantee: each look at a design spends `(1 - confidence) / (targets × looks)` of error
/// (Bonferroni over the targets and over the looks a design can get), so a design reported as
/// meeting every target does so with at least the stated confidence, under the t approximation
/// of the replications' means; the same holds for each elimination. It does not hold for designs
/// reported undecided, nor when a KPI's distribution is far from normal with few replications.
public enum Planner {
    /// One design: its lever values (in the levers' order) and its day's cost.
    public struct Design: Sendable, Equatable {
        public let values: [String]
        public let cost: Double

        public init(values: [String], cost: Double) {
            self.values = values
            self.cost = cost
        }
    }

    public struct Settings: Sendable {
        public var confidence = 0.95
        /// Replications a design gets at its first look.
        public var firstBatch = 5
        /// Replications added at each later look.
        public var batch = 5
        /// The most replications a design gets (the brute-force grid's per design).
        public var maximumReplications = 30
        /// The most replications in all; nil for no bound beyond the brute force's.
        public var budget: Int?

        public init() {}

        /// Looks a design can get: the first and every batch after it.
        public var looks: Int { 1 + max(0, (maximumReplications - firstBatch + batch - 1) / batch) }
    }

    /// What became of a design.
    public enum Verdict: String, Sendable {
        /// Every target met at the confidence: the chosen design, or one as cheap.
        case meets
        /// A target failed at the confidence: eliminated.
        case fails
        /// Neither shown within the most replications, or when the budget ran out.
        case undecided
        /// Dearer than the chosen design (or the budget ran out first): never run.
        case notRun
    }

    /// One target's state in a design: the KPI's mean, the 95% half-width, and the one-sided
    /// bound the decision used (nil before two replications).
    public struct TargetState: Sendable {
        public let mean: Double?
        public let ci95: Double?
        public let bound: Double?
        public let met: Bool?
    }

    public struct DesignState: Sendable {
        public let design: Design
        public var replications: [ReplicationResult] = []
        public var verdict: Verdict = .notRun
        public var targets: [TargetState] = []
    }

    public struct Outcome: Sendable {
        /// Designs in grid order, with what became of each.
        public let designs: [DesignState]
        /// The chosen design's index, or nil when none was shown to meet every target.
        public let chosen: Int?
        /// Replications run in all, and what running every design to the most replications takes.
        public let runs: Int
        public let bruteForceRuns: Int
        /// Whether the budget stopped the plan before it had decided.
        public let budgetSpent: Bool
    }

    /// Runs the plan. `evaluate(design, first, count)` runs replications `first ..< first + count`
    /// (1-based) of a design; `progress(runs, designsLeft)` after each batch.
    public static func run(designs: [Design], targets: [PlanTarget], settings: Settings,
                           evaluate: (Int, Int, Int) -> [ReplicationResult],
                           progress: ((Int, Int) -> Void)? = nil) -> Outcome {
        precondition(!designs.isEmpty && !targets.isEmpty && settings.firstBatch >= 2 && settings.batch >= 1)
        var states = designs.map { DesignState(design: $0) }
        let order = designs.indices.sorted { (designs[$0].cost, $0) < (designs[$1].cost, $1) }
        let alpha = (1 - settings.confidence) / Double(targets.count * settings.looks)
        let bruteForce = designs.count * settings.maximumReplications
        let budget = min(settings.budget ?? bruteForce, bruteForce)
        var runs = 0, chosen: Int?, budgetSpent = false
        var k = 0
        groups: while k < order.count {
            // A group of designs of equal cost: decide all, then choose the first that meets.
            var end = k
            while end < order.count && designs[order[end]].cost == designs[order[k]].cost { end += 1 }
            for d in order[k..<end] {
                while states[d].verdict == .notRun || states[d].verdict == .undecided {
                    let n = states[d].replications.count
                    if n >= settings.maximumReplications { states[d].verdict = .undecided; break }
                    let count = min(n == 0 ? settings.firstBatch : settings.batch, settings.maximumReplications - n)
                    if runs + count > budget { budgetSpent = true; if n > 0 { states[d].verdict = .undecided }; break groups }
                    states[d].replications += evaluate(d, n + 1, count)
                    runs += count
                    (states[d].verdict, states[d].targets) = decide(states[d].replications, targets, alpha: alpha)
                    progress?(runs, order.count - k)
                }
            }
            if let first = order[k..<end].filter({ states[$0].verdict == .meets }).min() {
                chosen = first
                break
            }
            k = end
        }
        return Outcome(designs: states, chosen: chosen, runs: runs, bruteForceRuns: bruteForce, budgetSpent: budgetSpent)
    }

    /// The brute force of a slice of the grid (`plan --shard I/N`): every design of `slice` run to
    /// the most replications and judged once, at one look (error (1 - confidence) / targets per
    /// design). The shards' rows, concatenated, are the whole grid; the cheapest row that meets is
    /// the answer.
    public static func bruteForce(designs: [Design], slice: Range<Int>, targets: [PlanTarget], settings: Settings,
                                  evaluate: (Int, Int, Int) -> [ReplicationResult]) -> Outcome {
        var states = designs.map { DesignState(design: $0) }
        let alpha = (1 - settings.confidence) / Double(targets.count)
        for d in slice {
            states[d].replications = evaluate(d, 1, settings.maximumReplications)
            (states[d].verdict, states[d].targets) = decide(states[d].replications, targets, alpha: alpha)
        }
        return Outcome(designs: states, chosen: nil, runs: slice.count * settings.maximumReplications,
                       bruteForceRuns: designs.count * settings.maximumReplications, budgetSpent: false)
    }

    /// The verdict on a design's replications, and each target's state.
    static func decide(_ results: [ReplicationResult], _ targets: [PlanTarget], alpha: Double) -> (Verdict, [TargetState]) {
        var states: [TargetState] = []
        var anyFails = false, allMeet = true
        for t in targets {
            let values = results.compactMap { $0.system[t.kpi.rawValue] }
            let s = Summary(values)
            guard let mean = s.mean, values.count >= 2, let sd = s.sd else {
                states.append(TargetState(mean: s.mean, ci95: s.ci95, bound: nil, met: nil))
                allMeet = false
                continue
            }
            let half = StudentT.quantile(1 - alpha, degreesOfFreedom: Double(values.count - 1)) * sd / Double(values.count).squareRoot()
            // The bound on the side that must hold, and the one beyond which the target fails.
            let near = t.relation.wantsSmall ? mean + half : mean - half
            let far = t.relation.wantsSmall ? mean - half : mean + half
            let met: Bool? = t.holds(near) ? true : (t.holds(far) ? nil : false)
            if met == false { anyFails = true }
            if met != true { allMeet = false }
            states.append(TargetState(mean: mean, ci95: s.ci95, bound: near, met: met))
        }
        return (anyFails ? .fails : (allMeet ? .meets : .undecided), states)
    }
}
