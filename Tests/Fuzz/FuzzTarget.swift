// libFuzzer target for tidesim's readers (not part of the package build: Tests/Fuzz/run.sh
// compiles it with the library under -sanitize=fuzzer,address).
//
// The first byte of an input chooses the reader; the rest is its input:
//   0  a scenario file (JSON), validated in full and compiled into a Model
//   1  a zones.csv table beside a fixed scenario
//   2  an od.csv table beside a fixed scenario
//   3  `--set PATH=VALUE` overrides, one per line, applied to the quickstart scenario
//   4  `--grid` axes of a sweep, one per line
//   5  a GBFS station_information.json, imported with a fixed station_status.json
//   6  a GBFS station_status.json (or free_bike_status.json), imported beside a fixed
//      station_information.json
//   7  trip records (any layout calibrate reads, plain or gzipped) matched to two stations,
//      calibrated, and replayed for a day
// Every reader must return a value or throw TideSimError: a crash, a trap or a sanitizer report
// is a finding.
import Foundation
import TideSimCore
import TideSimModel
import TideSimEngine
import TideSimIO

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

let feed: String = {
    let d = directory + "/feed"
    try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    return d
}()

let stationInformation = """
    {"last_updated":1,"ttl":0,"version":"2.3","data":{"stations":[
     {"station_id":"s1","name":"One","lat":37.33,"lon":-121.89,"capacity":15},
     {"station_id":"s2","name":"Two","lat":37.34,"lon":-121.88,"capacity":11}]}}
    """
let stationStatus = """
    {"last_updated":1,"ttl":0,"version":"2.3","data":{"stations":[
     {"station_id":"s1","num_bikes_available":5,"num_docks_available":10,"is_installed":true,"is_renting":true,"is_returning":true,"last_reported":1},
     {"station_id":"s2","num_bikes_available":2,"num_docks_available":9,"is_installed":true,"is_renting":true,"is_returning":true,"last_reported":1}]}}
    """
let stations = """
    {"tidesim":1,"zones":[{"id":"2","lat":37.33,"lon":-121.89,"capacity":15,"bikes":5,"overflow":"redirect"},
     {"id":"3","lat":37.34,"lon":-121.88,"capacity":11,"bikes":2,"overflow":"redirect"}],"demand":{"flows":[]}}
    """

/// Imports the feed directory: a scenario, or a TideSimError.
func importFeed(information: String, status: String, statusName: String = "station_status.json") {
    try? FileManager.default.removeItem(atPath: feed + "/station_status.json")
    try? FileManager.default.removeItem(atPath: feed + "/free_bike_status.json")
    try? information.write(toFile: feed + "/station_information.json", atomically: false, encoding: .utf8)
    try? status.write(toFile: feed + "/" + statusName, atomically: false, encoding: .utf8)
    _ = try? GBFSImport.load(directory: feed)
}

/// Reads trip records against two stations, fits a demand to them and replays their first day.
func tripRecords(_ text: String) {
    try? text.write(toFile: directory + "/trips.csv", atomically: false, encoding: .utf8)
    guard let base = try? ScenarioLoader.load(text: stations, file: "stations.json", directory: directory),
          let records = try? TripReader.read(path: directory + "/trips.csv", zones: base.zones, options: TripReader.Options()) else { return }
    _ = try? Calibration.fit(base, records: records, options: TripReader.Options())
    guard let day = records.trips.first?.date else { return }
    var one = records
    one.trips = records.trips.filter { $0.date == day }.prefix(2_000).map { $0 }
    _ = Replications.run(model: Model(base).replaying(Replay.attempts(one, scenario: base)), policy: "none", seed: 1, count: 1)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let mode = data[0] % 8
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
    case 4:
        _ = try? SweepPlan(parsing: body.split(separator: "\n").map(String.init))
    case 5:
        importFeed(information: body, status: stationStatus)
    case 6:
        importFeed(information: stationInformation, status: body, statusName: size % 2 == 0 ? "station_status.json" : "free_bike_status.json")
    default:
        tripRecords(body)
    }
    return 0
}
