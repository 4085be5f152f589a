import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers

/// The CSV tables of `tidesim compare --variant`: the comparison tables with a leading `variant`
/// column, and one `paired.csv` with both kinds of pair (a policy against the first policy in its
/// variant, a variant against the first variant under the same policy).
public enum VariantTables {
    /// The files of `compare --variant ... --out DIR`.
    public static func files(_ c: VariantComparison) -> [OutputFile] {
        [stacked(c, ComparisonTables.system), stacked(c, ComparisonTables.zones), paired(c), stacked(c, ComparisonTables.transfers)].map(\.file)
            + [OutputFile(name: "provenance.json", text: JSONWriter.render(provenance(c).json))]
    }

    /// What produced the comparison: the what-ifs every variant shares (the comparisons'
    /// provenance), then each variant as typed.
    public static func provenance(_ c: VariantComparison) -> Provenance {
        var p = c.variants[0].comparison.provenance
        p.whatIfs += c.variants.map { "--variant \($0.name)=\"\($0.whatIfs.joined(separator: " "))\"" }
        return p
    }

    /// A comparison table with a leading `variant` column, the variants one after another.
    static func stacked(_ c: VariantComparison, _ table: @escaping (ComparisonReport) -> CSVTable) -> CSVTable {
        let first = table(c.variants[0].comparison)
        return CSVTable(name: first.name, header: ["variant"] + first.header, forEachRow: { emit in
            for v in c.variants { table(v.comparison).forEachRow { emit([v.name] + $0) } }
        }, writeRows: { sink, lead in
            for v in c.variants {
                let name = CSV.escape(sink.spreadsheetSafe ? CSV.spreadsheetSafe(v.name) : v.name)
                table(v.comparison).write(into: &sink, lead: lead + Array(name.utf8) + [44])
            }
        })
    }

    /// `paired.csv`: variant, policy, versusVariant, versusPolicy, kpi, meanDifference, sd, ci95.
    public static func paired(_ c: VariantComparison) -> CSVTable {
        CSVTable(name: "paired.csv", header: ["variant", "policy", "versusVariant", "versusPolicy", "kpi", "meanDifference", "sd", "ci95"]) { emit in
            func row(_ v: String, _ p: String, _ vv: String, _ vp: String, _ k: SystemKPI, _ s: Summary) {
                emit([v, p, vv, vp, k.key, ReportTables.cell(s.mean), ReportTables.cell(s.sd), ReportTables.cell(s.ci95)])
            }
            let base = c.variants[0]
            for v in c.variants {
                let r = v.comparison
                for (i, run) in r.runs.dropFirst().enumerated() {
                    for k in SystemKPI.allCases { row(v.name, run.policy, v.name, r.runs[0].policy, k, r.paired[i][k.rawValue]) }
                }
            }
            for (j, v) in c.variants.dropFirst().enumerated() {
                for (p, run) in v.comparison.runs.enumerated() {
                    for k in SystemKPI.allCases { row(v.name, run.policy, base.name, run.policy, k, c.paired[j][p][k.rawValue]) }
                }
            }
        }
    }
}

/// The JSON document of `tidesim compare --variant ... --json`, written as it is made.
public enum VariantJSON {
    public static func render(_ c: VariantComparison) -> String {
        let first = c.variants[0].comparison
        var w = JSONWriter()
        w.beginObject()
        w.member("tidesim", TideSimVersion.string)
        w.member("scenario", first.runs[0].model.name)
        w.member("scenarioFile", first.provenance.scenarioFile)
        w.member("seed", .integer(first.runs[0].seed))
        w.member("replications", Double(first.runs[0].replications.count))
        w.member("whatIfs", .array(VariantTables.provenance(c).whatIfs.map { .string($0) }))
        w.key("variants")
        w.beginArray(inline: false)
        for v in c.variants {
            w.element()
            w.beginObject()
            w.member("name", v.name)
            w.member("whatIfs", .array(v.whatIfs.map { .string($0) }))
            ComparisonJSON.writeResults(v.comparison, into: &w)
            w.endObject()
        }
        w.endArray()
        var paired: [JSONValue] = []
        for (j, v) in c.variants.dropFirst().enumerated() {
            for (p, run) in v.comparison.runs.enumerated() {
                paired.append(.object([("variant", .string(v.name)), ("versus", .string(c.variants[0].name)), ("policy", .string(run.policy)),
                                       ("system", ReportJSON.differences(c.paired[j][p]))]))
            }
        }
        w.member("pairedVariants", .array(paired))
        w.endObject()
        return w.finish()
    }
}
