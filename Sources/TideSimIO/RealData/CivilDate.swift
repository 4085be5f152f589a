import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
/// A calendar date as a day number (days since 1970-01-01), with the weekday and the text form.
/// Trip records carry local wall-clock times; tidesim keeps them as they are (no time zone).
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let day: Int

    public init(day: Int) { self.day = day }

    /// The date of a year, month (1-12) and day of month, or nil for an impossible date.
    public init?(year: Int, month: Int, dayOfMonth: Int) {
        guard (1...12).contains(month), dayOfMonth >= 1, dayOfMonth <= CivilDate.daysIn(month: month, year: year) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + dayOfMonth - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        day = era * 146_097 + doe - 719_468
    }

    /// Parses `YYYY-MM-DD`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, dayOfMonth: d)
    }

    /// Year, month and day of month.
    public var components: (year: Int, month: Int, day: Int) {
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// ISO weekday: 1 Monday ... 7 Sunday.
    public var weekday: Int {
        // 1970-01-01 was a Thursday (4).
        let w = (day % 7 + 7) % 7
        return (w + 3) % 7 + 1
    }

    /// Saturday or Sunday.
    public var isWeekend: Bool { weekday >= 6 }

    /// `YYYY-MM-DD`.
    public var description: String {
        let c = components
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(c.year)-\(two(c.month))-\(two(c.day))"
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.day < b.day }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// A local date and time read from a trip record.
public struct TripTime: Sendable, Equatable {
    public let date: CivilDate
    /// Seconds after midnight, with fractions.
    public let seconds: Double

    /// Seconds since 1970-01-01 00:00 local time.
    public var absolute: Double { Double(date.day) * 86_400 + seconds }

    /// Parses the date-times the trip files of bike-share systems use:
    /// `2014-10-06 08:01:00`, `2014-10-06T08:01:00Z`, `2017-12-31 16:57:39.6540`,
    /// `10/6/2014 8:01`, `10/6/2014 08:01:00` (month/day/year). Returns nil for anything else.
    package static func parse(_ b: UnsafeBufferPointer<UInt8>) -> TripTime? {
        var i = 0
        func int(maxDigits: Int) -> Int? {
            var n = 0, k = 0
            while i < b.count, k < maxDigits, b[i] >= 0x30, b[i] <= 0x39 { n = n * 10 + Int(b[i] - 0x30); i += 1; k += 1 }
            return k == 0 ? nil : n
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let first = int(maxDigits: 4) else { return nil }
        var year = 0, month = 0, dom = 0
        if expect(UInt8(ascii: "-")) {
            guard i == 5, let m = int(maxDigits: 2), expect(UInt8(ascii: "-")), let d = int(maxDigits: 2) else { return nil }
            (year, month, dom) = (first, m, d)
        } else if expect(UInt8(ascii: "/")) {
            guard let d = int(maxDigits: 2), expect(UInt8(ascii: "/")), let y = int(maxDigits: 4), y >= 1000 else { return nil }
            (year, month, dom) = (y, first, d)
        } else {
            return nil
        }
        guard let date = CivilDate(year: year, month: month, dayOfMonth: dom) else { return nil }
        guard expect(UInt8(ascii: " ")) || expect(UInt8(ascii: "T")) else { return i == b.count ? TripTime(date: date, seconds: 0) : nil }
        guard let h = int(maxDigits: 2), h < 24, expect(UInt8(ascii: ":")), let mi = int(maxDigits: 2), mi < 60 else { return nil }
        var seconds = Double(h * 3600 + mi * 60)
        if expect(UInt8(ascii: ":")) {
            guard let s = int(maxDigits: 2), s < 61 else { return nil }
            seconds += Double(s)
            if expect(UInt8(ascii: ".")) {
                var scale = 0.1
                var any = false
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { seconds += Double(b[i] - 0x30) * scale; scale /= 10; i += 1; any = true }
                guard any else { return nil }
            }
        }
        // A UTC marker or zone offset is accepted and ignored: times stay as written.
        if i < b.count && (b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "+")) { return TripTime(date: date, seconds: seconds) }
        if i + 4 <= b.count && b[i] == UInt8(ascii: " ") && b[i + 1] == UInt8(ascii: "U") { return TripTime(date: date, seconds: seconds) }
        return i == b.count ? TripTime(date: date, seconds: seconds) : nil
    }
}
