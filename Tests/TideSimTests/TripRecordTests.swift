import Foundation
import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

/// The streaming CSV reader, dates, trip layouts and geohashes.
final class TripRecordTests: XCTestCase {
    private func temporaryFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tidesim-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    private func records(_ path: String, chunk: Int) throws -> [CSV.Record] {
        var reader = try CSVStreamReader(path: path, chunkBytes: chunk)
        defer { reader.close() }
        var out: [CSV.Record] = []
        while try reader.next() { out.append(CSV.Record(line: reader.line, fields: (0..<reader.fieldCount).map { reader.string($0) })) }
        return out
    }

    func testStreamReaderAgreesWithTheWholeTextParserAtEveryChunkSize() throws {
        let text = "\u{FEFF}a,b,c\r\n1,\"x, y\",3\n\n\"multi\nline\",\"say \"\"hi\"\"\",\r\n4,5,6"
        let path = try temporaryFile(text)
        let expected = try CSV.parse(text).map { CSV.Record(line: $0.line, fields: $0.fields.map { $0.trimmingCharacters() }) }
        XCTAssertEqual(expected.count, 4)
        for chunk in [16, 17, 19, 23, 64, 1 << 20] {
            XCTAssertEqual(try records(path, chunk: chunk), expected, "chunk \(chunk)")
        }
    }

    func testStreamReaderNamesTheLineOfASyntaxError() throws {
        let path = try temporaryFile("a,b\n1,2\n3,x\"y\n")
        var reader = try CSVStreamReader(path: path, chunkBytes: 16)
        XCTAssertTrue(try reader.next())
        XCTAssertTrue(try reader.next())
        XCTAssertThrowsError(try reader.next()) { XCTAssertEqual(($0 as? CSV.SyntaxError)?.line, 3) }
        XCTAssertThrowsError(try CSVStreamReader(path: "/nonexistent/trips.csv")) {
            guard case .inputMissing? = $0 as? TideSimError else { return XCTFail("\($0)") }
        }
    }

    func testNumbersFromBytes() {
        func n(_ s: String) -> Double? { Array(s.utf8).withUnsafeBufferPointer { ByteParsing.number($0) } }
        XCTAssertEqual(n("1,651.0"), 1651)
        XCTAssertEqual(n("-3.25"), -3.25)
        XCTAssertEqual(n("0.1"), 0.1)
        XCTAssertEqual(n("1e3"), 1000)
        XCTAssertEqual(n("12345678901234567"), 12_345_678_901_234_567)
        XCTAssertNil(n(""))
        XCTAssertNil(n("abc"))
        XCTAssertNil(n("1.2.3"))
        XCTAssertNil(n("nan"))
    }

    func testDatesOfEveryLayout() {
        func t(_ s: String) -> TripTime? { Array(s.utf8).withUnsafeBufferPointer { TripTime.parse($0) } }
        let monday = CivilDate(year: 2014, month: 10, dayOfMonth: 6)!
        XCTAssertEqual(monday.weekday, 1)
        XCTAssertEqual(monday.description, "2014-10-06")
        XCTAssertEqual(CivilDate(parsing: "2014-10-06"), monday)
        XCTAssertEqual(t("2014-10-06 08:01:00"), TripTime(date: monday, seconds: 8 * 3600 + 60))
        XCTAssertEqual(t("10/6/2014 8:01"), TripTime(date: monday, seconds: 8 * 3600 + 60))
        XCTAssertEqual(t("10/6/2014 08:01:00"), TripTime(date: monday, seconds: 8 * 3600 + 60))
        XCTAssertEqual(t("2014-10-06T08:01:00Z"), TripTime(date: monday, seconds: 8 * 3600 + 60))
        XCTAssertEqual(t("2014-10-06 08:01:39.6540")!.seconds, 8 * 3600 + 99.654, accuracy: 1e-9)
        XCTAssertNil(t("2014-13-06 08:01"))
        XCTAssertNil(t("2014-02-29 08:01"))
        XCTAssertNotNil(t("2016-02-29 08:01"))
        XCTAssertNil(t("06/10/14 08:01"))
        XCTAssertNil(t("yesterday"))
        // Day numbers round-trip and weekdays run Monday to Sunday.
        for day in stride(from: -1000, to: 30_000, by: 37) {
            let d = CivilDate(day: day), c = d.components
            XCTAssertEqual(CivilDate(year: c.year, month: c.month, dayOfMonth: c.day), d)
            XCTAssertEqual(CivilDate(day: day + 1).weekday, d.weekday % 7 + 1)
        }
        XCTAssertTrue(CivilDate(parsing: "2014-07-19")!.isWeekend)
    }

    /// The header of each layout issue 8 lists, as the systems wrote it.
    func testEveryKnownLayoutIsRecognisedFromItsHeader() throws {
        let headers: [(String, String)] = [
            ("Trip ID,Duration,Start Date,Start Station,Start Terminal,End Date,End Station,End Terminal,Bike #,Subscriber Type,Zip Code", "Bay Area"),
            ("trip_id,duration,start_date,start_station,start_terminal,end_date,end_station,end_terminal,bike_id,subscription_type,zip_code", "Bay Area"),
            ("tripduration,starttime,stoptime,start station id,start station name,start station latitude,start station longitude,end station id,end station name,end station latitude,end station longitude,bikeid,usertype,birth year,gender", "Citi Bike before 2021"),
            ("Trip Duration,Start Time,Stop Time,Start Station ID,Start Station Name,Start Station Latitude,Start Station Longitude,End Station ID,End Station Name,End Station Latitude,End Station Longitude,Bike ID,User Type,Birth Year,Gender", "Citi Bike before 2021"),
            ("ride_id,rideable_type,started_at,ended_at,start_station_name,start_station_id,end_station_name,end_station_id,start_lat,start_lng,end_lat,end_lng,member_casual", "2021+"),
            ("trip_id,start_time,end_time,bikeid,tripduration,from_station_id,from_station_name,to_station_id,to_station_name,usertype,gender,birthyear", "Divvy 2019"),
            ("Duration,Start date,End date,Start station number,Start station,End station number,End station,Bike number,Member type", "Capital Bikeshare"),
            ("duration_sec,start_time,end_time,start_station_id,start_station_name,start_station_latitude,start_station_longitude,end_station_id,end_station_name,end_station_latitude,end_station_longitude,bike_id,user_type", "Ford GoBike"),
            ("orderid,userid,bikeid,biketype,starttime,geohashed_start_loc,geohashed_end_loc", "Mobike"),
        ]
        for (header, name) in headers {
            let layout = try TripLayout.recognise(header: header.components(separatedBy: ","), columns: nil)
            XCTAssertTrue(layout.name.hasPrefix(name), "\(header) → \(layout.name)")
            XCTAssertNil(layout.missing)
        }
        XCTAssertThrowsError(try TripLayout.recognise(header: ["when", "a", "b"], columns: nil))
        let custom = try TripLayout.recognise(header: ["when", "a", "b", "secs"], columns: "start=when,from=a,to=b,duration=secs")
        XCTAssertEqual(custom.columns[.start], 0)
        XCTAssertEqual(custom.columns[.duration], 3)
        XCTAssertThrowsError(try TripLayout.recognise(header: ["when", "a", "b"], columns: "start=when,from=a,to=c"))
        XCTAssertThrowsError(try TripLayout.recognise(header: ["when", "a", "b"], columns: "begin=when"))
    }

    func testGeohashCentre() {
        // "ezs42" is the cell 42.583-42.627 N, 5.625-5.581 W (the classic example).
        let c = Array("ezs42".utf8).withUnsafeBufferPointer { Geohash.decode($0) }!
        XCTAssertEqual(c.lat, 42.605, accuracy: 0.001)
        XCTAssertEqual(c.lon, -5.603, accuracy: 0.001)
        XCTAssertNil(Array("ezs4a".utf8).withUnsafeBufferPointer { Geohash.decode($0) })
    }

    func testNearestZoneWithinTheSnapDistance() {
        let zones = [Coordinate(lat: 30.5, lon: 114.4), Coordinate(lat: 30.501, lon: 114.4), nil, Coordinate(lat: 30.6, lon: 114.4)]
        let locator = ZoneLocator(coordinates: zones, radius: 200)
        XCTAssertEqual(locator.nearest(to: Coordinate(lat: 30.5004, lon: 114.4)), 0)
        XCTAssertEqual(locator.nearest(to: Coordinate(lat: 30.5007, lon: 114.4)), 1)
        XCTAssertNil(locator.nearest(to: Coordinate(lat: 30.55, lon: 114.4)))
        // A brute-force check on random points.
        var rng = Xoshiro256StarStar(seed: 5)
        for _ in 0..<500 {
            let p = Coordinate(lat: 30.49 + 0.12 * rng.nextUnitDouble(), lon: 114.39 + 0.02 * rng.nextUnitDouble())
            let brute = zones.enumerated().compactMap { i, c in c.map { (i, $0.distanceMeters(to: p)) } }.filter { $0.1 < 200 }.min { $0.1 < $1.1 }?.0
            XCTAssertEqual(locator.nearest(to: p).map(Int.init), brute)
        }
    }
}
