import TideSimModel
import TideSimCore
import TideSimBuffers
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
    /// The best any dispatch could do on the same riders (`--bound`), when asked for.
    public var bound: BoundReport?

    public init(runs: [RunReport]) {
        precondition(!runs.isEmpty)
        self.runs = runs
        let base = runs[0]
        provenance = base.provenance
        provenance.policies = runs.map(\.policy)
        paired = runs.dropFirst().map { Summary.pairedDifferences($0.replications, base.replications) }
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
