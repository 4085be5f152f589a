import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
/// The CSV tables of `tidesim compare`: the run tables with a leading `policy` column, and the
/// paired differences.
public enum ComparisonTables {
    /// The files of `compare --out DIR`: the tables and `provenance.json`.
    public static func files(_ report: ComparisonReport) -> [OutputFile] {
        [system(report), zones(report), paired(report), transfers(report)].map(\.file)
            + [OutputFile(name: "provenance.json", text: JSONWriter.render(report.provenance.json))]
    }

    /// A run table with a leading `policy` column, the runs one after another; written by the
    /// run table's own byte writer, with the policy cell as each row's lead.
    private static func stacked(_ report: ComparisonReport, _ table: @escaping (RunReport) -> CSVTable) -> CSVTable {
        let first = table(report.runs[0])
        return CSVTable(name: first.name, header: ["policy"] + first.header, forEachRow: { emit in
            for run in report.runs { table(run).forEachRow { emit([run.policy] + $0) } }
        }, writeRows: { sink, lead in
            for run in report.runs {
                let policy = CSV.escape(sink.spreadsheetSafe ? CSV.spreadsheetSafe(run.policy) : run.policy)
                table(run).write(into: &sink, lead: lead + Array(policy.utf8) + [44])
            }
        })
    }

    /// `system.csv`: the policies' rows, then the bound's (`--bound`).
    public static func system(_ r: ComparisonReport) -> CSVTable {
        let table = stacked(r, ReportTables.system)
        guard let bound = r.bound else { return table }
        return BoundExport.system(table, bound: bound)
    }
    public static func zones(_ r: ComparisonReport) -> CSVTable { stacked(r, ReportTables.zones) }
    public static func transfers(_ r: ComparisonReport) -> CSVTable { stacked(r, ReportTables.transfers) }

    /// `paired.csv`: policy, versus, kpi, meanDifference, sd, ci95.
    public static func paired(_ r: ComparisonReport) -> CSVTable {
        CSVTable(name: "paired.csv", header: ["policy", "versus", "kpi", "meanDifference", "sd", "ci95"]) { emit in
            for (i, run) in r.runs.dropFirst().enumerated() {
                for k in SystemKPI.allCases {
                    let s = r.paired[i][k.rawValue]
                    emit([run.policy, r.runs[0].policy, k.key, ReportTables.cell(s.mean), ReportTables.cell(s.sd), ReportTables.cell(s.ci95)])
                }
            }
        }
    }
}

/// The JSON document of `tidesim compare --json`, written as it is made (no tree of values).
public enum ComparisonJSON {
    public static func render(_ r: ComparisonReport) -> String {
        let base = r.runs[0]
        var w = JSONWriter()
        w.beginObject()
        w.member("tidesim", TideSimVersion.string)
        w.member("scenario", base.model.name)
        w.member("scenarioFile", r.provenance.scenarioFile)
        w.member("seed", .integer(base.seed))
        w.member("replications", Double(base.replications.count))
        w.member("whatIfs", .array(r.provenance.whatIfs.map { .string($0) }))
        writeResults(r, into: &w)
        w.endObject()
        return w.finish()
    }

    /// Writes a comparison's results into an open object: `costs` (when the scenario states
    /// them), `policies` (each policy's run results) and `paired` (the differences against the
    /// first policy). The variants' document shares them.
    static func writeResults(_ r: ComparisonReport, into w: inout JSONWriter) {
        if let day = r.runs[0].model.costPerDay { w.member("costs", ReportJSON.costs(day)) }
        w.key("policies")
        w.beginArray(inline: false)
        for run in r.runs {
            w.element()
            w.beginObject()
            w.member("policy", run.policy)
            ReportJSON.writeResults(run, into: &w)
            w.endObject()
        }
        w.endArray()
        w.member("paired", .array(r.runs.dropFirst().enumerated().map { i, run in
            .object([("policy", .string(run.policy)), ("versus", .string(r.runs[0].policy)), ("system", ReportJSON.differences(r.paired[i]))])
        }))
        if let bound = r.bound { BoundExport.write(bound, runs: r.runs, into: &w) }
    }
}
