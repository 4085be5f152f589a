import Foundation
import TideSim

/// The writers' speed: replications of a scenario with their time series, then each file of
/// `run --out` (and the `--json` document) written on its own into `directory`, timed from the
/// first byte to the file in place (the page-cache copy of write(2) included). Prints a row per
/// file: bytes, seconds (best of `repetitions`), MB/s.
func measureWriters(path: String, policy: String, replications: Int, directory: String, repetitions: Int) throws {
    let model = Model(try ScenarioLoader.load(path: path))
    let results = Replications.run(model: model, policy: policy, seed: 1, count: replications, threads: 2, recordTimeSeries: true)
    let report = RunReport(model: model, policy: policy, seed: 1, replications: results)
    var files = ReportTables.files(report)
    files.append(OutputFile(name: "report.json") { $0.write(ReportJSON.render(report)) })
    print("writers: \(path), \(model.zoneCount) zones, policy \(policy), \(replications) replication\(replications == 1 ? "" : "s"); best of \(repetitions)")
    print("file              MB        s      MB/s")
    for file in files {
        var best = Double.infinity
        for _ in 0..<repetitions {
            let start = Clock.now()
            try OutputDirectory.write([file], to: directory)
            best = min(best, Clock.now() - start)
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/" + file.name)
        let megabytes = Double((attributes[.size] as? NSNumber)?.intValue ?? 0) / 1e6
        print(file.name.padding(toLength: 15, withPad: " ", startingAt: 0)
            + String(format: " %8.1f %8.3f %9.0f", megabytes, best, megabytes / best))
    }
}
