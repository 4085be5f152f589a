import Foundation
import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

/// Path arithmetic (which must not trap on short paths, as NSString's does on Linux) and the
/// bounds on what is read.
final class FilePathAndInputTests: XCTestCase {
    func testParentAndLastComponentFollowPOSIX() {
        let cases: [(path: String, parent: String, last: String)] = [
            ("h", ".", "h"), ("-", ".", "-"), ("x/y/z", "x/y", "z"), ("/a", "/", "a"), ("/", "/", "/"), ("a/", ".", "a"),
            ("a//b", "a", "b"), ("a/b//", "a", "b"), ("", ".", ""), ("./c", ".", "c"), ("../d/e.json", "../d", "e.json"), ("//x", "/", "x"),
        ]
        for c in cases {
            XCTAssertEqual(FilePath.parent(c.path), c.parent, c.path)
            XCTAssertEqual(FilePath.lastComponent(c.path), c.last, c.path)
        }
        XCTAssertEqual(FilePath.directoryPart("city.json"), "", "a bare name has no directory part")
        XCTAssertEqual(FilePath.directoryPart("s/city.json"), "s")
        XCTAssertEqual(FilePath.join("a", "b"), "a/b")
        XCTAssertEqual(FilePath.join("a/", "b"), "a/b")
        XCTAssertEqual(FilePath.join("", "b"), "b")
        XCTAssertEqual(FilePath.join("a", "/abs"), "/abs")
        XCTAssertEqual(FilePath.removingExtension("city.json"), "city")
        XCTAssertEqual(FilePath.removingExtension("a.b.csv"), "a.b")
        XCTAssertEqual(FilePath.removingExtension(".json"), ".json")
        XCTAssertEqual(FilePath.removingExtension("noext"), "noext")
    }

    func testMidnightEndsAWindow() throws {
        let w = try XCTUnwrap(TimeWindow(parsing: "22:00-00:00"))
        XCTAssertEqual(w.start, 79_200)
        XCTAssertEqual(w.end, 86_400)
        XCTAssertTrue(w.contains(secondOfDay: 86_399))
        XCTAssertFalse(w.contains(secondOfDay: 0))
        XCTAssertEqual(w.description, "22:00-24:00")
        XCTAssertNil(TimeWindow(parsing: "00:00-00:00"), "empty: start equals end")
        XCTAssertNil(TimeWindow(parsing: "24:00-02:00"))
    }

    /// A record longer than the bound is an error at its line, whether the long record comes
    /// whole or through a pipe in pieces; records up to the bound are read.
    func testLongRecordsAreBounded() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tidesim-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.csv").path
        try ("a,b\n1,2\n" + String(repeating: "x", count: 5000) + ",3\n").write(toFile: path, atomically: true, encoding: .utf8)
        var reader = try CSVStreamReader(path: path, chunkBytes: 64, maximumRecordBytes: 4096)
        XCTAssertTrue(try reader.next())
        XCTAssertTrue(try reader.next())
        XCTAssertEqual(reader.string(1), "2")
        XCTAssertThrowsError(try reader.next()) { error in
            XCTAssertEqual((error as? CSV.SyntaxError)?.line, 3)
            XCTAssertEqual((error as? CSV.SyntaxError)?.message, "a record longer than 4096 bytes: not a table of trips or zones (a file with no line ends?)")
        }
        reader.close()
        var wide = try CSVStreamReader(path: path, chunkBytes: 64, maximumRecordBytes: 8192)
        var lengths: [Int] = []
        while try wide.next() { lengths.append(wide.string(0).count) }
        XCTAssertEqual(lengths, [1, 1, 5000])
        wide.close()
    }

    func testWholeReadsRefuseDevicesAndDirectories() {
        for (path, reason) in [("/dev/zero", "is a device or socket, not a file: it has no end; expected a regular file or a pipe"),
                               ("/", "is a directory, expected a file"), ("/no/such/file", "no such file")] {
            XCTAssertThrowsError(try InputFile.readAll(path)) { error in
                guard case .inputMissing(let p, let r)? = error as? TideSimError else { return XCTFail("\(error)") }
                XCTAssertEqual(p, path)
                XCTAssertEqual(r, reason)
            }
        }
    }
}
