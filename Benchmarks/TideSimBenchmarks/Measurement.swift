import Foundation
import TideSim

/// One child process's measurements of one scenario and policy.
struct Measurement: Codable {
    var preset: String
    var policy: String
    var attempts: Int
    var events: Int
    var loadSeconds: [Double]
    var runSeconds: [Double]
    var peakRSSMegabytes: Double
    /// Seconds to draw the day's attempts alone (no simulation): the floor under the run time.
    var generateSeconds: [Double] = []
}

enum Clock {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}

/// Peak resident memory of this process (VmHWM), in MiB.
func peakResidentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return .nan }
    return kb / 1024
}

/// Loads (parse, validate, compile) and runs one day, `repetitions` times each, single thread.
func measure(path: String, preset: String, policy: String, repetitions: Int) throws -> Measurement {
    var loadTimes: [Double] = []
    var model: Model?
    for _ in 0..<repetitions {
        let start = Clock.now()
        let scenario = try ScenarioLoader.load(path: path)
        model = Model(scenario)
        loadTimes.append(Clock.now() - start)
    }
    guard let model, BuiltInPolicy(name: policy, parameters: model.policyParameters) != nil else {
        throw BenchError.message("unknown policy \(policy)")
    }
    var runTimes: [Double] = []
    var attempts = 0, events = 0
    for r in 1...repetitions {
        // Through the library's entry point, so the engine runs specialised as in the tool.
        let start = Clock.now()
        let result = Replications.run(model: model, policy: policy, seed: UInt64(r), count: 1, threads: 1)[0]
        runTimes.append(Clock.now() - start)
        attempts = Int(result[.tripAttempts] ?? 0)
        events = result.eventCount
    }
    var generateTimes: [Double] = []
    for r in 1...repetitions {
        let start = Clock.now()
        var generator = AttemptGenerator(demand: model.demand, seed: UInt64(r), replication: 1, endTime: model.endTime)
        var checksum = 0.0
        // In batches, as the engine draws them.
        let batch = UnsafeMutablePointer<TripAttempt>.allocate(capacity: 256)
        defer { batch.deallocate() }
        while case let n = generator.fill(batch, capacity: 256), n > 0 {
            for i in 0..<n { checksum += batch[i].duration }
        }
        generateTimes.append(Clock.now() - start)
        if checksum.isNaN { print("") }  // keeps the loop from being optimised away
    }
    var m = Measurement(preset: preset, policy: policy, attempts: attempts, events: events, loadSeconds: loadTimes,
                        runSeconds: runTimes, peakRSSMegabytes: peakResidentMegabytes())
    m.generateSeconds = generateTimes
    return m
}

/// Replications of one model with 1 and with 2 threads: the parallel speed-up.
func measureParallel(path: String, replications: Int) throws -> (one: Double, two: Double, identical: Bool) {
    let model = Model(try ScenarioLoader.load(path: path))
    func time(_ threads: Int) -> (Double, [Double?]) {
        let start = Clock.now()
        let results = Replications.run(model: model, policy: "none", seed: 1, count: replications, threads: threads)
        return (Clock.now() - start, results.flatMap(\.system))
    }
    _ = time(2)  // warm-up
    let (one, a) = time(1)
    let (two, b) = time(2)
    return (one, two, a == b)
}

enum BenchError: Error { case message(String) }
