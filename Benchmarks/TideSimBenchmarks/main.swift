import Foundation
import TideSim

// tidesim-bench: times the engine on generated cities of growing size.
//
//   swift run -c release tidesim-bench [--presets district,city,metropolis,docked] [--repetitions N] [--json FILE]
//
// For each preset it generates the city (tidesim generate's presets, seed 1) into a temporary
// directory ("docked" is the city preset with 10,000 zones that all refuse returns when full),
// then, for policies none and threshold (and predictive on metropolis and docked), starts a child
// process of itself that loads
// the scenario and simulates one day `N` times (loading and running timed separately, single
// thread), and reports its peak resident memory. Then it times 8 replications of the city with
// 1 and 2 threads.
//
// `tidesim-bench --dump SCENARIO.json --to CITY.txt` writes the compiled city for the plain-C
// baseline in Benchmarks/baseline-c (see its README).
//
// `tidesim-bench --writers SCENARIO.json [--policy P] [--replications R] [--to DIR] [--repetitions N]`
// times each file of `run --out` (and the --json document) on R replications of the scenario
// (default 1; policy `none` unless given: a policy with trucks fills transfers.csv).
//
// The child mode measures one scenario, and is handy under a profiler:
//   tidesim-bench --child SCENARIO.json --preset NAME --policy none|threshold|predictive --repetitions N

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}

// Dump mode: the compiled city as text for the plain-C baseline (Benchmarks/baseline-c).
if let path = option("--dump"), let output = option("--to") {
    do { try dumpModel(scenarioPath: path, to: output) } catch {
        FileHandle.standardError.write(Data("tidesim-bench: \(error)\n".utf8))
        exit(70)
    }
    exit(0)
}

// Writers mode: the speed of each file `run --out` writes (and of the --json document).
if let path = option("--writers") {
    let out = option("--to") ?? NSTemporaryDirectory() + "tidesim-bench-writers-\(ProcessInfo.processInfo.processIdentifier)"
    do {
        try measureWriters(path: path, policy: option("--policy") ?? "none", replications: Int(option("--replications") ?? "1") ?? 1,
                           directory: out,
                           repetitions: Int(option("--repetitions") ?? "3") ?? 3)
        if option("--to") == nil { try? FileManager.default.removeItem(atPath: out) }
    } catch {
        FileHandle.standardError.write(Data("tidesim-bench: \(error)\n".utf8))
        exit(70)
    }
    exit(0)
}

if let path = option("--child") {
    // Child mode: one scenario and policy, a JSON line on stdout.
    do {
        let m = try measure(path: path, preset: option("--preset") ?? "", policy: option("--policy") ?? "none",
                            repetitions: Int(option("--repetitions") ?? "3") ?? 3)
        let data = try JSONEncoder().encode(m)
        FileHandle.standardOutput.write(data + Data("\n".utf8))
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("tidesim-bench: \(error)\n".utf8))
        exit(70)
    }
}

let presets = (option("--presets") ?? "district,city,metropolis,docked").split(separator: ",").map(String.init)
let repetitions = Int(option("--repetitions") ?? "5") ?? 5
let directory = NSTemporaryDirectory() + "tidesim-bench-\(ProcessInfo.processInfo.processIdentifier)"
defer { try? FileManager.default.removeItem(atPath: directory) }

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func child(_ path: String, preset: String, policy: String) throws -> Measurement {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0].hasPrefix("/") ? CommandLine.arguments[0]
                                : FileManager.default.currentDirectoryPath + "/" + CommandLine.arguments[0])
    process.arguments = ["--child", path, "--preset", preset, "--policy", policy, "--repetitions", String(repetitions)]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw BenchError.message("child failed for \(preset) \(policy)") }
    return try JSONDecoder().decode(Measurement.self, from: data)
}

var measurements: [Measurement] = []
var paths: [String: String] = [:]
do {
    for preset in presets {
        // "docked": a 10,000-zone city of 1M attempts whose zones all refuse returns when full
        // (docked stations), where riders are redirected.
        guard var parameters = CityParameters.preset(preset == "docked" ? "city" : preset) else { throw BenchError.message("unknown preset \(preset)") }
        if preset == "docked" { parameters.zones = 10_000 }
        var scenario = CityGenerator.generate(parameters, name: preset)
        if preset == "docked" { for i in scenario.zones.indices { scenario.zones[i].overflow = .redirect } }
        try OutputDirectory.write(ScenarioWriter.files(scenario, baseName: preset, tables: parameters.zones > 300), to: directory)
        paths[preset] = directory + "/" + preset + ".json"
        let policies = ["metropolis", "docked"].contains(preset) ? ["none", "threshold", "predictive"] : ["none", "threshold"]
        for policy in policies {
            let m = try child(paths[preset]!, preset: preset, policy: policy)
            measurements.append(m)
            FileHandle.standardError.write(Data("measured \(preset) \(policy)\n".utf8))
        }
    }
} catch {
    FileHandle.standardError.write(Data("tidesim-bench: \(error)\n".utf8))
    exit(70)
}

func fmt(_ x: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", x) }

print("tidesim-bench \(TideSimVersion.string): \(repetitions) repetitions, single thread, one simulated day; median [min-max]")
print("")
let header = ["preset", "policy", "attempts", "events", "load s", "run s", "attempts/s", "events/s", "ns/attempt",
              "draws ns/attempt", "peak RSS MiB"]
var rows: [[String]] = []
for m in measurements {
    let run = median(m.runSeconds), load = median(m.loadSeconds)
    rows.append([m.preset, m.policy, String(m.attempts), String(m.events),
                 "\(fmt(load, 3)) [\(fmt(m.loadSeconds.min()!, 3))-\(fmt(m.loadSeconds.max()!, 3))]",
                 "\(fmt(run, 4)) [\(fmt(m.runSeconds.min()!, 4))-\(fmt(m.runSeconds.max()!, 4))]",
                 "\(fmt(Double(m.attempts) / run / 1e6, 2))M", "\(fmt(Double(m.events) / run / 1e6, 2))M",
                 fmt(run / Double(m.attempts) * 1e9, 1), fmt(median(m.generateSeconds) / Double(m.attempts) * 1e9, 1),
                 fmt(m.peakRSSMegabytes, 0)])
}
let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max()! }
for row in [header] + rows {
    print(row.enumerated().map { c, cell in c < 2 ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
        : String(repeating: " ", count: widths[c] - cell.count) + cell }.joined(separator: "  "))
}

var parallel: [String: Double] = [:]
if let city = paths["city"] ?? paths[presets.last!] {
    let (one, two, identical) = try measureParallel(path: city, replications: 8)
    print("")
    print("8 replications of \(paths["city"] != nil ? "city" : presets.last!), policy none: 1 thread \(fmt(one, 2)) s, 2 threads \(fmt(two, 2)) s, "
        + "speed-up \(fmt(one / two, 2))x, identical results: \(identical)")
    parallel = ["oneThreadSeconds": one, "twoThreadSeconds": two, "speedup": one / two]
}

if let jsonPath = option("--json") {
    struct Report: Codable { var measurements: [Measurement]; var parallel: [String: Double] }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(Report(measurements: measurements, parallel: parallel)).write(to: URL(fileURLWithPath: jsonPath))
}
