import TideSimIO
import TideSimEngine
import TideSimModel
import TideSimCore

/// `compare --variant ... --html FILE`: the variants (their what-ifs and the day's cost of their
/// levers), and per policy each variant's KPIs side by side with the paired differences against
/// the first variant, coloured where the interval excludes 0.
public enum VariantHTML {
    public static func render(_ c: VariantComparison, language: ReportLanguage = .en) -> String {
        let w = ReportWords(language)
        let first = c.variants[0].comparison
        let m = first.runs[0].model
        let base = c.variants[0].name
        var body = "<h2>\(SVG.escape(w("Variants")))</h2>"
        body += HTMLPage.table([w("name"), w("what-ifs"), w("cost of the levers a day")], c.variants.map { v in
            let day = v.comparison.runs[0].model.costPerDay
            return [v.name, v.whatIfs.isEmpty ? w("the scenario as it is") : v.whatIfs.joined(separator: " "),
                    day.map { "\(NumberFormat.number($0.total, decimals: 2)) \($0.currency)" } ?? "-"]
        }, left: [0, 1])
        body += "<p class=\"note\">\(SVG.escape(w("{0} per variant and policy, seed {1}; every variant and policy faces the same riders", w.count(first.runs[0].replications.count, "replication", "replications"), first.runs[0].seed)))</p>"
        for (p, run) in first.runs.enumerated() {
            body += "<h2>\(SVG.escape(w("Policy {0}", run.policy)))</h2>"
            body += HTMLPage.table([w("KPI")] + c.variants.map(\.name), SystemKPI.allCases.map { k in
                [RunHTML.label(k, m, language)] + NumberFormat.summaries(c.variants.map { $0.comparison.runs[p][k] }, k.info)
            })
            guard c.variants.count > 1 else { continue }
            body += "<h3>\(SVG.escape(w("Paired differences against {0} (same riders, same policy)", base)))</h3>"
            var rows = "<table><tr><th class=\"l\">\(w("KPI"))</th>"
            for v in c.variants.dropFirst() { rows += "<th>\(SVG.escape(v.name)) − \(SVG.escape(base))</th>" }
            rows += "</tr>"
            for k in SystemKPI.allCases where k != .tripAttempts {
                rows += "<tr><td class=\"l\">\(SVG.escape(RunHTML.label(k, m, language)))</td>"
                for j in 0..<(c.variants.count - 1) {
                    let s = c.paired[j][p][k.rawValue]
                    rows += "<td class=\"\(CompareHTML.verdict(s, k.info.better))\">\(SVG.escape(NumberFormat.signed(s, k.info)))</td>"
                }
                rows += "</tr>"
            }
            body += rows + "</table>"
        }
        for v in c.variants {
            guard let bound = v.comparison.bound else { continue }
            body += "<h2>\(SVG.escape(w("In {0}:", v.name)))</h2>"
            body += BoundHTML.section(bound, runs: v.comparison.runs, model: v.comparison.runs[0].model, w, language)
        }
        let provenance = VariantTables.provenance(c)
        body += RunHTML.provenanceSection(provenance, model: m, w)
        return HTMLPage.page(title: "\(m.name): \(c.variants.map(\.name).joined(separator: ", "))", provenance: provenance, body: body,
                             language: language)
    }
}
