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

    /// One line in a report's language: `tidesim 0.2.0, scenarios/x.json ("Name"), seed 7,
    /// policy threshold, 3 replications, --set a=1`.
    public func line(_ language: ReportLanguage = .en) -> String {
        let w = ReportWords(language)
        var parts = ["tidesim \(version)", "\(scenarioFile) (\"\(scenarioName)\")", w("seed {0}", seed),
                     w(policies.count == 1 ? "policy {0}" : "policies {0}", policies.joined(separator: ", ")),
                     w.count(replications, "replication", "replications")]
        parts.append(whatIfs.isEmpty ? w("no what-ifs") : whatIfs.joined(separator: " "))
        return parts.joined(separator: language == .zh ? "，" : ", ")
    }

    /// As a JSON object (the seed as an exact integer).
    public var json: JSONValue {
        .object([("tidesim", .string(version)), ("scenarioFile", .string(scenarioFile)), ("scenario", .string(scenarioName)),
                 ("seed", .integer(seed)), ("policies", .array(policies.map { .string($0) })),
                 ("replications", .number(Double(replications))), ("whatIfs", .array(whatIfs.map { .string($0) }))])
    }
}
