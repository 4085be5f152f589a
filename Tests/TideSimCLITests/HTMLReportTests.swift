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
        let chromium = try chromiumOrSkip()
        let dir = try Tool.temporaryDirectory(self)
        let blank = dir.appendingPathComponent("blank.html")
        try "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body></body></html>".write(to: blank, atomically: true, encoding: .utf8)
        let run = dir.appendingPathComponent("run.html"), compare = dir.appendingPathComponent("compare.html")
        XCTAssertEqual(try Tool.run(["run", quickstart, "--replications", "2", "--html", run.path]).status, 0)
        XCTAssertEqual(try Tool.run(["compare", quickstart, "--replications", "2", "--html", compare.path]).status, 0)
        let chinese = dir.appendingPathComponent("zh.html")
        XCTAssertEqual(try Tool.run(["run", quickstart, "--lang", "zh", "--html", chinese.path]).status, 0)
        let blankShot = try screenshot(chromium, blank, dir.appendingPathComponent("blank.png"))
        for page in [run, compare, chinese] {
            let png = dir.appendingPathComponent(page.lastPathComponent + ".png")
            let size = try screenshot(chromium, page, png)
            XCTAssertGreaterThan(size, 8 * blankShot, "\(page.lastPathComponent) renders as a near-blank page")
            let dom = try browse(chromium, ["--dump-dom", page.absoluteString])
            XCTAssertTrue(dom.stdout.contains("<svg"), "the browser's DOM holds the charts")
            let console = dom.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }
            XCTAssertEqual(console, [], "console messages in \(page.lastPathComponent)")
        }
    }

    /// The reports of a spread system (the Bay Area's 70 stations over 70 km) and of a dense one
    /// (Optics Valley) as the browser lays them out: every name on a map, measured by Chromium
    /// (`getBBox`, the fonts it really uses), stays inside its map and overlaps no other name,
    /// and a screenshot of each renders.
    func testBrowserMeasuresNoCutOrOverlappingLabel() throws {
        let chromium = try chromiumOrSkip()
        let dir = try Tool.temporaryDirectory(self)
        // Appended to a copy of the page: measures each map's names and writes what it found.
        let measure = """
            <script>
            (function () {
              var out = [];
              document.querySelectorAll('svg').forEach(function (svg) {
                var vb = svg.viewBox.baseVal, boxes = [];
                svg.querySelectorAll('text.name').forEach(function (t) {
                  var b = t.getBBox(), name = t.firstChild ? t.firstChild.nodeValue : '';
                  // The glyphs' box, less the font's line gap above and below (a name's box is
                  // as tall as the font's ascent plus descent, wider than its letters).
                  var box = {x: b.x, y: b.y + 0.15 * b.height, w: b.width, h: 0.7 * b.height, name: name};
                  if (vb && vb.width > 0 && (box.x < -0.5 || box.y < -0.5 || box.x + box.w > vb.width + 0.5 || box.y + box.h > vb.height + 0.5)) out.push('cut: ' + name);
                  boxes.forEach(function (c) {
                    if (box.x < c.x + c.w - 0.5 && c.x < box.x + box.w - 0.5 && box.y < c.y + c.h - 0.5 && c.y < box.y + box.h - 0.5) out.push('overlap: ' + name + ' / ' + c.name);
                  });
                  boxes.push(box);
                });
                out.push('names: ' + boxes.length);
              });
              var pre = document.createElement('pre');
              pre.id = 'label-check';
              pre.textContent = out.join('\\n');
              document.body.appendChild(pre);
            })();
            </script>
            """
        for scenario in ["bayarea-2014-stations", "optics-valley"] {
            let html = dir.appendingPathComponent("\(scenario).html")
            let run = try Tool.run(["run", "scenarios/\(scenario).json", "--html", html.path])
            XCTAssertEqual(run.status, 0, run.stderr)
            let page = try String(contentsOf: html, encoding: .utf8)
            let measured = dir.appendingPathComponent("\(scenario)-measured.html")
            try page.replacingOccurrences(of: "</body>", with: measure + "</body>").write(to: measured, atomically: true, encoding: .utf8)
            XCTAssertGreaterThan(try screenshot(chromium, html, dir.appendingPathComponent("\(scenario).png")), 20_000)
            let dom = try browse(chromium, ["--dump-dom", measured.absoluteString]).stdout
            let found = try XCTUnwrap(dom.range(of: #"<pre id="label-check">([^<]*)</pre>"#, options: .regularExpression).map { String(dom[$0]) }, scenario)
            let lines = found.replacingOccurrences(of: #"</?pre[^>]*>"#, with: "", options: .regularExpression).split(separator: "\n")
            let counted = lines.filter { $0.hasPrefix("names: ") }.compactMap { Int($0.dropFirst(7)) }
            XCTAssertGreaterThan(counted.reduce(0, +), 5, "\(scenario): the maps' names were measured: \(lines)")
            XCTAssertEqual(lines.filter { !$0.hasPrefix("names: ") }, [], scenario)
        }
    }

    /// Headless Chromium's path; without it the test is skipped, and fails where `CI=true`.
    private func chromiumOrSkip() throws -> String {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("chromium is not installed; .ci/run installs it") }
            throw XCTSkip("chromium is not installed (apt-get install -y chromium fonts-noto-cjk); the browser test is skipped")
        }
        return chromium
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

/// `--lang zh` and `TIDESIM_LANG`: the text and HTML reports in Chinese, every phrase translated.
final class ChineseReportTests: XCTestCase {
    let quickstart = "scenarios/quickstart.json"
    /// Words the reports carry as data, not as phrases: ids, names, policies, the file, units of time.
    let data = ["Quickstart district", "scenarios/quickstart.json", "tidesim", "res-north", "res-south", "metro-sq", "tech-park", "campus",
                "North Estate", "South Estate", "Metro Square exit B", "Software Park gate 2", "University east gate", "lot-east",
                "Vacant lot, East Rd", "none", "threshold", "predictive", "rebalance", "clearance", "residential", "metro", "office"]

    /// The English words left in a Chinese report once its data is taken out (tags and styles of a page too).
    func englishLeft(_ text: String) -> [String] {
        var t = text
        if let a = t.range(of: "<style>"), let b = t.range(of: "</style>") { t.removeSubrange(a.lowerBound..<b.upperBound) }
        t = t.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        t = t.replacingOccurrences(of: "&[a-z#0-9]+;", with: " ", options: .regularExpression)
        for d in data.sorted(by: { $0.count > $1.count }) { t = t.replacingOccurrences(of: d, with: " ") }
        let words = t.components(separatedBy: CharacterSet.letters.inverted).filter { $0.count >= 3 && $0.allSatisfy(\.isASCII) }
        return Array(Set(words)).sorted()
    }

    func testReportsInChineseLeaveNoEnglishPhrase() throws {
        let dir = try Tool.temporaryDirectory(self)
        let runHTML = dir.appendingPathComponent("run.html"), compareHTML = dir.appendingPathComponent("compare.html")
        let run = try Tool.run(["run", quickstart, "--replications", "3", "--lang", "zh", "--html", runHTML.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("溢出车辆·小时"))
        XCTAssertTrue(run.stdout.contains("热点区域"))
        XCTAssertEqual(englishLeft(run.stdout), [])
        let compare = try Tool.run(["compare", quickstart, "--replications", "3", "--lang", "zh", "--html", compareHTML.path])
        XCTAssertEqual(compare.status, 0, compare.stderr)
        XCTAssertEqual(englishLeft(compare.stdout), [])
        for page in [runHTML, compareHTML] {
            let html = try String(contentsOf: page, encoding: .utf8)
            XCTAssertTrue(html.contains("<html lang=\"zh-CN\">"))
            XCTAssertEqual(englishLeft(html), [], page.lastPathComponent)
        }
    }

    func testLanguageFromTheEnvironmentAndItsErrors() throws {
        let env = try Tool.run(["run", quickstart], environment: ["TIDESIM_LANG": "zh_CN.UTF-8"])
        XCTAssertTrue(env.stdout.contains("系统指标"), "TIDESIM_LANG=zh_CN.UTF-8 reads as Chinese")
        let flagWins = try Tool.run(["run", quickstart, "--lang", "en"], environment: ["TIDESIM_LANG": "zh"])
        XCTAssertTrue(flagWins.stdout.contains("\nSystem\n"))
        let bad = try Tool.run(["run", quickstart, "--lang", "fr"])
        XCTAssertEqual(bad.status, 64)
        XCTAssertEqual(bad.stderr, "Error: --lang expects en or zh, got 'fr'. See 'tidesim run --help'.\n")
        // Files keep their English keys in every language.
        let json = try Tool.run(["run", quickstart, "--lang", "zh", "--json"])
        XCTAssertTrue(json.stdout.contains("\"overflowBikeHours\""))
    }
}
