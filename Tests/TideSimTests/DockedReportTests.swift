import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

/// Issue 18, docked systems read right: where every zone is docked nothing piles (overflow is
/// always 0), so the reports rank and show what hurts there: failed returns, lost rentals,
/// minutes empty. A system with piles reads as before.
final class DockedReportTests: XCTestCase {
    /// Three stations: riders fill `full` (returns refused there) and drain `empty`.
    let docked = """
        {"tidesim":1,
         "zones":[{"id":"empty","lat":30.50,"lon":114.40,"capacity":10,"bikes":4,"overflow":"redirect"},
                  {"id":"full","lat":30.51,"lon":114.40,"capacity":10,"bikes":8,"overflow":"redirect"},
                  {"id":"quiet","lat":30.52,"lon":114.40,"capacity":30,"bikes":5,"overflow":"redirect"}],
         "demand":{"flows":[{"from":"empty","to":"full","tripsPerDay":120},{"from":"quiet","to":"quiet","tripsPerDay":2}]}}
        """

    func testADockedSystemLeadsWithWhatHurtsIt() throws {
        let model = Model(try TestScenarios.load(docked))
        XCTAssertTrue(ReportLayout.dockedOnly(model))
        let report = RunReport(model: model, policy: "none", seed: 1, replications: Replications.run(model: model, seed: 1, count: 3))
        // Ranked by failed returns, then lost rentals: `full` refuses returns, `empty` loses rentals.
        XCTAssertGreaterThan(report[zone: 1, .failedReturns].mean!, 0)
        XCTAssertGreaterThan(report[zone: 0, .lostRentals].mean!, 0)
        XCTAssertEqual(report.hotspotRanking(), [1, 0, 2])
        let text = RunReportText.render(report, file: "docked.json", top: 3)
        XCTAssertTrue(text.contains("Hotspots (top 3 of 3 zones by failed returns, then lost rentals; peak = most bikes / capacity)"), text)
        XCTAssertTrue(text.contains("failed returns  lost rentals  minutes empty"), text)
        for piles in ["overflow bike-hours", "peak overflow bikes", "clearance breaches", "minutes over cap"] {
            XCTAssertFalse(text.contains(piles), "\(piles) is always 0 in a docked system:\n\(text)")
        }
        XCTAssertFalse(ReportLayout.compared(model).contains(.overflowBikeHours))
        let page = RunHTML.render(report, top: 3)
        XCTAssertTrue(page.contains("zones with the most failed returns, then lost rentals"))
        XCTAssertFalse(page.contains("first over"))
        let compare = ComparisonReport(runs: [report, report])
        let comparePage = CompareHTML.render(compare, top: 3)
        XCTAssertTrue(comparePage.contains("zones with the most failed returns under none"))
        XCTAssertFalse(comparePage.contains("overflow bike-hours"), "no overflow row on a docked system's comparison page")
    }

    func testASystemWithPilesReadsAsBefore() throws {
        let piles = docked.replacingOccurrences(of: #","overflow":"redirect"}],"#, with: "}],")
        let model = Model(try TestScenarios.load(piles))
        XCTAssertFalse(ReportLayout.dockedOnly(model))
        XCTAssertEqual(ReportLayout.compared(model), ReportLayout.compared)
        XCTAssertTrue(ReportLayout.hotspotColumns(docked: true).contains(.overflowBikeHours))
        let report = RunReport(model: model, policy: "none", seed: 1, replications: Replications.run(model: model, seed: 1, count: 1))
        XCTAssertTrue(RunReportText.render(report, file: "mixed.json", top: 3).contains("overflow bike-hours"))
    }
}
