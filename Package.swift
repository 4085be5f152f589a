// swift-tools-version:6.0
// tidesim depends on the Swift toolchain alone: no package dependencies.
import PackageDescription

let package = Package(
    name: "tidesim",
    products: [
        .library(name: "TideSim", targets: ["TideSim"]),
        .executable(name: "tidesim", targets: ["TideSimCLI"]),
        .executable(name: "tidesim-bench", targets: ["TideSimBenchmarks"]),
    ],
    targets: [
        .target(name: "TideSim", dependencies: ["Suggestions"]),
        .target(name: "ArgumentParsing", dependencies: ["Suggestions"]),
        .target(name: "Suggestions"),
        .executableTarget(name: "TideSimCLI", dependencies: ["TideSim", "ArgumentParsing", "Suggestions"]),
        .executableTarget(name: "TideSimBenchmarks", dependencies: ["TideSim"], path: "Benchmarks/TideSimBenchmarks"),
        .testTarget(name: "TideSimTests", dependencies: ["TideSim", "Suggestions"]),
        .testTarget(name: "ArgumentParsingTests", dependencies: ["ArgumentParsing", "Suggestions"]),
        .testTarget(name: "TideSimCLITests", dependencies: ["TideSimCLI"], exclude: ["Golden"]),
    ]
)
