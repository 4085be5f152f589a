import Foundation
import TideSim

/// Writes a compiled city for the plain-C baseline (`Benchmarks/baseline-c/tide.c`) as text:
///
///     zones Z
///     capacity bikes            (Z lines)
///     profiles P
///     f0 f1 ... f95             (P lines: quarter-hour fractions, summing to 1)
///     flows F cv
///     origin destination tripsPerDay profile meanSeconds   (F lines)
///
/// Only what policy `none` on piling zones needs (no trucks, walking or redirects).
func dumpModel(scenarioPath: String, to output: String) throws {
    let scenario = try ScenarioLoader.load(path: scenarioPath)
    let model = Model(scenario)
    guard scenario.demand.walkMeters == 0, !model.zoneRedirects.contains(true) else {
        throw BenchError.message("the C baseline models piling zones without walking only")
    }
    let named = BuiltInProfiles.all + scenario.demand.profiles
    var index: [String: Int] = [:]
    for (i, p) in named.enumerated() { index[p.name] = i }
    var out = "zones \(model.zoneCount)\n"
    for z in 0..<model.zoneCount { out += "\(model.zoneCapacity[z]) \(model.zoneInitialBikes[z])\n" }
    out += "profiles \(named.count)\n"
    for p in named { out += QuarterHourProfile(weights: p.weights).fractions.map { "\($0)" }.joined(separator: " ") + "\n" }
    out += "flows \(scenario.demand.flows.count) \(scenario.demand.ride.cv)\n"
    for (i, f) in scenario.demand.flows.enumerated() {
        out += "\(model.demand.flowOrigin[i]) \(model.demand.flowDestination[i]) \(model.demand.flowTripsPerDay[i]) \(index[f.profile]!) \(model.demand.flowRide[i].mean)\n"
    }
    try out.write(toFile: output, atomically: true, encoding: .utf8)
}
