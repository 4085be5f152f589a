import TideSimModel
import TideSimCore
import TideSimBuffers
/// What produced an output: the tool's version, the scenario (file and name), the seed, the
/// policy or policies, the replications and every what-if. Every output carries it, so a file
/// found next month says how to make it again.
public struct Provenance: Sendable, Equatable {
    public var version = TideSimVersion.string
    /// The scenario file as the user named it.
    public var scenarioFile: String
    public var scenarioName: String
    public var seed: UInt64
    /// The policy of a run, or the policies of a comparison in order.
    public var policies: [String]
    public var replications: Int
    /// The what-ifs in the order given: `--set PATH=VALUE` and `--fleet N`, as typed.
    public var whatIfs: [String]

    public init(scenarioFile: String, scenarioName: String, seed: UInt64, policies: [String], replications: Int, whatIfs: [String]) {
        self.scenarioFile = scenarioFile
        self.scenarioName = scenarioName
        self.seed = seed
        self.policies = policies
        self.replications = replications
        self.whatIfs = whatIfs
    }
}
