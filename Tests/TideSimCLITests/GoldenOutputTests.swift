import Foundation
import XCTest

/// Seeded results must not change by accident: a change of the engine that alters them must
/// update these files on purpose (see the command in each assertion message).
final class GoldenOutputTests: XCTestCase {
    private func golden(_ name: String) throws -> String {
        try String(contentsOf: Tool.packageRoot.appendingPathComponent("Tests/TideSimCLITests/Golden/\(name)"), encoding: .utf8)
    }

    func testRunOutputIsUnchanged() throws {
        let r = try Tool.run(["run", "scenarios/quickstart.json", "--replications", "3", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, try golden("quickstart-run-r3.json"),
                       "seeded results changed; if on purpose: tidesim run scenarios/quickstart.json --replications 3 --json > Tests/TideSimCLITests/Golden/quickstart-run-r3.json")
    }

    func testCompareOutputIsUnchanged() throws {
        let r = try Tool.run(["compare", "scenarios/quickstart.json", "--replications", "3", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, try golden("quickstart-compare-r3.json"),
                       "seeded results changed; if on purpose: tidesim compare scenarios/quickstart.json --replications 3 --json > Tests/TideSimCLITests/Golden/quickstart-compare-r3.json")
    }

    /// The README pastes the output of its first command; it must be what the tool prints.
    func testReadmeShowsTheCurrentQuickstartOutput() throws {
        let r = try Tool.run(["run", "scenarios/quickstart.json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let readme = try String(contentsOf: Tool.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        XCTAssertTrue(readme.contains(r.stdout), "README.md does not show the current output of 'tidesim run scenarios/quickstart.json'")
    }
}
