import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

final class CSVTests: XCTestCase {
    func testParsesQuotesLineEndsAndLineNumbers() throws {
        let text = "id,name\r\nA,\"Gate \"\"2\"\", east\"\n\nB,\"two\nlines\"\nC,\n"
        let records = try CSV.parse(text)
        XCTAssertEqual(records.map(\.line), [1, 2, 4, 6])
        XCTAssertEqual(records[1].fields, ["A", "Gate \"2\", east"])
        XCTAssertEqual(records[2].fields, ["B", "two\nlines"])
        XCTAssertEqual(records[3].fields, ["C", ""])
    }

    func testRejectsMalformedQuotes() {
        XCTAssertThrowsError(try CSV.parse("a,b\"c\n")) { XCTAssertEqual(($0 as? CSV.SyntaxError)?.line, 1) }
        XCTAssertThrowsError(try CSV.parse("a\n\"open\n")) { XCTAssertEqual(($0 as? CSV.SyntaxError)?.line, 2) }
        XCTAssertThrowsError(try CSV.parse("\"x\"y\n"))
    }

    func testWriterQuotesOnlyWhereNeededAndRoundTrips() throws {
        let rows = [["plain", "with,comma", "with \"quote\"", "multi\nline", ""]]
        let text = CSV.render(header: ["a", "b", "c", "d", "e"], rows: rows)
        XCTAssertEqual(text, "a,b,c,d,e\r\nplain,\"with,comma\",\"with \"\"quote\"\"\",\"multi\nline\",\r\n")
        XCTAssertEqual(try CSV.parse(text).map(\.fields), [["a", "b", "c", "d", "e"]] + rows)
    }
}
