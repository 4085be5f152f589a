import ArgumentParsing
import TideSim

/// `tidesim plan`: the cheapest combination of levers whose KPIs meet every target.
enum PlanCommand {
    static let spec = CommandSpec(
        name: "tidesim plan",
        abstract: "Find the cheapest combination of levers whose KPIs meet every target, with a stated confidence.",
        discussion: """
            The designs are every combination of the --lever values, ranked by the day's cost of their levers
            (the scenario's "costs"). Cheapest first, each design gets replications in batches, the same
            riders for every design, until a one-sided bound decides each target; a design that fails a
            target is dropped at once, the first that meets them all is chosen, and dearer ones are never
            run. Says how many runs it used against the brute-force grid, and why the cheaper designs lost.
            See docs/planning.md.
            """,
        arguments: [ArgumentSpec("scenario", "The scenario file (JSON), with \"costs\".")],
        options: [
            .value("--lever", "PATH=A:B:STEP|V1,V2,...", "A lever and its values: any --set path, or fleet (a count or a change such as -30%). Repeatable.", repeats: true),
            .value("--target", "KPI<=X", "A target on a system KPI's mean: <=, >=, < or >, such as clearanceBreaches<=5. Repeatable.", repeats: true),
            .value("--confidence", "C", "Confidence of every verdict, from 0.5 to 0.999 (default 0.95)."),
            .value("--max-replications", "N", "The most replications a design gets, as many as the brute-force grid gives each (default 30)."),
            .value("--budget", "RUNS", "The most replications in all (default: the brute force's, designs × --max-replications)."),
            .value("--seed", "S", "Base seed (default: the scenario's seed)."),
            .value("--policy", "P", "Transfer policy of every design, unless a lever sets policy.name (default: the scenario's)."),
        ] + ScenarioOptions.whatIf + [
            .value("--threads", "N", "Worker threads for replications (default: all cores). Results do not depend on it."),
            .value("--out", "DIR", "Write plan.csv (a row per design) and provenance.json into DIR, which each run replaces whole; with --shard, the CSV file of the slice's rows."),
            .value("--shard", "I/N", "Run the brute force of the I-th of N slices of the grid instead (every design to --max-replications); the shards' files, concatenated, are the whole grid."),
            .flag("--json", "Print one JSON document instead of the text report."),
        ])

    static func execute(_ arguments: [String]) throws(CommandFailure) {
        guard let args = try Output.open(arguments, spec: spec) else { return }
        let threads = try ScenarioOptions.count(args, "--threads", default: Replications.defaultThreads, in: 1...1024, command: spec.name)
        let seedFlag = try ScenarioOptions.seed(args, command: spec.name)
        var settings = Planner.Settings()
        settings.maximumReplications = try ScenarioOptions.count(args, "--max-replications", default: 30, in: 2...100_000, command: spec.name)
        settings.firstBatch = min(5, settings.maximumReplications)
        let levers: SweepPlan, targets: [PlanTarget]
        var shard: (index: Int, count: Int)?
        do throws(TideSimError) {
            if args.all("--lever").isEmpty { throw .usage("missing '--lever PATH=A:B:STEP', such as --lever trucks.count=2:16:2") }
            levers = try PlanLevers.grid(args.all("--lever"))
            if args.all("--target").isEmpty { throw .usage("missing '--target KPI<=X', such as --target clearanceBreaches<=5") }
            targets = try args.all("--target").map { (t: String) throws(TideSimError) -> PlanTarget in try PlanTarget(parsing: t) }
            if let text = args.value("--confidence") {
                guard let c = Double(text), c >= 0.5, c <= 0.999 else { throw .usage("--confidence expects a number from 0.5 to 0.999, got \(Quote.input(text))") }
                settings.confidence = c
            }
            settings.budget = try ScenarioOptions.integer(args, "--budget", in: 1...100_000_000)
            if let p = args.value("--policy") { try ScenarioOptions.checkPolicyName(p, flag: "--policy") }
            shard = try ScenarioOptions.shard(args)
            if shard != nil, args.value("--out") == nil || args.flag("--json") {
                throw .usage("--shard writes the slice's rows to --out FILE.csv (and not --json)")
            }
        } catch {
            throw CommandFailure(error, command: spec.name)
        }

        // Every design is loaded and priced before anything runs: a bad value runs nothing.
        var scenarios: [Scenario] = []
        var designs: [Planner.Design] = []
        for k in 0..<levers.count {
            let whatIfs = Sweep.whatIfs(levers, point: k)
            let scenario: Scenario
            do {
                scenario = try ScenarioOptions.load(args, moreSets: whatIfs.sets, fleet: whatIfs.fleet)
            } catch {
                throw CommandFailure(error, command: spec.name)
            }
            guard let cost = scenario.costPerDay else {
                throw CommandFailure(usage: "plan ranks designs by the day's cost of their levers, and the scenario states no costs; "
                    + "add \"costs\": {\"truckPerDay\": ..., \"holdingAreaPerDay\": ..., \"bikePerDay\": ...} or --set costs={...}", command: spec.name)
            }
            if let problem = scenario.problem(runningPolicy: scenario.policy.name) {
                throw CommandFailure(usage: "design \(levers.point(k).joined(separator: ", ")): \(problem)", command: spec.name)
            }
            scenarios.append(scenario)
            designs.append(Planner.Design(values: levers.point(k), cost: cost.total))
        }
        let seed = seedFlag ?? scenarios[0].seed
        let progress = Progress(label: "tidesim plan", total: settings.budget.map { min($0, designs.count * settings.maximumReplications) }
                                ?? designs.count * settings.maximumReplications)
        var models: [Int: Model] = [:]
        if let shard {
            let slice = levers.shard(shard.index, of: shard.count)
            let outcome = Planner.bruteForce(designs: designs, slice: slice, targets: targets, settings: settings) { d, first, count in
                Replications.run(model: Model(scenarios[d]), policy: nil, seed: seed, count: count, first: first, threads: threads)
            }
            let out = args.value("--out")!
            let csv = CSV.render(header: shard.index == 1 ? PlanExport.header(levers: levers, targets: targets) : nil,
                                 rows: PlanExport.rows(outcome, designs: slice, targets: targets))
            let meets = slice.filter { outcome.designs[$0].verdict == .meets }.count
            try Output.finish([try Output.stageFile(csv, at: out, command: spec.name)],
                              printing: "wrote \(out): designs \(slice.lowerBound + 1)-\(slice.upperBound) of \(designs.count), \(settings.maximumReplications) replications each, "
                                + "\(meets) meeting every target at \(Format.percent(settings.confidence)) confidence; concatenate the shards in order and "
                                + "take the cheapest row whose verdict is 'meets'\n", command: spec.name)
            return
        }
        let outcome = Planner.run(designs: designs, targets: targets, settings: settings, evaluate: { d, first, count in
            let model = models[d] ?? Model(scenarios[d])
            models[d] = model
            return Replications.run(model: model, policy: nil, seed: seed, count: count, first: first, threads: threads)
        }, progress: { runs, left in
            // The total is not known ahead (the plan stops when a design meets the targets).
            progress.say("\(runs) replications run, \(left) design\(left == 1 ? "" : "s") of \(designs.count) still in play")
        })
        progress.finish()

        let provenance = ScenarioOptions.provenance(args, scenario: scenarios[0], seed: seed, policies: [scenarios[0].policy.name],
                                                    replications: settings.maximumReplications)
        var sets: [OutputDirectory.Staging] = []
        if let dir = args.value("--out") {
            let set = try Output.staging(dir, whole: true, command: spec.name)
            try Output.add([PlanExport.table(outcome, levers: levers, targets: targets).file,
                            OutputFile(name: "provenance.json", text: JSONWriter.render(provenance.json))], to: set, command: spec.name)
            sets.append(set)
        }
        let currency = scenarios[0].costs?.currency
        let text = args.flag("--json")
            ? JSONWriter.render(PlanExport.document(outcome, levers: levers, targets: targets, settings: settings, provenance: provenance, currency: currency))
            : PlanReportText.render(outcome, levers: levers, targets: targets, settings: settings, scenario: scenarios[0], file: args.positionals[0],
                                    currency: currency ?? "")
        try Output.finish(sets, printing: text, command: spec.name)
    }
}
