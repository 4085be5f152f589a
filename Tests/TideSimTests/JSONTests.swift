import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

final class JSONTests: XCTestCase {
    func testParsesAllValueKindsInOrder() throws {
        let v = try JSONParser.parse(#"{"b": [1, -2.5e1, true, false, null], "a": "x\u00e9\n\ud83d\udeb2"}"#)
        guard case .object(let members) = v else { return XCTFail("not an object") }
        XCTAssertEqual(members.map(\.key), ["b", "a"])
        XCTAssertEqual(v["b"], .array([.number(1), .number(-25), .bool(true), .bool(false), .null]))
        XCTAssertEqual(v["a"], .string("xé\n🚲"))
    }

    func testSyntaxErrorsNameLineAndColumn() {
        func error(_ text: String) -> JSONParser.SyntaxError? {
            do { _ = try JSONParser.parse(text); return nil } catch { return error }
        }
        XCTAssertEqual(error("{\n  \"a\": 1,\n  \"b\" 2\n}"), .init(line: 3, column: 7, message: "expected ':' after the key 'b'"))
        XCTAssertEqual(error("{\"a\": 1, \"a\": 2}")?.message, "duplicate key 'a'")
        XCTAssertEqual(error("[1, 2,]")?.message, "expected a value")
        XCTAssertEqual(error("[1] x")?.message, "unexpected text after the document")
        XCTAssertEqual(error("01")?.message, "unexpected text after the document")
        XCTAssertEqual(error("\"abc")?.message, "unterminated string")
        XCTAssertEqual(error("1e999")?.message, "number '1e999' is out of range")
        XCTAssertNotNil(error(""))
        XCTAssertNotNil(error("[" + String(repeating: "[", count: 600)))
    }

    func testWriterRoundTripsAndFormatsNumbers() throws {
        XCTAssertEqual(JSONWriter.format(3), "3")
        XCTAssertEqual(JSONWriter.format(-0.25), "-0.25")
        XCTAssertEqual(JSONWriter.format(.nan), "null")
        XCTAssertEqual(JSONWriter.format(0.1 + 0.2), "0.30000000000000004")
        let v: JSONValue = .object([("k", .array([.number(1.5), .string("a\"b\\c\u{1}")])), ("o", .object([])), ("n", .null)])
        for pretty in [true, false] {
            XCTAssertEqual(try JSONParser.parse(JSONWriter.render(v, pretty: pretty)), v)
        }
        XCTAssertEqual(JSONWriter.render(v, pretty: false), #"{"k":[1.5,"a\"b\\c\u0001"],"o":{},"n":null}"#)
    }

    /// Every control character is escaped in a string (C0, DEL, C1), and the rest is kept as it
    /// is (é is 0xC3 0xA9, and U+00A0 is 0xC2 0xA0: a 0xC2 that starts no C1 control): a
    /// document is safe to print as it is, and reads back the same.
    func testWriterEscapesEveryControlCharacter() throws {
        let text = "a\u{1B}[2J\u{7F}b\u{85}c\u{9B}\u{9F}é\u{A0}🚲\u{C2}"
        let written = JSONWriter.render(.string(text), pretty: false)
        XCTAssertEqual(written, #""a\u001b[2J\u007fb\u0085c\u009b\u009fé\#u{A0}🚲\#u{C2}""#)
        XCTAssertFalse(Quote.hasControls(written, keeping: []))
        XCTAssertEqual(try JSONParser.parse(written), .string(text))
    }

    /// The byte scan that decides whether text needs escaping finds exactly the control
    /// characters the scalar test finds, and leaves the kept ones.
    func testControlScanAgreesWithTheScalars() {
        let samples = ["plain", "new\nline\ttab", "esc\u{1B}", "del\u{7F}", "c1\u{80}", "c1\u{9F}", "nbsp\u{A0}", "é🚲", "\u{C2}", ""]
        for s in samples {
            for keeping: Set<Unicode.Scalar> in [[], ["\n", "\t"], ["\u{7F}", "\u{85}"]] {
                let scalar = s.unicodeScalars.contains { Quote.isControl($0) && !keeping.contains($0) }
                XCTAssertEqual(Quote.hasControls(s, keeping: keeping), scalar, "\(s.unicodeScalars.map(\.value)) keeping \(keeping)")
            }
        }
        XCTAssertEqual(Quote.escapingControls("a\u{9B}b\n", keeping: ["\n"]), "a\\u{9B}b\n")
    }
}
