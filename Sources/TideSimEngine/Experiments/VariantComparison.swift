import TideSimModel
import TideSimCore
import TideSimBuffers

/// `tidesim compare --variant`: the policies run on each variant of a scenario (another fleet,
/// more trucks, a lot closed), every variant and policy on the same seed, so that replication r
/// meets the same riders throughout, and each variant's paired differences against the first,
/// policy by policy.
///
/// Pairing is by replication: the difference of variant v and the first under policy p is taken
/// in each replication, then summarised. Where a variant leaves the demand as it is (a fleet, the
/// trucks, a capacity), both face the very same riders and the interval measures the change
/// alone; a variant that changes the demand (`demand.scale`) is still paired by seed, which keeps
/// what the two share.
public struct VariantComparison: Sendable {
    /// One variant: its name, its what-ifs as typed, and its comparison of the policies.
    public struct Variant: Sendable {
        public let name: String
        /// The variant's own `--set` and `--fleet`, as typed (empty: the scenario as it is).
        public let whatIfs: [String]
        public let comparison: ComparisonReport

        public init(name: String, whatIfs: [String], comparison: ComparisonReport) {
            self.name = name
            self.whatIfs = whatIfs
            self.comparison = comparison
        }
    }

    public let variants: [Variant]
    /// `paired[v - 1][p][k]`: variant v minus the first variant, under policy p, of system KPI k
    /// (indexed by ``SystemKPI/rawValue``), summarised over the paired replications.
    public let paired: [[[Summary]]]

    /// Pairs the variants' comparisons, which must run the same policies on the same replications.
    public init(variants: [Variant]) {
        precondition(!variants.isEmpty)
        let base = variants[0].comparison
        for v in variants {
            precondition(v.comparison.runs.map(\.policy) == base.runs.map(\.policy), "every variant runs the same policies")
            precondition(v.comparison.runs[0].replications.count == base.runs[0].replications.count, "every variant runs the same replications")
        }
        self.variants = variants
        paired = variants.dropFirst().map { v in
            zip(v.comparison.runs, base.runs).map { Summary.pairedDifferences($0.replications, $1.replications) }
        }
    }

    /// Runs every policy on every variant's model, with the same seed and replications.
    /// - Parameter bound: Whether to compute each variant's dispatch bound too (``BoundReport``).
    /// - Parameter progress: Called after each replication with the number done of
    ///   `models.count × (policies.count + 1 if bound) × replications` (from any thread).
    /// - Parameter provenance: What every variant shares (the scenario, the seed, the what-ifs
    ///   given outside the variants); each comparison carries it.
    public static func run(variants models: [(name: String, whatIfs: [String], model: Model)], policies: [String], seed: UInt64,
                           replications: Int, threads: Int, bound: Bool = false, provenance: Provenance? = nil,
                           progress: (@Sendable (Int) -> Void)? = nil) -> VariantComparison {
        let runs = policies.count * replications
        let perVariant = runs + (bound ? replications : 0)
        return VariantComparison(variants: models.enumerated().map { i, v in
            var report = ComparisonReport.run(model: v.model, policies: policies, seed: seed, replications: replications, threads: threads,
                                              progress: progress.map { p in { @Sendable done in p(i * perVariant + done) } })
            if bound {
                report.bound = BoundReport.run(model: v.model, seed: seed, count: replications, threads: threads,
                                               progress: progress.map { p in { @Sendable done in p(i * perVariant + runs + done) } })
            }
            if let provenance { report.provenance = provenance }
            return Variant(name: v.name, whatIfs: v.whatIfs, comparison: report)
        })
    }
}
