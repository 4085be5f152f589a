/// The outcome of `tidesim compare`: one run per policy over the same replications (common
/// random numbers), and each policy's paired differences against the first.
public struct ComparisonReport: Sendable {
    /// One report per policy, in the order asked.
    public let runs: [RunReport]
    /// For each policy after the first, the summary of the per-replication differences
    /// (policy minus first policy) of every system KPI, indexed by ``SystemKPI/rawValue``.
    public let paired: [[Summary]]
    /// What produced the comparison.
    public var provenance: Provenance

    public init(runs: [RunReport]) {
        precondition(!runs.isEmpty)
        self.runs = runs
        let base = runs[0]
        provenance = base.provenance
        provenance.policies = runs.map(\.policy)
        paired = runs.dropFirst().map { run in
            SystemKPI.allCases.map { k in
                Summary(zip(run.replications, base.replications).map { a, b in
                    guard let x = a.system[k.rawValue], let y = b.system[k.rawValue] else { return nil }
                    return x - y
                })
            }
        }
    }

    /// One sentence on what policy `i + 1` gains and costs against the first in trips, overflow
    /// and truck work, read off the paired intervals: a change is named only when its interval
    /// excludes 0.
    public func tradeOff(_ i: Int, _ language: ReportLanguage = .en) -> String {
        let w = ReportWords(language)
        func change(_ k: SystemKPI, more: String, fewer: String) -> String {
            let s = paired[i][k.rawValue]
            guard let mean = s.mean else { return w("{0} undefined", k.info.label(language)) }
            let amount = NumberFormat.number(abs(mean), decimals: k.info.decimals)
            let unit = k.info.unit(language)
            guard let ci = s.ci95 else { return "\(w(mean >= 0 ? more : fewer)) \(amount) \(unit) \(w("(one replication)"))" }
            if mean - ci > 0 { return "\(w(more)) \(amount) \(unit)" }
            if mean + ci < 0 { return "\(w(fewer)) \(amount) \(unit)" }
            return w("no clear change in {0}", k.info.label(language))
        }
        return [change(.tripsLost, more: "loses", fewer: "saves"),
                change(.overflowBikeHours, more: "adds", fewer: "clears"),
                change(.truckKm, more: "drives", fewer: "drives less by")].joined(separator: language == .zh ? "，" : ", ")
    }

    /// Runs every policy on the same replications.
    /// - Parameter progress: Called after each replication with the number done of
    ///   `policies.count × replications` (from any thread).
    public static func run(model: Model, policies: [String], seed: UInt64, replications: Int, threads: Int,
                           progress: (@Sendable (Int) -> Void)? = nil) -> ComparisonReport {
        ComparisonReport(runs: policies.enumerated().map { k, name in
            RunReport(model: model, policy: name, seed: seed,
                      replications: Replications.run(model: model, policy: name, seed: seed, count: replications, threads: threads,
                                                     progress: progress.map { p in { @Sendable done in p(k * replications + done) } }))
        })
    }
}
