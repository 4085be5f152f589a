import TideSimIO
import TideSimEngine
import TideSimModel
import TideSimCore

/// The text report of `tidesim compare`: each policy's KPIs, the paired differences against the
/// first policy, what each policy trades, and the hotspots side by side. Tables have a column per
/// policy, so four policies fit in about 100 columns.
public enum CompareReportText {
    /// The system KPIs compared, in order (``ReportLayout/compared``).
    static let kpis = ReportLayout.compared

    public static func render(_ report: ComparisonReport, file: String, top: Int, language: ReportLanguage = .en) -> String {
        let w = ReportWords(language)
        let base = report.runs[0]
        let m = base.model
        let n = base.replications.count
        var out = "\(m.name) (\(file)), tidesim \(report.provenance.version)\n"
        if !report.provenance.whatIfs.isEmpty { out += w("what-ifs: {0}", report.provenance.whatIfs.joined(separator: " ")) + "\n" }
        out += w("{0} per policy, seed {1}; every policy faces the same riders", w.count(n, "replication", "replications"), base.seed) + "\n"
        if n > 1 { out += w("values are means ± the half-width of the 95% confidence interval") + "\n" }
        if let day = m.costPerDay { out += RunReportText.costLine(day, w) + "\n" }
        let kpis = ReportLayout.compared(m)
        out += "\n" + w("System KPIs") + "\n"
        var table = TextTable(header: [w("KPI")] + report.runs.map(\.policy) + (report.bound == nil ? [] : [w("bound")]))
        for k in [SystemKPI.tripAttempts] + kpis {
            table.add([k.label(measuredDays: m.measuredDays, language)] + BoundText.cells(report.runs, report.bound, k))
        }
        out += table.render()
        if let bound = report.bound { out += BoundText.section(bound, runs: report.runs, measuredDays: m.measuredDays, w, language) }

        if report.runs.count > 1 {
            out += "\n" + w("Paired differences against {0} (same riders; an interval that excludes 0 is a real difference)", base.policy) + "\n"
            var paired = TextTable(header: [w("KPI")] + report.runs.dropFirst().map { "\($0.policy) − \(base.policy)" })
            for k in kpis {
                paired.add([k.label(measuredDays: m.measuredDays, language)] + report.paired.map { NumberFormat.signed($0[k.rawValue], k.info) })
            }
            out += paired.render()
            out += "\n" + w("What each policy trades against {0}", base.policy) + "\n"
            for (i, run) in report.runs.dropFirst().enumerated() {
                out += "  \(run.policy): \(report.tradeOff(i, language))\n"
            }
        }

        let ranking = base.hotspotRanking().prefix(top)
        let dockedOnly = ReportLayout.dockedOnly(m)
        out += "\n" + (dockedOnly ? w("Hotspots side by side (top {0} zones by failed returns under {1})", ranking.count, base.policy)
            : w("Hotspots side by side (top {0} zones by overflow bike-hours under {1})", ranking.count, base.policy)) + "\n"
        for (title, cell) in dockedOnly ? dockedHotspotColumns : hotspotColumns {
            out += "  \(w(title))\n"
            var hot = TextTable(header: [w("zone"), w("capacity")] + report.runs.map(\.policy))
            for z in ranking {
                hot.add([m.zoneID[z], NumberFormat.number(Double(m.zoneCapacity[z]))] + report.runs.map { cell($0, z) })
            }
            out += hot.render(indent: 4)
        }
        return out
    }

    /// The stacked hotspot tables of a system of docked zones only.
    static let dockedHotspotColumns: [(String, @Sendable (RunReport, Int) -> String)] = [
        ("failed returns", { run, z in NumberFormat.number(run[zone: z, .failedReturns].mean ?? 0) }),
        ("lost rentals", { run, z in NumberFormat.number(run[zone: z, .lostRentals].mean ?? 0) }),
        ("minutes empty", { run, z in NumberFormat.number(run[zone: z, .emptyMinutes].mean ?? 0) }),
    ]

    /// The stacked hotspot tables: a title and what each policy's cell shows.
    static let hotspotColumns: [(String, @Sendable (RunReport, Int) -> String)] = [
        ("overflow bike-hours", { run, z in NumberFormat.number(run[zone: z, .overflowBikeHours].mean ?? 0) }),
        ("lost rentals", { run, z in NumberFormat.number(run[zone: z, .lostRentals].mean ?? 0) }),
        ("over capacity, first to last (median over replications)", { run, z in
            run.clock(zone: z, .firstOverCapacity).map { "\($0)-\(run.clock(zone: z, .lastOverCapacity) ?? "")" } ?? "-"
        }),
    ]
}

extension CompareReportText {
    /// The text report of `compare --variant`: per policy, each variant's KPIs side by side and
    /// their paired differences against the first variant; then, per variant, what each policy
    /// trades against the first policy.
    public static func render(_ c: VariantComparison, file: String, language: ReportLanguage = .en) -> String {
        let w = ReportWords(language)
        let first = c.variants[0].comparison.runs[0]
        let m = first.model
        let n = first.replications.count
        var out = "\(m.name) (\(file)), tidesim \(c.variants[0].comparison.provenance.version)\n"
        let shared = c.variants[0].comparison.provenance.whatIfs
        if !shared.isEmpty { out += w("what-ifs: {0}", shared.joined(separator: " ")) + "\n" }
        out += w("variants") + ":\n"
        for v in c.variants {
            out += "  \(v.name): \(v.whatIfs.isEmpty ? w("the scenario as it is") : v.whatIfs.joined(separator: " "))\n"
            if let day = v.comparison.runs[0].model.costPerDay { out += "    " + RunReportText.costLine(day, w) + "\n" }
        }
        out += w("{0} per variant and policy, seed {1}; every variant and policy faces the same riders", w.count(n, "replication", "replications"),
                 first.seed) + "\n"
        if n > 1 { out += w("values are means ± the half-width of the 95% confidence interval") + "\n" }
        let base = c.variants[0].name
        let kpis = ReportLayout.compared(m)
        for (p, run) in c.variants[0].comparison.runs.enumerated() {
            out += "\n" + w("Policy {0}", run.policy) + "\n"
            var table = TextTable(header: [w("KPI")] + c.variants.map(\.name))
            for k in [SystemKPI.tripAttempts] + kpis {
                table.add([k.label(measuredDays: m.measuredDays, language)] + NumberFormat.summaries(c.variants.map { $0.comparison.runs[p][k] }, k.info))
            }
            out += table.render()
            if c.variants.count > 1 {
                out += "  " + w("Paired differences against {0} (same riders, same policy)", base) + "\n"
                var paired = TextTable(header: [w("KPI")] + c.variants.dropFirst().map { "\($0.name) − \(base)" })
                for k in kpis {
                    paired.add([k.label(measuredDays: m.measuredDays, language)] + c.paired.map { NumberFormat.signed($0[p][k.rawValue], k.info) })
                }
                out += paired.render(indent: 4)
            }
        }
        if c.variants[0].comparison.runs.count > 1 {
            for v in c.variants {
                out += "\n" + w("In {0}, what each policy trades against {1}", v.name, v.comparison.runs[0].policy) + "\n"
                for (i, run) in v.comparison.runs.dropFirst().enumerated() { out += "  \(run.policy): \(v.comparison.tradeOff(i, language))\n" }
            }
        }
        for v in c.variants {
            guard let bound = v.comparison.bound else { continue }
            out += "\n" + w("In {0}:", v.name)
            out += BoundText.section(bound, runs: v.comparison.runs, measuredDays: m.measuredDays, w, language)
        }
        return out
    }
}
