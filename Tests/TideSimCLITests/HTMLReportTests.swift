import Foundation
import XCTest

/// The HTML reports: self-contained, combined with the other outputs, usable at scale, and
/// rendered by a real browser.
final class HTMLReportTests: XCTestCase {
    let quickstart = "scenarios/quickstart.json"

    /// Nothing in the page reaches the network or runs code.
    func assertSelfContained(_ html: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"), file: file, line: line)
        XCTAssertTrue(html.contains("<meta charset=\"utf-8\">"), file: file, line: line)
        for banned in ["<script", "http://", "https://", " src=", "url(", "@import", "<link", "<iframe", "<img"] {
            XCTAssertFalse(html.contains(banned), "the page contains \(banned)", file: file, line: line)
        }
    }

    func testRunReportCombinesWithJSONAndOut() throws {
        let dir = try Tool.temporaryDirectory(self)
        let html = dir.appendingPathComponent("report.html"), out = dir.appendingPathComponent("out")
        let r = try Tool.run(["run", quickstart, "--replications", "3", "--html", html.path, "--json", "--out", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "the JSON document on stdout")
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("zones.geojson").path))
        let page = try String(contentsOf: html, encoding: .utf8)
        assertSelfContained(page)
        XCTAssertLessThan(page.utf8.count, 3_000_000, "a district's report stays under 3 MB")
        XCTAssertEqual(page.components(separatedBy: "<svg").count - 1, 5, "map, heatmap, state, holding fill, trucks")
        for text in ["Where: the map", "When: pressure by time of day", "The day's state", "Hotspots", "System KPIs",
                     "Metro Square exit B", "Vacant lot, East Rd", "depot", "500 m", "What produced this", "scenarios/quickstart.json",
                     "first over", "clearance breaches"] {
            XCTAssertTrue(page.contains(text), "the report lacks '\(text)'")
        }
        // The text report still goes to stdout when no --json is given.
        let text = try Tool.run(["run", quickstart, "--html", html.path])
        XCTAssertTrue(text.stdout.hasPrefix("Quickstart district (scenarios/quickstart.json), tidesim "))
    }

    func testCompareReportShowsTradeOffsAndPairedDifferences() throws {
        let html = try Tool.temporaryDirectory(self).appendingPathComponent("compare.html")
        let r = try Tool.run(["compare", quickstart, "--replications", "3", "--html", html.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("What each policy trades against none"), "the text report too")
        let page = try String(contentsOf: html, encoding: .utf8)
        assertSelfContained(page)
        for text in ["What each policy trades against none", "Paired differences against none", "threshold − none",
                     "Hotspots side by side", "Over capacity, first to last", "rebalance"] {
            XCTAssertTrue(page.contains(text), "the report lacks '\(text)'")
        }
    }

    /// A 10,000-zone city's report draws the worst zones and says how many it leaves out.
    func testBigCityReportStaysUsable() throws {
        let dir = try Tool.temporaryDirectory(self)
        let g = try Tool.run(["generate", "--zones", "10000", "--trips", "150000", "--out", dir.path, "--name", "big"])
        XCTAssertEqual(g.status, 0, g.stderr)
        let html = dir.appendingPathComponent("big.html")
        let r = try Tool.run(["run", dir.appendingPathComponent("big.json").path, "--policy", "none", "--html", html.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let page = try String(contentsOf: html, encoding: .utf8)
        assertSelfContained(page)
        XCTAssertLessThan(page.utf8.count, 12_000_000)
        XCTAssertTrue(page.contains("The 5000 zones with the least overflow are left out."))
        XCTAssertTrue(page.contains("other zones not shown"))
    }

    /// Headless Chromium opens both reports: each renders (a screenshot far from blank) without a
    /// console message. Skips where Chromium is missing, except in CI, where it must be installed.
    func testReportsRenderInABrowser() throws {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("chromium is not installed; .ci/run installs it") }
            throw XCTSkip("chromium is not installed (apt-get install -y chromium fonts-noto-cjk); the browser test is skipped")
        }
        let dir = try Tool.temporaryDirectory(self)
        let blank = dir.appendingPathComponent("blank.html")
        try "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body></body></html>".write(to: blank, atomically: true, encoding: .utf8)
        let run = dir.appendingPathComponent("run.html"), compare = dir.appendingPathComponent("compare.html")
        XCTAssertEqual(try Tool.run(["run", quickstart, "--replications", "2", "--html", run.path]).status, 0)
        XCTAssertEqual(try Tool.run(["compare", quickstart, "--replications", "2", "--html", compare.path]).status, 0)
        let blankShot = try screenshot(chromium, blank, dir.appendingPathComponent("blank.png"))
        for page in [run, compare] {
            let png = dir.appendingPathComponent(page.lastPathComponent + ".png")
            let size = try screenshot(chromium, page, png)
            XCTAssertGreaterThan(size, 8 * blankShot, "\(page.lastPathComponent) renders as a near-blank page")
            let dom = try browse(chromium, ["--dump-dom", page.absoluteString])
            XCTAssertTrue(dom.stdout.contains("<svg"), "the browser's DOM holds the charts")
            let console = dom.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }
            XCTAssertEqual(console, [], "console messages in \(page.lastPathComponent)")
        }
    }

    /// Takes a screenshot and returns the PNG's size in bytes.
    private func screenshot(_ chromium: String, _ page: URL, _ png: URL) throws -> Int {
        let r = try browse(chromium, ["--window-size=1200,2400", "--screenshot=\(png.path)", page.absoluteString])
        let data = try Data(contentsOf: png)
        XCTAssertEqual(Array(data.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG: \(r.stderr.suffix(300))")
        return data.count
    }

    private func browse(_ chromium: String, _ arguments: [String]) throws -> ToolRun {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: chromium)
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0"] + arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return ToolRun(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}
