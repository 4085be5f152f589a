import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
/// How the built-in `commute-am`, `commute-pm` and `daytime` profiles were measured
/// (docs/real-data.md), as code, so that a test can measure them again from the records.
public enum ProfileDerivation {
    /// The three groups' hourly shares (fractions of each group's trips per start hour), with the
    /// pairs and trips in each.
    public struct Result: Sendable {
        public var am: [Double], pm: [Double], daytime: [Double]
        public var amPairs = 0, pmPairs = 0
        public var amTrips = 0, pmTrips = 0, daytimeTrips = 0
    }

    /// Groups the trips by origin-destination pair: a pair with at least `minimumTrips` whose
    /// trips start 07:00-10:00 for at least half is a morning commute, 16:00-19:00 for at least
    /// half an evening commute; every other trip is daytime.
    public static func measure(_ trips: [TripRecord], minimumTrips: Int = 100) -> Result {
        var hours: [Int64: [Int]] = [:]
        for t in trips {
            hours[Int64(t.origin) << 32 | Int64(t.destination), default: [Int](repeating: 0, count: 24)][min(23, Int(t.start / 3600))] += 1
        }
        var am = [Int](repeating: 0, count: 24), pm = am, day = am
        var result = Result(am: [], pm: [], daytime: [])
        for key in hours.keys.sorted() {
            let h = hours[key]!
            let n = h.reduce(0, +)
            let morning = h[7..<10].reduce(0, +), evening = h[16..<19].reduce(0, +)
            if n >= minimumTrips && 2 * morning >= n {
                am = zip(am, h).map(+); result.amPairs += 1; result.amTrips += n
            } else if n >= minimumTrips && 2 * evening >= n {
                pm = zip(pm, h).map(+); result.pmPairs += 1; result.pmTrips += n
            } else {
                day = zip(day, h).map(+); result.daytimeTrips += n
            }
        }
        func shares(_ v: [Int]) -> [Double] {
            let total = Double(max(1, v.reduce(0, +)))
            return v.map { Double($0) / total }
        }
        result.am = shares(am)
        result.pm = shares(pm)
        result.daytime = shares(day)
        return result
    }
}
