import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers

/// The dispatch bound in the output files (`--bound`, docs/bound.md): rows `bound` in
/// `system.csv` and a `bound` member in the JSON documents.
public enum BoundExport {
    /// The `system.csv` rows of the bound after the policy cell: `bound`, the replication, and
    /// the KPIs it bounds (the others empty).
    static func systemRows(_ bound: BoundReport) -> [[String]] {
        bound.bounds.map { b in ["bound", String(b.replication)] + SystemKPI.allCases.map { ReportTables.cell(b[$0]) } }
    }

    /// A `system.csv` with a leading `policy` column, the runs' rows and then the bound's.
    static func system(_ table: CSVTable, bound: BoundReport) -> CSVTable {
        let rows = systemRows(bound)
        return CSVTable(name: table.name, header: table.header, forEachRow: { emit in
            table.forEachRow(emit)
            rows.forEach(emit)
        }, writeRows: { sink, lead in
            table.write(into: &sink, lead: lead)
            for row in rows {
                sink.append(lead)
                sink.row(row)
            }
        })
    }

    /// `"bound": {"kpis", "system": {kpi: summary}, "none": {kpi: summary}, "replications": [...],
    /// "closes": [{"policy", kpi: share}]}`.
    static func write(_ bound: BoundReport, runs: [RunReport], into w: inout JSONWriter) {
        let kpis = DispatchBound.kpis
        w.member("bound", .object([
            ("kpis", .array(kpis.map { .string($0.key) })),
            ("system", .object(kpis.enumerated().map { i, k in (k.key, ReportJSON.summary(bound.bound[i])) })),
            ("none", .object(kpis.enumerated().map { i, k in (k.key, ReportJSON.summary(bound.none[i])) })),
            ("replications", .array(bound.bounds.map { b in
                .object([("replication", .number(Double(b.replication)))] + kpis.map { ($0.key, ReportJSON.number(b[$0])) })
            })),
            ("closes", .array(runs.map { run in
                .object([("policy", .string(run.policy))] + kpis.map { ($0.key, ReportJSON.number(bound.closes(run, $0))) })
            })),
        ]))
    }
}
