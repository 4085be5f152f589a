import Suggestions
import ArgumentParsing
import TideSim

/// `tidesim generate`: write a synthetic city as a scenario.
enum GenerateCommand {
    static let spec = CommandSpec(
        name: "tidesim generate",
        abstract: "Write a synthetic city as a scenario: zones with roles, a commute tide, holding areas and trucks.",
        discussion: """
            Deterministic for a seed. Presets: district (~200 zones, ~100k trips/day), city (~2,000 zones,
            ~1M trips/day), metropolis (~10,000 zones, ~5M trips/day); any parameter can be changed.
            Writes DIR/NAME.json, with the zones and flows in DIR/NAME-zones.csv and DIR/NAME-od.csv
            when the city has more than 300 zones (or with --tables).
            """,
        options: [
            .value("--preset", "NAME", "district, city or metropolis (default district)."),
            .value("--out", "DIR", "Directory to write into (required)."),
            .value("--name", "NAME", "File name without extension (default: the preset)."),
            .value("--seed", "S", "Seed of the generator and of the scenario (default 1)."),
            .value("--zones", "N", "Number of zones."),
            .value("--trips", "N", "Expected trip attempts per day."),
            .value("--morning-peak", "H", "Hour of the morning peak (default 8.5: the busiest hour of real commutes starts at 08:00)."),
            .value("--evening-peak", "H", "Hour of the evening peak (default 17.5)."),
            .value("--peak-width", "H", "Width (standard deviation) of each peak in hours (default 0.9)."),
            .value("--amplitude", "A", "Peak height over the base rate between the tides (default 18)."),
            .value("--asymmetry", "R", "Evening trips home over morning trips to work (default 0.92)."),
            .value("--neighbours", "K", "Destinations per origin (default 6)."),
            .value("--turnover", "T", "Trips per bike per day the fleet is sized for (default 4)."),
            .flag("--tables", "Write zones and flows as CSV tables whatever the size."),
        ])

    static func execute(_ arguments: [String]) throws(CommandFailure) {
        guard let args = try Output.open(arguments, spec: spec) else { return }
        let presetName = args.value("--preset") ?? "district"
        guard var p = CityParameters.preset(presetName) else {
            let hint = Suggestion.hint(for: presetName, among: CityParameters.presetNames)
            throw CommandFailure(usage: "--preset: unknown preset '\(presetName)'\(hint); expected district, city or metropolis", command: spec.name)
        }
        guard let dir = args.value("--out") else { throw CommandFailure(usage: "missing '--out <DIR>'", command: spec.name) }
        if let s = try ScenarioOptions.seed(args, command: spec.name) {
            // The seed is written into the scenario, where JSON keeps whole numbers exact up to 2^53 − 1.
            guard s <= 9_007_199_254_740_991 else {
                throw CommandFailure(usage: "--seed of a generated scenario must be at most 9007199254740991 (2^53 - 1), got \(s)", command: spec.name)
            }
            p.seed = s
        }
        p.zones = try ScenarioOptions.count(args, "--zones", default: p.zones, in: 2...1_000_000, command: spec.name)
        p.neighbours = try ScenarioOptions.count(args, "--neighbours", default: p.neighbours, in: 1...100, command: spec.name)
        p.tripsPerDay = try real(args, "--trips", p.tripsPerDay, 0...1e9)
        p.morningPeak = try real(args, "--morning-peak", p.morningPeak, 0...24)
        p.eveningPeak = try real(args, "--evening-peak", p.eveningPeak, 0...24)
        p.peakWidth = try real(args, "--peak-width", p.peakWidth, 0.1...12)
        p.amplitude = try real(args, "--amplitude", p.amplitude, 0...100)
        p.asymmetry = try real(args, "--asymmetry", p.asymmetry, 0...10)
        p.turnover = try real(args, "--turnover", p.turnover, 0.01...100)
        let name = args.value("--name") ?? presetName
        guard !name.contains("/"), !name.hasPrefix(".") else {
            throw CommandFailure(usage: "--name is a file name without extension (no '/', not starting with '.'), got \(Quote.input(name))", command: spec.name)
        }
        let scenario = CityGenerator.generate(p, name: name)
        // What generate writes always validates: read it back before writing a byte.
        do {
            _ = try ScenarioLoader.load(text: ScenarioWriter.files(scenario, baseName: name, tables: false)[0].contents, file: "\(name).json")
        } catch {
            let first = (error.description.split(separator: "\n").first).map(String.init) ?? "\(error)"
            throw CommandFailure(usage: "these parameters make a scenario that does not validate (\(first)); change them, such as fewer --trips", command: spec.name)
        }
        let files = ScenarioWriter.files(scenario, baseName: name, tables: args.flag("--tables") || p.zones > 300)
        let set = try Output.staging(dir, whole: false, command: spec.name)
        try Output.add(files.map { OutputFile(name: $0.name, text: $0.contents) }, to: set, command: spec.name)
        let summary = ScenarioSummary(scenario)
        try Output.finish([set], printing: "wrote \(files.map { dir + "/" + $0.name }.joined(separator: ", "))\n"
            + "\(Format.number(Double(summary.zones))) zones, \(Format.number(Double(summary.flows))) flows, "
            + "\(Format.number(summary.tripsPerDay)) trip attempts per day, \(Format.number(Double(summary.fleet))) bikes, "
            + "\(summary.holdingAreas) holding areas, \(scenario.truckCount) trucks\n", command: spec.name)
    }

    private static func real(_ args: ParsedArguments, _ name: String, _ value: Double, _ range: ClosedRange<Double>) throws(CommandFailure) -> Double {
        guard let text = args.value(name) else { return value }
        guard let x = Double(text), range.contains(x) else {
            throw CommandFailure(usage: "\(name) expects a number from \(Format.number(range.lowerBound, decimals: 2)) to \(Format.number(range.upperBound, decimals: 2)), got '\(text)'", command: spec.name)
        }
        return x
    }
}
