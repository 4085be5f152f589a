import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
/// Which days of the records a calibration or replay uses.
public enum DaySelection: String, Sendable, CaseIterable {
    case weekdays, weekends, all

    /// Whether a date is selected.
    public func contains(_ d: CivilDate) -> Bool {
        switch self {
        case .weekdays: return !d.isWeekend
        case .weekends: return d.isWeekend
        case .all: return true
        }
    }
}

/// One trip record matched to the scenario's zones.
public struct TripRecord: Sendable, Equatable {
    public var date: CivilDate
    /// Start, seconds after local midnight.
    public var start: Double
    /// Ride time in seconds; NaN where the record has none (the Mobike records) or an unusable
    /// one (zero, negative or longer than ``TripReader/longestDuration``).
    public var duration: Double
    /// Dense zone indices.
    public var origin: Int32
    public var destination: Int32
}

/// The trips of a file that fall on the selected dates, matched to zones, and what was left out.
public struct TripRecords: Sendable {
    /// The layout recognised.
    public var layout: String
    public var trips: [TripRecord] = []
    /// Records read (not counting the header).
    public var records = 0
    /// Records outside the selected dates or days of the week.
    public var notSelected = 0
    /// Selected records whose start matches no zone (unknown station, no coordinates or none within
    /// the snap distance).
    public var unmatchedOrigin = 0
    /// Selected records with a matched start whose end matches no zone.
    public var unmatchedDestination = 0
    /// Matched records placed by coordinates rather than by station id.
    public var snapped = 0
    /// Matched records whose duration is zero, negative or over 30 days: they are kept (the
    /// trip happened) and ride for their pair's mean ride time instead (``Replay``).
    public var unusableDurations = 0
    /// The first and last start date of every record read (selected or not).
    public var firstDate: CivilDate?
    public var lastDate: CivilDate?

    /// Selected records that match no zone at one end or the other.
    public var unmatched: Int { unmatchedOrigin + unmatchedDestination }
}

/// Reads trip records in any known layout (``TripLayout``) and matches them to zones.
public enum TripReader {
    /// The longest duration taken as a ride: 30 days, in seconds. Longer ones (a clock error, a
    /// bike never returned) are unusable, as are zero and negative ones.
    public static let longestDuration = 30.0 * 86_400
    /// What to read.
    public struct Options: Sendable {
        /// `--columns ROLE=COLUMN,...`.
        public var columns: String?
        /// Nearest-zone matching radius for records with coordinates and no usable station id.
        public var snapMeters: Double = 200
        public var days: DaySelection = .all
        public var from: CivilDate?
        public var to: CivilDate?

        public init(columns: String? = nil, snapMeters: Double = 200, days: DaySelection = .all, from: CivilDate? = nil, to: CivilDate? = nil) {
            self.columns = columns
            self.snapMeters = snapMeters
            self.days = days
            self.from = from
            self.to = to
        }

        func selects(_ d: CivilDate) -> Bool {
            days.contains(d) && (from.map { d >= $0 } ?? true) && (to.map { d <= $0 } ?? true)
        }
    }

    /// Reads `path` (`-` for standard input) and matches each selected record to the zones.
    /// - Throws: ``TideSimError``: `inputMissing` (exit 66), `invalidScenario` naming the file,
    ///   line and column of a malformed record (exit 65), `usage` for a header no layout fits.
    public static func read(path: String, zones: [Zone], options: Options) throws(TideSimError) -> TripRecords {
        var reader = try CSVStreamReader(path: path)
        defer { reader.close() }
        let file = path == "-" ? "standard input" : path
        func fail(_ line: Int, _ column: String?, _ message: String) -> TideSimError {
            .invalidScenario([ScenarioIssue(Place(file: file, jsonPath: "", csvLine: line, csvColumn: column), message)])
        }
        let hasHeader: Bool
        do { hasHeader = try reader.next() } catch { throw fail(error.line, nil, error.message) }
        guard hasHeader else { throw fail(1, nil, "empty file; expected a header row of trip records") }
        let header = (0..<reader.fieldCount).map { reader.string($0) }
        let layout: TripLayout
        do {
            layout = try TripLayout.recognise(header: header, columns: options.columns)
        } catch .usage(let message) where options.columns == nil {
            throw fail(1, nil, message)
        }
        var result = TripRecords(layout: layout.name)
        let idIndex = Dictionary(zones.enumerated().map { ($1.id, Int32($0)) }, uniquingKeysWith: { a, _ in a })
        let locator = ZoneLocator(coordinates: zones.map(\.coordinate), radius: options.snapMeters)
        let col = layout.columns
        let needed = layout.widest + 1

        func place(id: Int?, lat: Int?, lon: Int?, geohash: Int?, snapped: inout Bool) -> Int32? {
            if let id, !reader.isEmpty(id), let z = idIndex[reader.string(id)] { return z }
            if let lat, let lon, let y = reader.number(lat), let x = reader.number(lon), !(y == 0 && x == 0) {
                snapped = true
                return locator.nearest(to: Coordinate(lat: y, lon: x))
            }
            if let geohash, let c = reader.withField(geohash, { Geohash.decode(ByteParsing.trimmed($0)) }) {
                snapped = true
                return locator.nearest(to: c)
            }
            return nil
        }

        while true {
            do {
                guard try reader.next() else { break }
            } catch {
                throw fail(error.line, nil, error.message)
            }
            result.records += 1
            guard reader.fieldCount >= needed else {
                throw fail(reader.line, nil, "expected \(header.count) fields as in the header, got \(reader.fieldCount)")
            }
            guard let start = reader.withField(col[.start]!, { TripTime.parse(ByteParsing.trimmed($0)) }) else {
                throw fail(reader.line, header[col[.start]!], "expected a date and time such as 2014-10-06 08:01:00 or 10/6/2014 8:01, got \(Quote.input(reader.string(col[.start]!)))")
            }
            if result.firstDate.map({ start.date < $0 }) ?? true { result.firstDate = start.date }
            if result.lastDate.map({ start.date > $0 }) ?? true { result.lastDate = start.date }
            guard options.selects(start.date) else { result.notSelected += 1; continue }
            var snappedOrigin = false, snappedDestination = false
            guard let o = place(id: col[.from], lat: col[.fromLat], lon: col[.fromLon], geohash: col[.fromGeohash], snapped: &snappedOrigin) else {
                result.unmatchedOrigin += 1
                continue
            }
            guard let d = place(id: col[.to], lat: col[.toLat], lon: col[.toLon], geohash: col[.toGeohash], snapped: &snappedDestination) else {
                result.unmatchedDestination += 1
                continue
            }
            if snappedOrigin || snappedDestination { result.snapped += 1 }
            var duration = Double.nan
            if let c = col[.duration], let x = reader.number(c) {
                duration = x
            } else if let c = col[.end], let end = reader.withField(c, { TripTime.parse(ByteParsing.trimmed($0)) }) {
                duration = end.absolute - start.absolute
            }
            if !duration.isNaN && !(duration > 0 && duration <= TripReader.longestDuration) {
                result.unusableDurations += 1
                duration = .nan
            }
            result.trips.append(TripRecord(date: start.date, start: start.seconds, duration: duration, origin: o, destination: d))
        }
        return result
    }
}
