import ArgumentParsing
import Foundation
import TideSim

/// `tidesim compare`: several policies on the same riders, with paired differences.
enum CompareCommand {
    static let spec = CommandSpec(
        name: "tidesim compare",
        abstract: "Compare transfer policies on the same riders, with paired differences against the first.",
        discussion: """
            Every policy faces the very same trip attempts in replication r (common random numbers), so
            the paired differences against the first policy measure the policies, not the demand noise.
            """,
        arguments: [ArgumentSpec("scenario", "The scenario file (JSON).")],
        options: [
            .value("--policies", "LIST", "Comma-separated policies, the first being the baseline (default: those of \(PolicyCatalog.names.joined(separator: ",")) the scenario can run)."),
            .value("--replications", "N", "Replications per policy (default 10; 1 with --replay, where nothing is random)."),
            .value("--seed", "S", "Base seed (default: the scenario's seed)."),
        ] + ScenarioOptions.whatIf + ScenarioOptions.replayOptions + [
            .value("--variant", "NAME=WHATIFS", "Also run the policies on a variant of the scenario, such as trucks8=\"--set trucks.count=8\" or small=\"--fleet -30%\" (an empty one is the scenario as it is); paired differences against the first variant. Repeatable.", repeats: true),
            .flag("--bound", "Also compute, on each replication's riders, lower bounds on trips lost and overflow bike-hours that no dispatch with the scenario's trucks can beat, and the share of the gap between none and the bound each policy closes (docs/bound.md)."),
            .value("--threads", "N", "Worker threads for replications (default: all cores). Results do not depend on it."),
            .value("--top", "N", "Zones in the side-by-side hotspot table (default 10)."),
            .value("--out", "DIR", "Write system.csv, zones.csv, paired.csv, transfers.csv and provenance.json into DIR, which each run replaces whole (a DIR holding other files is refused)."),
            .value("--html", "FILE", "Write one self-contained HTML report: the trade-offs, every KPI, the hotspots side by side (- for standard output, in place of the text report)."),
            Output.spreadsheetSafe,
            ScenarioOptions.language,
            .flag("--json", "Print one JSON document instead of the text report."),
        ])

    static func execute(_ arguments: [String]) throws(CommandFailure) {
        guard let args = try Output.open(arguments, spec: spec) else { return }
        let (replications, threads, seedFlag) = try ScenarioOptions.replicationSettings(args, defaultReplications: args.value("--replay") == nil ? 10 : 1, command: spec.name)
        let top = try ScenarioOptions.count(args, "--top", default: 10, in: 1...1_000_000, command: spec.name)
        let language = try ScenarioOptions.language(args, command: spec.name)
        let htmlFile = args.value("--html")
        if htmlFile == "-" && args.flag("--json") {
            throw CommandFailure(usage: "--html - writes the page to standard output, in place of the report; it cannot go with --json", command: spec.name)
        }
        var policies = (args.value("--policies") ?? PolicyCatalog.names.joined(separator: ","))
            .split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        do throws(TideSimError) {
            for p in policies { try ScenarioOptions.checkPolicyName(p, flag: "--policies") }
            if Set(policies).count != policies.count { throw .usage("--policies: a policy is named twice") }
        } catch {
            throw CommandFailure(error, command: spec.name)
        }
        if !args.all("--variant").isEmpty {
            try executeVariants(args, policies: policies, replications: replications, threads: threads, seedFlag: seedFlag, language: language)
            return
        }
        let scenario = try ScenarioOptions.load(args, command: spec.name)
        // By default, every built-in policy the scenario can run (no holding areas: no threshold).
        if args.value("--policies") == nil {
            policies = scenario.runnablePolicies
        }
        for p in policies {
            if let problem = scenario.problem(runningPolicy: p) {
                throw CommandFailure(.usage("--policies: \(problem)"), command: spec.name)
            }
        }

        let model = try ScenarioOptions.replay(args, scenario: scenario, model: Model(scenario), command: spec.name)
        let seed = seedFlag ?? scenario.seed
        let bound = args.flag("--bound")
        let runs = policies.count * replications
        let progress = Progress(label: "tidesim compare", total: runs + (bound ? replications : 0))
        let unit = "replications (\(policies.count) policies × \(replications))" + (bound ? " and bounds" : "")
        progress.update(0, of: unit)
        var report = ComparisonReport.run(model: model, policies: policies, seed: seed, replications: replications, threads: threads,
                                          progress: { progress.update($0, of: unit) })
        if bound {
            report.bound = BoundReport.run(model: model, seed: seed, count: replications, threads: threads,
                                           progress: { progress.update(runs + $0, of: unit) })
        }
        report.provenance = ScenarioOptions.provenance(args, scenario: scenario, seed: seed, policies: policies, replications: replications)
        progress.finish()

        try Output.finishReport(args, files: ComparisonTables.files(report), page: { CompareHTML.render(report, top: max(top, 15), language: language) },
                                json: { ComparisonJSON.render(report) },
                                text: { CompareReportText.render(report, file: args.positionals[0], top: top, language: language) }, command: spec.name)
    }

    /// `compare --variant ...`: the policies on every variant, paired against the first variant.
    static func executeVariants(_ args: ParsedArguments, policies asked: [String], replications: Int, threads: Int, seedFlag: UInt64?,
                                language: ReportLanguage) throws(CommandFailure) {
        var specs: [VariantSpec] = []
        do throws(TideSimError) {
            for text in args.all("--variant") { specs.append(try VariantSpec(parsing: text)) }
            if let twice = specs.map(\.name).firstDuplicate { throw .usage("--variant: the name \(Quote.input(twice)) is given twice") }
        } catch {
            throw CommandFailure(error, command: spec.name)
        }
        var scenarios: [Scenario] = []
        for v in specs {
            do {
                scenarios.append(try ScenarioOptions.load(args, moreSets: v.sets, fleet: v.fleet))
            } catch {
                // A what-if of the variant that does not apply is the variant's usage error.
                if case .usage(let message) = error { throw CommandFailure(.usage("--variant \(v.name): \(message)"), command: spec.name) }
                throw CommandFailure(error, command: spec.name)
            }
        }
        // By default, the built-in policies every variant can run.
        var policies = asked
        if args.value("--policies") == nil {
            policies = policies.filter { p in scenarios.allSatisfy { $0.runnablePolicies.contains(p) } }
        }
        for (v, scenario) in zip(specs, scenarios) {
            for p in policies {
                if let problem = scenario.problem(runningPolicy: p) {
                    throw CommandFailure(.usage("--variant \(v.name): \(problem)"), command: spec.name)
                }
            }
        }
        var models: [(name: String, whatIfs: [String], model: Model)] = []
        for (v, scenario) in zip(specs, scenarios) {
            models.append((v.name, v.whatIfs, try ScenarioOptions.replay(args, scenario: scenario, model: Model(scenario), command: spec.name)))
        }
        let seed = seedFlag ?? scenarios[0].seed
        let bound = args.flag("--bound")
        let progress = Progress(label: "tidesim compare", total: specs.count * (policies.count + (bound ? 1 : 0)) * replications)
        let unit = "replications (\(specs.count) variants × \(policies.count) policies × \(replications))" + (bound ? " and bounds" : "")
        progress.update(0, of: unit)
        let report = VariantComparison.run(variants: models, policies: policies, seed: seed, replications: replications, threads: threads,
                                           bound: bound,
                                           provenance: ScenarioOptions.provenance(args, scenario: scenarios[0], seed: seed, policies: policies,
                                                                                  replications: replications),
                                           progress: { progress.update($0, of: unit) })
        progress.finish()
        try Output.finishReport(args, files: VariantTables.files(report), page: { VariantHTML.render(report, language: language) },
                                json: { VariantJSON.render(report) },
                                text: { CompareReportText.render(report, file: args.positionals[0], language: language) }, command: spec.name)
    }
}

extension Array where Element: Hashable {
    /// The first element that appears again, or nil.
    var firstDuplicate: Element? {
        var seen = Set<Element>()
        return first { !seen.insert($0).inserted }
    }
}
