// libFuzzer target for tidesim's readers (not part of the package build: Tests/Fuzz/run.sh
// compiles it with the library under -sanitize=fuzzer,address).
//
// The first byte of an input chooses the reader; the rest is its input:
//   0  a scenario file (JSON), validated in full and compiled into a Model
//   1  a zones.csv table beside a fixed scenario
//   2  an od.csv table beside a fixed scenario
//   3  `--set PATH=VALUE` overrides, one per line, applied to the quickstart scenario
//   4  `--grid` axes of a sweep, one per line
// Every reader must return a value or throw TideSimError: a crash, a trap or a sanitizer report
// is a finding.
import Foundation
import TideSim

let directory: String = {
    let d = NSTemporaryDirectory() + "tidesim-fuzz-\(getpid())"
    try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    return d
}()

let quickstart = """
    {"tidesim":1,"name":"q","seed":7,"fleet":{"cap":1200},
     "zones":[{"id":"res","lat":30.512,"lon":114.401,"capacity":300,"bikes":260},
              {"id":"metro","lat":30.505,"lon":114.398,"capacity":120,"bikes":40}],
     "holdingAreas":[{"id":"lot","lat":30.507,"lon":114.405,"capacity":400,"open":"06:00-22:00"}],
     "demand":{"flows":[{"from":"res","to":"metro","tripsPerDay":60,"profile":"commute-am"}]},
     "trucks":{"count":1,"capacity":30,"depot":"lot","shifts":["06:30-10:00"]},
     "policy":{"name":"threshold","zones":{"metro":{"high":0.9}}}}
    """

func load(_ text: String, overrides: [Override] = []) {
    guard let scenario = try? ScenarioLoader.load(text: text, file: "fuzz.json", directory: directory, overrides: overrides) else { return }
    // Small scenarios are also run for a day, so the engine sees what the readers let through.
    let model = Model(scenario)
    if model.zoneCount <= 50 && model.demand.expectedAttemptsPerDay <= 5_000 && model.days <= 2 {
        _ = Replications.run(model: model, policy: model.policy.name, seed: 1, count: 1)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let mode = data[0] % 5
    let body = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    switch mode {
    case 0:
        load(body)
    case 1:
        try? body.write(toFile: directory + "/zones.csv", atomically: false, encoding: .utf8)
        load(#"{"tidesim":1,"zones":"zones.csv","demand":{"flows":[]}}"#)
    case 2:
        try? body.write(toFile: directory + "/od.csv", atomically: false, encoding: .utf8)
        load(#"{"tidesim":1,"zones":[{"id":"a","capacity":5,"bikes":2,"lat":30.5,"lon":114.4},{"id":"b","capacity":5,"lat":30.51,"lon":114.4}],"demand":{"flows":"od.csv"}}"#)
    case 3:
        let overrides = body.split(separator: "\n", omittingEmptySubsequences: true).compactMap { try? Override(parsing: String($0)) }
        load(quickstart, overrides: overrides)
    default:
        _ = try? SweepPlan(parsing: body.split(separator: "\n").map(String.init))
    }
    return 0
}
