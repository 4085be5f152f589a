import Foundation
import XCTest

/// The README's picture of the HTML report is made by `docs/images/make-images.sh`, which also
/// records a fingerprint of the page it shows. When the report changes, this test fails until the
/// script is run again: the picture never falls out of date unnoticed.
final class ReadmeImageTests: XCTestCase {
    func testTheREADMEPictureShowsTheCurrentReport() throws {
        let r = try Tool.run(["run", "scenarios/optics-valley.json", "--replications", "3", "--html", "-"])
        XCTAssertEqual(r.status, 0, r.stderr)
        var page = r.stdout
        // The provenance line names the scenario's path as typed: not part of what the picture shows.
        if let start = page.range(of: "<p class=\"prov\">"), let end = page.range(of: "</p>", range: start.upperBound..<page.endIndex) {
            page.removeSubrange(start.lowerBound..<end.upperBound)
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in page.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let recorded = try String(contentsOf: Tool.packageRoot.appendingPathComponent("docs/images/optics-valley-report.source"), encoding: .utf8)
        let hex = String(hash, radix: 16)
        XCTAssertEqual(recorded, "run scenarios/optics-valley.json --replications 3 --html: fnv1a64 \(String(repeating: "0", count: 16 - hex.count) + hex)\n",
                       "the HTML report changed: run docs/images/make-images.sh to redraw the README's picture")
    }
}
