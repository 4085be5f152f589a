// swift-tools-version:6.0
// tidesim depends on the Swift toolchain alone: no package dependencies.
import PackageDescription

let package = Package(
    name: "tidesim",
    products: [
        .library(name: "TideSim", targets: ["TideSim"]),
        .executable(name: "tidesim", targets: ["TideSimCLI"]),
    ],
    targets: [
        .target(name: "TideSim"),
        .target(name: "ArgumentParsing"),
        .executableTarget(name: "TideSimCLI", dependencies: ["TideSim", "ArgumentParsing"]),
        .testTarget(name: "TideSimTests", dependencies: ["TideSim"]),
        .testTarget(name: "ArgumentParsingTests", dependencies: ["ArgumentParsing"]),
        .testTarget(name: "TideSimCLITests", dependencies: ["TideSimCLI"], exclude: ["Golden"]),
    ]
)
