// swift-tools-version:6.0
// tidesim depends on the Swift toolchain alone: no package dependencies.
//
// The library is built in layers whose dependencies run one way, and the compiler checks them:
// a target can only import what it names here. `ArchitectureTests` also reads this file and every
// `import`, so a dependency upward fails a test (docs/architecture.md).
import PackageDescription

let package = Package(
    name: "tidesim",
    products: [
        .library(name: "TideSim", targets: ["TideSim"]),
        .executable(name: "tidesim", targets: ["TideSimCLI"]),
        .executable(name: "tidesim-bench", targets: ["TideSimBenchmarks"]),
    ],
    targets: [
        // Raw buffers: the only unsafe code, with no pointer in a public signature.
        .target(name: "TideSimBuffers"),
        // Ids, coordinates, time windows, errors, random numbers.
        .target(name: "TideSimCore", dependencies: ["TideSimBuffers"]),
        // The scenario, the compiled model and its demand.
        .target(name: "TideSimModel", dependencies: ["TideSimCore", "TideSimBuffers"]),
        // The event loop, its actors (trucks), policies, metrics and replications: no JSON, no
        // file, no report.
        .target(name: "TideSimEngine", dependencies: ["TideSimModel", "TideSimCore", "TideSimBuffers"]),
        // Scenario files, real-data readers, writers.
        .target(name: "TideSimIO", dependencies: ["TideSimEngine", "TideSimModel", "TideSimCore", "TideSimBuffers", "Suggestions"]),
        // Text and HTML/SVG reports, languages.
        .target(name: "TideSimReports", dependencies: ["TideSimIO", "TideSimEngine", "TideSimModel", "TideSimCore"]),
        // What users import: every layer, re-exported.
        .target(name: "TideSim", dependencies: ["TideSimReports", "TideSimIO", "TideSimEngine", "TideSimModel", "TideSimCore", "TideSimBuffers"]),
        .target(name: "ArgumentParsing", dependencies: ["Suggestions"]),
        .target(name: "Suggestions"),
        .executableTarget(name: "TideSimCLI", dependencies: ["TideSim", "ArgumentParsing", "Suggestions"]),
        .executableTarget(name: "TideSimBenchmarks", dependencies: ["TideSim"], path: "Benchmarks/TideSimBenchmarks"),
        .testTarget(name: "TideSimTests", dependencies: ["TideSim", "Suggestions"]),
        .testTarget(name: "ArgumentParsingTests", dependencies: ["ArgumentParsing", "Suggestions"]),
        .testTarget(name: "TideSimCLITests", dependencies: ["TideSimCLI"], exclude: ["Golden"]),
    ]
)
