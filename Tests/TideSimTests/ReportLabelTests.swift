import Foundation
import XCTest
@testable import TideSim
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

/// What the HTML report draws must be readable: map names that do not overlap and are not cut
/// mid-word, heatmap names that tell zones apart, chart axes on round numbers.
final class ReportLabelTests: XCTestCase {
    func page(_ scenario: String) throws -> String {
        let s = try ScenarioLoader.load(path: TestScenarios.bundled(scenario))
        let m = Model(s)
        let report = RunReport(model: m, policy: m.policy.name, seed: s.seed,
                               replications: Replications.run(model: m, policy: m.policy.name, seed: s.seed, count: 1, recordTimeSeries: true))
        return RunHTML.render(report, top: 15)
    }

    /// The part of the page between a marker and the end of its SVG.
    func svg(_ html: String, _ marker: String) throws -> String {
        let start = try XCTUnwrap(html.range(of: marker))
        let end = try XCTUnwrap(html.range(of: "</svg>", range: start.upperBound..<html.endIndex))
        return String(html[start.lowerBound..<end.upperBound])
    }

    func matches(_ pattern: String, in text: String) -> [[String]] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { m in
            (0..<m.numberOfRanges).map { String(text[Range(m.range(at: $0), in: text)!]) }
        }
    }

    /// Every map of a page (a spread system has several).
    func maps(_ html: String) -> [String] {
        html.components(separatedBy: "<svg class=\"map\"").dropFirst().map { "<svg class=\"map\"" + $0.components(separatedBy: "</svg>")[0] + "</svg>" }
    }

    /// The Bay Area's 70 stations lie in four areas tens of kilometres apart: a map each, every
    /// one with names that do not overlap.
    func testASpreadSystemGetsAMapPerArea() throws {
        let s = try ScenarioLoader.load(path: TestScenarios.bundled("bayarea-2014-stations"))
        var options = TripReader.Options()
        options.from = CivilDate(parsing: "2014-07-15")
        options.to = options.from
        let records = try TripReader.read(path: TestScenarios.packageRoot + "/Tests/Fixtures/bayarea-2014/trips-2014-07-15_16_19.csv", zones: s.zones, options: options)
        let m = Model(s).replaying(Replay.attempts(records, scenario: s))
        let report = RunReport(model: m, policy: "none", seed: 1, replications: Replications.run(model: m, policy: "none", seed: 1, count: 1, recordTimeSeries: true))
        let html = RunHTML.render(report, top: 15)
        XCTAssertEqual(maps(html).count, 4)
        XCTAssertTrue(html.contains("The zones lie in 4 areas far apart: each has a map of its own."))
        XCTAssertEqual(MapSVG.clusters(m).map(\.zones.count), [35, 16, 12, 7])
        for map in maps(html) { try checkLabels(map, "bayarea-2014-stations") }
        XCTAssertEqual(MapSVG.clusters(Model(try ScenarioLoader.load(path: TestScenarios.bundled("optics-valley")))).count, 1, "a district is one map")
    }

    func testMapNamesDoNotOverlapAndAreNotCutMidWord() throws {
        for scenario in ["optics-valley", "quickstart", "sf-bayarea-2014"] {
            let map = try svg(try page(scenario), "<svg class=\"map\"")
            try checkLabels(map, scenario)
            XCTAssertTrue(map.contains("class=\"name"), "\(scenario): no name on the map")
            // Holding areas are named where they have room (Optics Valley's three lots).
            if scenario == "optics-valley" { XCTAssertTrue(map.contains("class=\"name holding\""), "no holding area is named") }
        }
    }

    func checkLabels(_ map: String, _ scenario: String) throws {
        do {
            let view = try XCTUnwrap(matches(#"viewBox="0 0 ([\d.]+) ([\d.]+)""#, in: map).first)
            let (width, height) = (Double(view[1])!, Double(view[2])!)
            let labels = matches(#"<text x="([-\d.]+)" y="([-\d.]+)" class="name[^"]*">([^<]*)<title>([^<]*)</title></text>"#, in: map)
            XCTAssertFalse(labels.isEmpty && !map.contains("<circle"), scenario)
            var boxes: [Label.Box] = []
            for l in labels {
                let text = l[3].replacingOccurrences(of: "&amp;", with: "&"), full = l[4].replacingOccurrences(of: "&amp;", with: "&")
                XCTAssertTrue(text == full || (text.hasSuffix("…") && full.hasPrefix(String(text.dropLast()))), "\(scenario): '\(text)' for '\(full)'")
                let box = Label.Box(x: Double(l[1])!, y: Double(l[2])! - 9, width: SVG.textWidth(text), height: 11)
                XCTAssertTrue(box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height, "\(scenario): '\(text)' leaves the map")
                for b in boxes { XCTAssertFalse(box.overlaps(b), "\(scenario): '\(text)' overlaps another name") }
                boxes.append(box)
            }
        }
    }

    func testHeatmapNamesTellZonesApart() throws {
        let heat = try svg(try page("optics-valley"), "<svg class=\"heatmap\"")
        let names = matches(#"text-anchor="end">([^<]*)<title>"#, in: heat).map { $0[1] }
        XCTAssertEqual(names.count, 25, "the 20 zones with the most overflow and the 5 empty longest")
        XCTAssertEqual(Set(names).count, names.count, "two zones share a label: \(names)")
        XCTAssertTrue(names.contains("Optics Valley Software Park, phase 1"))
        XCTAssertFalse(names.contains { $0.hasSuffix("…") }, "names of up to 40 characters are shown whole")
    }

    func testChartAxesEndOnRoundNumbers() throws {
        XCTAssertEqual(SVG.niceAxis(18_125).top, 20_000)
        XCTAssertEqual(SVG.niceAxis(18_125).step, 5_000)
        XCTAssertEqual(SVG.niceAxis(0.12).top, 0.15, accuracy: 1e-12)
        XCTAssertEqual(SVG.niceAxis(8).step, 2)
        XCTAssertEqual(SVG.niceAxis(640).top, 800)
        let page = try self.page("optics-valley")
        let day = try svg(page, "<svg class=\"chart\"")
        let ticks = matches(#"text-anchor="end">([\d,]+)</text>"#, in: day).map { Double($0[1].replacingOccurrences(of: ",", with: ""))! }
        XCTAssertEqual(ticks, [0, 5_000, 10_000, 15_000, 20_000], "the fleet of 18,125 on a 0-20,000 axis")
        XCTAssertEqual(SVG.shortened("Wuhan Univ. of Technology, south campus", limit: 24), "Wuhan Univ. of…")
        XCTAssertEqual(SVG.shortened("Short", limit: 24), "Short")
    }

    /// The comparison page's trade-off chart: ticks on round numbers, evenly spaced, and the
    /// policies' names not overlapping one another (five policies on Optics Valley, where
    /// `rebalance` and `threshold` lie close).
    func testTradeOffChartTicksAreRoundAndNamesApart() throws {
        let m = Model(try ScenarioLoader.load(path: TestScenarios.bundled("optics-valley")))
        let report = ComparisonReport.run(model: m, policies: PolicyCatalog.names, seed: 2026, replications: 3, threads: 2)
        let chart = CompareHTML.tradeOffChart(report, ReportWords(.en))
        for anchor in ["middle", "end"] {
            let ticks = matches(#"text-anchor="\#(anchor)">(-?[\d,]+)</text>"#, in: chart).map { Double($0[1].replacingOccurrences(of: ",", with: ""))! }
            XCTAssertGreaterThanOrEqual(ticks.count, 3, anchor)
            let step = ticks[1] - ticks[0]
            let magnitude = pow(10, log10(step).rounded(.down))
            XCTAssertTrue([1, 2, 2.5, 5, 10].contains(step / magnitude), "\(anchor): step \(step)")
            for (a, b) in zip(ticks, ticks.dropFirst()) { XCTAssertEqual(b - a, step, accuracy: 1e-9) }
            XCTAssertTrue(ticks.allSatisfy { ($0 / step).rounded() * step == $0 }, "\(anchor): \(ticks)")
        }
        let names = matches(#"<text x="([-\d.]+)" y="([-\d.]+)" font-weight="bold">([a-z]+)</text>"#, in: chart)
        XCTAssertEqual(names.map { $0[3] }, Array(PolicyCatalog.names.dropFirst()))
        let boxes = names.map { n in Label.Box(x: Double(n[1])!, y: Double(n[2])! - 11, width: SVG.textWidth(n[3]), height: 14) }
        for i in boxes.indices { for j in boxes.indices where j > i { XCTAssertFalse(boxes[i].overlaps(boxes[j]), "\(names[i][3]) and \(names[j][3])") } }
    }
}
