import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
extension Provenance {
    /// As a JSON object (the seed as an exact integer).
    public var json: JSONValue {
        .object([("tidesim", .string(version)), ("scenarioFile", .string(scenarioFile)), ("scenario", .string(scenarioName)),
                 ("seed", .integer(seed)), ("policies", .array(policies.map { .string($0) })),
                 ("replications", .number(Double(replications))), ("whatIfs", .array(whatIfs.map { .string($0) }))])
    }
}
