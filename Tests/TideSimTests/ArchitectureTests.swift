import Foundation
import XCTest

/// The layers of the library run one way, and the compiler is not the only guard: SwiftPM can let
/// a target import a module it does not name when that module happens to be built already. So
/// this test reads `Package.swift` and every `import` of `Sources/`, and fails on any dependency
/// upward or not declared (docs/architecture.md).
final class ArchitectureTests: XCTestCase {
    /// The library's layers, bottom first: a layer may use only the ones before it.
    static let layers = ["TideSimBuffers", "TideSimCore", "TideSimModel", "TideSimEngine", "TideSimIO", "TideSimReports"]
    /// Modules of the toolchain any layer may import.
    static let toolchain: Set<String> = ["Foundation", "Glibc", "Dispatch", "Darwin", "Synchronization"]

    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Each target's declared dependencies, read from Package.swift.
    func declaredDependencies() throws -> [String: Set<String>] {
        let text = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        var result: [String: Set<String>] = [:]
        let pattern = try NSRegularExpression(pattern: #"\.(?:target|executableTarget|testTarget)\(name: "(\w+)"(?:, dependencies: \[([^\]]*)\])?"#)
        for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let name = String(text[Range(m.range(at: 1), in: text)!])
            var deps: Set<String> = []
            if let r = Range(m.range(at: 2), in: text) {
                deps = Set(text[r].split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"\n")) }.filter { !$0.isEmpty })
            }
            result[name] = deps
        }
        return result
    }

    /// The modules each file of a target imports.
    func imports(of target: String) throws -> [(file: String, module: String)] {
        let dir = root.appendingPathComponent("Sources/\(target)")
        var found: [(String, String)] = []
        let files = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)!
        for case let url as URL in files where url.pathExtension == "swift" {
            for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
                let words = line.split(separator: " ").filter { !$0.hasPrefix("@") }
                if words.count >= 2 && (words[0] == "import" || (words[0] == "public" && words[1] == "import")) {
                    found.append((url.lastPathComponent, String(words.last!)))
                }
            }
        }
        return found
    }

    func testDeclaredDependenciesRunDownTheLayers() throws {
        let declared = try declaredDependencies()
        for (i, layer) in Self.layers.enumerated() {
            let deps = try XCTUnwrap(declared[layer], "Package.swift has no target \(layer)")
            let lower = Set(Self.layers[..<i])
            for d in deps where Self.layers.contains(d) {
                XCTAssertTrue(lower.contains(d), "\(layer) depends on \(d), which is not below it")
            }
        }
        // The engine sees neither the readers and writers nor the reports, nor the helpers they use.
        for layer in ["TideSimBuffers", "TideSimCore", "TideSimModel", "TideSimEngine"] {
            XCTAssertTrue(declared[layer]!.isDisjoint(with: ["TideSimIO", "TideSimReports", "Suggestions", "ArgumentParsing"]), layer)
        }
    }

    func testEveryImportIsADeclaredDependency() throws {
        let declared = try declaredDependencies()
        for target in Self.layers + ["TideSim", "TideSimCLI"] {
            let allowed = declared[target, default: []].union(Self.toolchain)
            for (file, module) in try imports(of: target) {
                XCTAssertTrue(allowed.contains(module), "\(target)/\(file) imports \(module), which \(target) does not declare")
            }
        }
    }

    /// The engine's layers read no file and no JSON: their sources name none of the APIs for it.
    func testTheEngineReadsNoFiles() throws {
        for target in ["TideSimBuffers", "TideSimCore", "TideSimModel", "TideSimEngine"] {
            let dir = root.appendingPathComponent("Sources/\(target)")
            let files = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)!
            for case let url as URL in files where url.pathExtension == "swift" {
                let text = try String(contentsOf: url, encoding: .utf8)
                for api in ["FileManager", "FileHandle", "fopen(", "JSONValue", "JSONParser", "contentsOfFile", "print("] {
                    XCTAssertFalse(text.contains(api), "\(target)/\(url.lastPathComponent) uses \(api)")
                }
            }
        }
    }

    /// No public declaration takes or returns a pointer, except the raw parts of the buffers,
    /// which are SPI (`@_spi(RawBytes)`): a user of `import TideSim` never handles one. A line is
    /// a declaration's signature when it starts with `public` (after its attributes) and declares
    /// a function, initialiser, subscript or stored property.
    func testNoPointerInAPublicSignature() throws {
        var found: [String] = []
        for target in Self.layers {
            let dir = root.appendingPathComponent("Sources/\(target)")
            let files = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)!
            for case let url as URL in files where url.pathExtension == "swift" {
                var previous = ""
                for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false) {
                    defer { previous = String(line) }
                    let text = line.trimmingCharacters(in: .whitespaces)
                    guard text.contains("public "), !text.hasPrefix("//"), !text.contains("@_spi"), !previous.contains("@_spi") else { continue }
                    let signature = text.components(separatedBy: "{").first ?? text
                    if signature.contains("Unsafe") && ["func ", "init", "subscript", "var ", "let "].contains(where: signature.contains) {
                        found.append("\(target)/\(url.lastPathComponent): \(signature)")
                    }
                }
            }
        }
        XCTAssertEqual(found, [])
    }

    /// The check itself catches what it is for: an import the target does not declare.
    func testAnUndeclaredImportWouldBeFound() throws {
        let declared = try declaredDependencies()
        XCTAssertFalse(declared["TideSimEngine"]!.union(Self.toolchain).contains("TideSimIO"))
        XCTAssertEqual(declared["TideSimIO"], ["TideSimEngine", "TideSimModel", "TideSimCore", "TideSimBuffers", "Suggestions"])
    }
}
