import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
/// Which columns of a trip file hold what tidesim needs, recognised from the header alone or
/// given with `--columns`.
public struct TripLayout: Sendable, Equatable {
    /// What a column can hold.
    public enum Role: String, Sendable, CaseIterable {
        /// Start date-time.
        case start
        /// End date-time.
        case end
        /// Duration in seconds.
        case duration
        /// Start station id.
        case from
        /// End station id.
        case to
        case fromLat, fromLon, toLat, toLon
        /// 7-character geohashes of the start and end (the Mobike 2017 records).
        case fromGeohash, toGeohash
    }

    /// The layout's name for messages ("Bay Area Bike Share 2013-15").
    public let name: String
    /// Column index of each role present.
    public let columns: [Role: Int]

    /// A known layout: its name and the column of each role, as normalised header names.
    struct Known {
        let name: String
        let roles: [(Role, String)]
    }

    /// The layouts docs/real-data.md lists, most specific first. Names are normalised
    /// (lower case, without spaces, underscores and `#`), so `Start Station ID`, `start station id`
    /// and `start_station_id` are the same column.
    static let known: [Known] = [
        Known(name: "Mobike 2017 (geohashes)", roles: [(.start, "starttime"), (.fromGeohash, "geohashedstartloc"), (.toGeohash, "geohashedendloc")]),
        Known(name: "2021+ (Citi Bike, Divvy, Bay Wheels, Capital Bikeshare)",
              roles: [(.start, "startedat"), (.end, "endedat"), (.from, "startstationid"), (.to, "endstationid"),
                      (.fromLat, "startlat"), (.fromLon, "startlng"), (.toLat, "endlat"), (.toLon, "endlng")]),
        Known(name: "Ford GoBike / Bay Wheels 2017-19",
              roles: [(.duration, "durationsec"), (.start, "starttime"), (.end, "endtime"), (.from, "startstationid"), (.to, "endstationid"),
                      (.fromLat, "startstationlatitude"), (.fromLon, "startstationlongitude"),
                      (.toLat, "endstationlatitude"), (.toLon, "endstationlongitude")]),
        Known(name: "Divvy 2019",
              roles: [(.start, "starttime"), (.end, "endtime"), (.duration, "tripduration"), (.from, "fromstationid"), (.to, "tostationid")]),
        Known(name: "Citi Bike before 2021",
              roles: [(.duration, "tripduration"), (.start, "starttime"), (.end, "stoptime"), (.from, "startstationid"), (.to, "endstationid"),
                      (.fromLat, "startstationlatitude"), (.fromLon, "startstationlongitude"),
                      (.toLat, "endstationlatitude"), (.toLon, "endstationlongitude")]),
        Known(name: "Bay Area Bike Share 2013-15",
              roles: [(.duration, "duration"), (.start, "startdate"), (.end, "enddate"), (.from, "startterminal"), (.to, "endterminal")]),
        Known(name: "Capital Bikeshare before 2020",
              roles: [(.duration, "duration"), (.start, "startdate"), (.end, "enddate"), (.from, "startstationnumber"), (.to, "endstationnumber")]),
    ]

    /// Columns of a known layout that a file may lack (some years left out the coordinates);
    /// every other column of the layout must be there for the header to be recognised as it.
    static let optionalRoles: Set<Role> = [.fromLat, .fromLon, .toLat, .toLon]

    /// A header name as layouts compare it.
    static func normalise(_ name: String) -> String {
        String(name.lowercased().filter { $0 != " " && $0 != "_" && $0 != "#" && $0 != "\"" && $0 != "-" })
    }

    /// Recognises a header. `--columns` (`ROLE=COLUMN,...`) names the columns of any other layout,
    /// or renames some columns of a known one.
    /// - Throws: a message for the user when the header is not recognised or the map is wrong.
    public static func recognise(header: [String], columns map: String?) throws(TideSimError) -> TripLayout {
        let names = header.map(normalise)
        var given: [Role: Int] = [:]
        if let map {
            for item in map.split(separator: ",", omittingEmptySubsequences: true) {
                let pair = item.split(separator: "=", maxSplits: 1)
                guard pair.count == 2, let role = Role(rawValue: String(pair[0]).trimmingCharacters()) else {
                    throw .usage("--columns: expected ROLE=COLUMN pairs with roles \(Role.allCases.map(\.rawValue).joined(separator: ", ")), got \(Quote.input(String(item)))")
                }
                let column = normalise(String(pair[1]))
                guard let index = names.firstIndex(of: column) else {
                    throw .usage("--columns: the file has no column \(Quote.input(String(pair[1]))) for \(role.rawValue)")
                }
                given[role] = index
            }
        }
        var best: (Known, [Role: Int])?
        for layout in known {
            var columns: [Role: Int] = [:]
            var complete = true
            for (role, name) in layout.roles {
                if let index = names.firstIndex(of: name) { columns[role] = index } else if !optionalRoles.contains(role) { complete = false }
            }
            if complete { best = (layout, columns); break }
        }
        var columns = best?.1 ?? [:]
        columns.merge(given) { _, new in new }
        let name = best.map { $0.0.name + (given.isEmpty ? "" : ", with --columns") } ?? "--columns"
        let layout = TripLayout(name: name, columns: columns)
        if let missing = layout.missing {
            let known = TripLayout.known.map(\.name).joined(separator: "; ")
            if best == nil && given.isEmpty {
                throw .usage("the header is not a trip layout tidesim knows (\(known)); name the columns with --columns start=...,from=...,to=...")
            }
            throw .usage("--columns: \(missing)")
        }
        return layout
    }

    /// What the layout lacks to place a trip, or nil.
    var missing: String? {
        if columns[.start] == nil { return "no start time column (start=COLUMN)" }
        let fromOK = columns[.from] != nil || (columns[.fromLat] != nil && columns[.fromLon] != nil) || columns[.fromGeohash] != nil
        let toOK = columns[.to] != nil || (columns[.toLat] != nil && columns[.toLon] != nil) || columns[.toGeohash] != nil
        if !fromOK { return "no start place: a station id (from=COLUMN), coordinates (fromLat=, fromLon=) or a geohash (fromGeohash=)" }
        if !toOK { return "no end place: a station id (to=COLUMN), coordinates (toLat=, toLon=) or a geohash (toGeohash=)" }
        return nil
    }

    /// The widest column index the layout reads.
    var widest: Int { columns.values.max() ?? 0 }
}

extension String {
    /// The text without spaces and tabs at either end.
    func trimmingCharacters() -> String { String(Substring(self).trimmingSpaces()) }
}
