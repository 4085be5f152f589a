import TideSimIO
import TideSimEngine
import TideSimModel
import TideSimCore
extension Provenance {
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
}
