import TideSimBuffers
/// A daily window of clock time such as `"06:30-10:00"`, used for truck shifts and holding-area
/// opening hours. A window whose end is before its start runs past midnight (`"22:00-02:00"`);
/// `"00:00-24:00"` is the whole day.
public struct TimeWindow: Sendable, Equatable, CustomStringConvertible {
    /// Start, in seconds after midnight (0..<86400).
    public let start: Int
    /// End, in seconds after midnight (1...86400).
    public let end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// Parses `"HH:MM-HH:MM"`; nil when malformed or empty (start equal to end). An end of
    /// `00:00` is the midnight that ends the day (`"22:00-00:00"` is `"22:00-24:00"`).
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let s = TimeWindow.clock(parts[0]), let e = TimeWindow.clock(parts[1]),
              s < 86_400, s != e else { return nil }
        self.init(start: s, end: e == 0 ? 86_400 : e)
    }

    /// Seconds after midnight of `"HH:MM"` (00:00 to 24:00), or nil.
    package static func clock(_ text: Substring) -> Int? {
        let hm = text.trimmingSpaces().split(separator: ":", omittingEmptySubsequences: false)
        guard hm.count == 2, hm[0].count == 2, hm[1].count == 2,
              let h = Int(hm[0]), let m = Int(hm[1]), (0...24).contains(h), (0..<60).contains(m),
              h < 24 || m == 0 else { return nil }
        return h * 3600 + m * 60
    }

    /// Whether the window contains a time of day (seconds after midnight, 0..<86400): start
    /// included, end excluded.
    public func contains(secondOfDay t: Double) -> Bool {
        let s = Double(start), e = Double(end)
        return start < end ? (t >= s && t < e) : (t >= s || t < e)
    }

    /// `"HH:MM-HH:MM"`.
    public var description: String { "\(formatClock(start))-\(formatClock(end))" }
}

/// Formats seconds after midnight as `"HH:MM"` (truncating seconds).
public func formatClock(_ secondsOfDay: Int) -> String {
    let h = secondsOfDay / 3600, m = (secondsOfDay % 3600) / 60
    return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
}

extension Substring {
    package func trimmingSpaces() -> Substring {
        var s = self
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}

/// Formats a time of the run (seconds from midnight of day 1, whole seconds truncated) as the
/// reports show it: `"HH:MM"` in a one-day run, `"day N HH:MM"` in a longer one. A time that falls
/// exactly at the end of a day (the end of the run) reads `24:00` of that day, not `00:00` of the next.
public func formatRunTime(_ t: Double, days: Int) -> String {
    let (day, seconds) = runTimeParts(t)
    let clock = formatClock(seconds)
    return days > 1 ? "day \(day + 1) \(clock)" : clock
}

/// A time of the run as (day from 0, seconds of that day): midnight ending a day is that day's
/// 24:00, not the next day's 00:00.
package func runTimeParts(_ t: Double) -> (day: Int, seconds: Int) {
    var seconds = Int(t.rounded(.down))
    var day = seconds / 86_400
    seconds %= 86_400
    if seconds == 0 && day > 0 && t == t.rounded() { day -= 1; seconds = 86_400 }
    return (day, seconds)
}
