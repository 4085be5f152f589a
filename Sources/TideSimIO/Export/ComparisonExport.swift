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

    public static func system(_ r: ComparisonReport) -> CSVTable { stacked(r, ReportTables.system) }
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

/// The JSON document of `tidesim compare --json`.
public enum ComparisonJSON {
    public static func document(_ r: ComparisonReport) -> JSONValue {
        let base = r.runs[0]
        let policies: [JSONValue] = r.runs.map { run in
            guard case .object(let members) = ReportJSON.document(run) else { return .null }
            let keep = members.filter { ["system", "zones", "holdingAreas"].contains($0.key) }
            return .object([("policy", .string(run.policy))] + keep)
        }
        let paired: [JSONValue] = r.runs.dropFirst().enumerated().map { i, run in
            let system: [(key: String, value: JSONValue)] = SystemKPI.allCases.map { k in
                let s = r.paired[i][k.rawValue]
                return (k.key, .object([("meanDifference", ReportJSON.number(s.mean)), ("sd", ReportJSON.number(s.sd)),
                                        ("ci95", ReportJSON.number(s.ci95))]))
            }
            return .object([("policy", .string(run.policy)), ("versus", .string(base.policy)), ("system", .object(system))])
        }
        return .object([
            ("tidesim", .string(TideSimVersion.string)),
            ("scenario", .string(base.model.name)),
            ("scenarioFile", .string(r.provenance.scenarioFile)),
            ("seed", .integer(base.seed)),
            ("replications", .number(Double(base.replications.count))),
            ("whatIfs", .array(r.provenance.whatIfs.map { .string($0) })),
        ] + (base.model.costPerDay.map { [("costs", ReportJSON.costs($0))] } ?? []) + [
            ("policies", .array(policies)),
            ("paired", .array(paired)),
        ])
    }
}
