import Foundation
import XCTest
@testable import TideSim
@testable import TideSimIO

/// Our gzip reader against Python's zlib: the streams in `Tests/Fixtures/gzip/` were written by
/// zlib (stored, fixed-Huffman and dynamic-Huffman blocks, a header with every optional field,
/// two members, a corrupt CRC, a truncated stream) from `small.csv`, the first 40 lines of the
/// Bay Area fixture; each must read back as exactly that text, or fail with one clear line.
final class GzipTests: XCTestCase {
    let dir = TestScenarios.packageRoot + "/Tests/Fixtures/gzip/"

    /// Every record of a file, through the streaming reader (small chunks, to cross every edge).
    func records(_ name: String, chunk: Int = 64) throws -> [[String]] {
        var reader = try CSVStreamReader(path: dir + name, chunkBytes: chunk)
        defer { reader.close() }
        var rows: [[String]] = []
        while try reader.next() { rows.append((0..<reader.fieldCount).map { reader.string($0) }) }
        return rows
    }

    func testZlibStreamsReadAsThePlainFile() throws {
        let plain = try records("small.csv")
        XCTAssertEqual(plain.count, 40)
        for name in ["stored.csv.gz", "fixed.csv.gz", "dynamic.csv.gz", "multi.csv.gz"] {
            XCTAssertEqual(try records(name), plain, name)
            XCTAssertEqual(try records(name, chunk: 1 << 20), plain, name)
        }
    }

    func testCorruptAndTruncatedStreamsAreOneClearError() {
        let cases = [("badcrc.csv.gz", "gzip: the CRC-32 of member 1 does not match its data (a corrupt file)"),
                     ("truncated.csv.gz", "gzip: the file ends in the middle of a gzip member (truncated)")]
        for (name, message) in cases {
            XCTAssertThrowsError(try records(name)) { error in
                XCTAssertEqual((error as? CSV.SyntaxError)?.message, message, name)
                XCTAssertEqual((error as? CSV.SyntaxError)?.line, 0, "no record is blamed")
            }
        }
    }

    /// A stream built by hand: a header without options, one stored block holding "hello\n", the
    /// CRC-32 of those bytes (0x3610A686 for "hello", worked out with the table) and the length.
    func testAHandBuiltStoredBlock() throws {
        let text = Array("a,b\nhello,1\n".utf8)
        var crc: UInt32 = 0xFFFF_FFFF
        text.withUnsafeBufferPointer { crc = CRC32.update(crc, $0[...]) }
        crc = ~crc
        var hello: UInt32 = 0xFFFF_FFFF
        Array("hello".utf8).withUnsafeBufferPointer { hello = CRC32.update(hello, $0[...]) }
        XCTAssertEqual(~hello, 0x3610_A686)
        let n = UInt16(text.count)
        var bytes: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        bytes += [0x01, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8(~n >> 8)] + text   // BFINAL=1, BTYPE=00
        bytes += [UInt8(crc & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 24), UInt8(n & 0xFF), UInt8(n >> 8), 0, 0]
        var input = bytes[...]
        let decoder = GzipDecoder { destination in
            let k = min(destination.count, input.count)
            input.withUnsafeBytes { destination.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: k) }
            input = input.dropFirst(k)
            return k
        }
        var out = [UInt8](repeating: 0, count: 100)
        let got = try out.withUnsafeMutableBytes { try decoder.read(into: $0) }
        XCTAssertEqual(Array(out[..<got]), text)
        XCTAssertEqual(try out.withUnsafeMutableBytes { try decoder.read(into: $0) }, 0, "the end")
    }

    /// The gzipped Bay Area trips calibrate to exactly the scenario the plain file gives.
    func testGzippedTripsCalibrateAsThePlainFile() throws {
        let stations = try ScenarioLoader.load(path: TestScenarios.packageRoot + "/scenarios/bayarea-2014-stations.json")
        let plain = try TripReader.read(path: dir + "small.csv", zones: stations.zones, options: TripReader.Options())
        let zipped = try TripReader.read(path: dir + "dynamic.csv.gz", zones: stations.zones, options: TripReader.Options())
        XCTAssertEqual(zipped.trips, plain.trips)
        XCTAssertEqual(zipped.records, 39)
        let a = try Calibration.fit(stations, records: plain, options: TripReader.Options())
        let b = try Calibration.fit(stations, records: zipped, options: TripReader.Options())
        XCTAssertEqual(ScenarioWriter.files(a.scenario, baseName: "x", tables: false).map(\.contents),
                       ScenarioWriter.files(b.scenario, baseName: "x", tables: false).map(\.contents))
    }
}
