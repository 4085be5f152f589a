import TideSimModel
import TideSimCore
import TideSimBuffers
/// One zone's episodes above capacity within the measured window, for the city's clearance rule:
/// how many, the longest, how many lasted longer than the rule allows, and the first and last
/// moment above capacity. Touched only when the zone crosses its capacity, so it lives apart from
/// the integrals that every change updates.
struct OverflowEpisodes {
    /// Start of the episode under way (measured time), or nil.
    var since: Double?
    var count = 0
    var longestSeconds = 0.0
    var breaches = 0
    /// Episodes an inspector saw while they lasted, and the seconds from their starts to the
    /// first sightings; whether the one under way has been seen.
    var detected = 0
    var secondsToDetection = 0.0
    var seen = false
    /// Start of the first episode and end of the last (nil until there is one).
    var first: Double?
    var last: Double?

    /// The zone went above capacity at `t` (or was above when measurement began).
    mutating func begin(at t: Double) {
        since = t
        seen = false
        count += 1
        if first == nil { first = t }
    }

    /// An inspector saw the zone above capacity at `t`.
    mutating func sighted(at t: Double) {
        guard let start = since, !seen else { return }
        seen = true
        detected += 1
        secondsToDetection += t - start
    }

    /// The zone came back to capacity at `t` (or the measured window ended).
    mutating func end(at t: Double, clearanceSeconds: Double) {
        guard let start = since else { return }
        let length = t - start
        longestSeconds = max(longestSeconds, length)
        if length > clearanceSeconds { breaches += 1 }
        last = t
        since = nil
    }
}
