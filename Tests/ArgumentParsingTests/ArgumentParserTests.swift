import XCTest
@testable import ArgumentParsing

final class ArgumentParserTests: XCTestCase {
    let spec = CommandSpec(
        name: "tool run", abstract: "Run it.",
        arguments: [ArgumentSpec("file", "The file.")],
        options: [.value("--seed", "S", "Seed."), .value("--set", "P=V", "Override.", repeats: true), .flag("--json", "JSON.")])

    func testValuesFlagsAndPositionals() throws {
        let p = try ArgumentParser.parse(["f.json", "--seed", "5", "--set=a=1", "--set", "b=2", "--json"], spec: spec)
        XCTAssertEqual(p.positionals, ["f.json"])
        XCTAssertEqual(p.value("--seed"), "5")
        XCTAssertEqual(p.all("--set"), ["a=1", "b=2"])
        XCTAssertTrue(p.flag("--json"))
        XCTAssertFalse(p.helpRequested)
    }

    func testDoubleDashAndNegativeNumbers() throws {
        let p = try ArgumentParser.parse(["--", "--odd-name"], spec: spec)
        XCTAssertEqual(p.positionals, ["--odd-name"])
        XCTAssertEqual(try ArgumentParser.parse(["f", "--seed", "-3"], spec: spec).value("--seed"), "-3")
    }

    func testErrors() {
        func message(_ args: [String]) -> String? {
            do { _ = try ArgumentParser.parse(args, spec: spec); return nil } catch { return error.description }
        }
        XCTAssertEqual(message(["f", "--sed", "1"]), "Error: unknown option '--sed'; did you mean '--seed'? See 'tool run --help'.")
        XCTAssertEqual(message(["f", "--seed"]), "Error: missing value for '--seed <S>'. See 'tool run --help'.")
        XCTAssertEqual(message(["f", "--seed", "1", "--seed", "2"]), "Error: option '--seed' given more than once. See 'tool run --help'.")
        XCTAssertEqual(message([]), "Error: missing argument <file>. See 'tool run --help'.")
        XCTAssertEqual(message(["f", "g"]), "Error: unexpected argument 'g'. See 'tool run --help'.")
        XCTAssertEqual(message(["f", "--json=yes"]), "Error: option '--json' takes no value. See 'tool run --help'.")
        XCTAssertEqual(message(["f", "--zzzzzz"]), "Error: unknown option '--zzzzzz'. See 'tool run --help'.")
    }

    func testHelpNeedsNoArguments() throws {
        XCTAssertTrue(try ArgumentParser.parse(["-h"], spec: spec).helpRequested)
        XCTAssertTrue(try ArgumentParser.parse(["--help", "extra", "args"], spec: spec).helpRequested)
    }

    func testHelpSections() {
        let help = HelpRenderer.help(spec)
        XCTAssertTrue(help.hasPrefix("OVERVIEW: Run it.\n"))
        XCTAssertTrue(help.contains("USAGE: tool run <file> [--seed <S>] [--set <P=V>] ... [--json]"))
        XCTAssertTrue(help.contains("ARGUMENTS:\n  <file>"))
        XCTAssertTrue(help.contains("OPTIONS:\n  --seed <S>"))
        XCTAssertTrue(help.contains("  -h, --help              Show help information."))
    }
}
