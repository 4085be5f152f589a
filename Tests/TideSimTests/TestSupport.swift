import Foundation
import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

// Helpers shared by the library's tests: scenarios, paths, observers.

/// Small scenarios built in code for tests, and the bundled ones.
enum TestScenarios {
    /// The package root, from this file's place in the repository.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// The path of a bundled scenario (`scenarios/NAME.json`).
    static func bundled(_ name: String) -> String { packageRoot + "/scenarios/\(name).json" }

    /// A valid two-zone scenario with every block, as JSON text; tests mutate it.
    static let base = """
        {
          "tidesim": 1,
          "name": "Test",
          "seed": 3,
          "fleet": { "cap": 100 },
          "zones": [
            { "id": "a", "lat": 30.50, "lon": 114.40, "capacity": 10, "bikes": 8 },
            { "id": "b", "lat": 30.51, "lon": 114.40, "capacity": 5, "bikes": 2 }
          ],
          "holdingAreas": [ { "id": "lot", "lat": 30.505, "lon": 114.40, "capacity": 50, "open": "06:00-22:00" } ],
          "demand": {
            "profiles": { "am": [0,0,0,0,0,0,1,8,2,1,1,1,3,1,1,1,6,2,1,0,0,0,0,0] },
            "flows": [ { "from": "a", "to": "b", "tripsPerDay": 50, "profile": "am" },
                       { "from": "b", "to": "a", "tripsPerDay": 40 } ]
          },
          "trucks": { "count": 1, "capacity": 20, "depot": "lot", "shifts": ["06:30-10:00"] },
          "policy": { "name": "threshold", "zones": { "b": { "high": 0.9, "holdingArea": "lot" } } }
        }
        """

    /// Loads a scenario from JSON text.
    static func load(_ json: String, overrides: [String] = [], fleet: Int? = nil, directory: String = ".") throws -> Scenario {
        try ScenarioLoader.load(text: json, file: "test.json", directory: directory,
                                overrides: overrides.map { try Override(parsing: $0) }, fleet: fleet.map { FleetTarget.bikes($0) })
    }

    /// The problems a scenario has, as the lines the user would see.
    static func issues(_ json: String) -> [String] {
        do {
            _ = try load(json)
            return []
        } catch TideSimError.invalidScenario(let issues) {
            return issues.map(\.description)
        } catch {
            return ["unexpected: \(error)"]
        }
    }

    /// Replaces the first occurrence of `target` in the base scenario.
    static func base(replacing target: String, with replacement: String) -> String {
        guard let range = base.range(of: target) else { fatalError("'\(target)' is not in the base scenario") }
        return base.replacingCharacters(in: range, with: replacement)
    }

    /// A temporary directory removed at the end of the test.
    static func temporaryDirectory(_ test: XCTestCase) throws -> String {
        let dir = NSTemporaryDirectory() + "tidesim-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }
}

/// Watches trucks and holding areas at every event.
struct TransferObserver: SimulationObserver {
    let model: Model
    var violations: [String] = []
    var lastHolding: [Int]
    var events = 0

    init(model: Model) {
        self.model = model
        lastHolding = model.holdingInitialBikes
    }

    mutating func attempt(_ attempt: TripAttempt, outcome: AttemptOutcome) {}

    mutating func afterEvent(time: Double, zoneBikes: [Int], holdingBikes: [Int], riding: Int, onTrucks: Int) {
        events += 1
        if zoneBikes.reduce(0, +) + holdingBikes.reduce(0, +) + riding + onTrucks != model.fleet {
            violations.append("fleet not conserved at \(time)")
        }
        if onTrucks < 0 || onTrucks > (model.trucks?.fleets.reduce(0) { $0 + $1.count * $1.capacity } ?? 0) {
            violations.append("\(onTrucks) bikes on trucks at \(time)")
        }
        for h in 0..<model.holdingCount {
            if holdingBikes[h] > model.holdingCapacity[h] || holdingBikes[h] < 0 {
                violations.append("holding area \(h) holds \(holdingBikes[h]) at \(time)")
            }
            if holdingBikes[h] != lastHolding[h] && !model.isOpen(holding: h, at: time) {
                violations.append("holding area \(h) changed while closed at \(time)")
            }
        }
        lastHolding = holdingBikes
    }
}
