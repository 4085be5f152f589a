import TideSimCore
import TideSimBuffers
/// A rush-hour cap ("one point, one policy"): inside `window`, on the days it applies to, a pile
/// zone's capacity is `capacity` (a metro exit capped at 50 bikes in the morning rush).
public struct CapacityWindow: Sendable, Equatable {
    /// Which days a window applies to. Day 1 of a run is a Monday (docs/scenario-format.md).
    public enum Days: String, Sendable, CaseIterable {
        case all, weekdays, weekends

        /// Whether the window applies on day `d` (0-based from day 1, a Monday).
        public func contains(day d: Int) -> Bool {
            switch self {
            case .all: return true
            case .weekdays: return d % 7 < 5
            case .weekends: return d % 7 >= 5
            }
        }
    }

    public var window: TimeWindow
    public var capacity: Int
    public var days: Days

    public init(window: TimeWindow, capacity: Int, days: Days = .all) {
        self.window = window
        self.capacity = capacity
        self.days = days
    }
}

extension CapacityWindow {
    /// Whether the window is in force at `t` (seconds from midnight of day 1). A window that runs
    /// past midnight belongs to the day it starts on.
    public func inForce(at t: Double) -> Bool {
        let day = Int((t / 86_400).rounded(.down))
        let s = t - Double(day) * 86_400
        let start = Double(window.start), end = Double(window.end)
        if window.start < window.end { return s >= start && s < end && days.contains(day: day) }
        return (s >= start && days.contains(day: day)) || (s < end && days.contains(day: ((day - 1) % 7 + 7) % 7))
    }
}

/// A zone's capacity in force changing: from `time` on, zone `zone` holds `capacity` spaces.
public struct CapacityChange: Sendable, Equatable {
    public let time: Double
    public let zone: Int
    public let capacity: Int

    /// The capacity in force in a zone at `t`: the smallest cap of the windows in force, else its
    /// own capacity.
    public static func capacity(base: Int, windows: [CapacityWindow], at t: Double) -> Int {
        var cap: Int?
        for w in windows where w.inForce(at: t) { cap = min(cap ?? w.capacity, w.capacity) }
        return cap ?? base
    }

    /// Every change of capacity over `days` days, in time order (by zone at the same time).
    static func schedule(base: [Int], windows: [[CapacityWindow]], days: Int) -> [CapacityChange] {
        var changes: [CapacityChange] = []
        let end = Double(days) * 86_400
        for z in windows.indices where !windows[z].isEmpty {
            var times: Set<Double> = []
            for w in windows[z] {
                // "00:00-24:00" lasts the whole day; a window past midnight wraps.
                let wrapped = (w.window.end - w.window.start + 86_400) % 86_400
                let length = Double(wrapped == 0 ? 86_400 : wrapped)
                for d in -1...days {
                    let open = Double(d) * 86_400 + Double(w.window.start)
                    for t in [open, open + length] where t > 0 && t < end { times.insert(t) }
                }
            }
            var current = capacity(base: base[z], windows: windows[z], at: 0)
            for t in times.sorted() {
                let next = capacity(base: base[z], windows: windows[z], at: t)
                if next != current { changes.append(CapacityChange(time: t, zone: z, capacity: next)) }
                current = next
            }
        }
        return changes.sorted { $0.time != $1.time ? $0.time < $1.time : $0.zone < $1.zone }
    }
}

extension Model {
    /// The capacity in force in zone z at `t`.
    public func capacity(zone z: Int, at t: Double) -> Int {
        zoneCapacityWindows[z].isEmpty ? zoneCapacity[z] : CapacityChange.capacity(base: zoneCapacity[z], windows: zoneCapacityWindows[z], at: t)
    }

    /// The lowest capacity in force in zone z from `from` to `to`: a policy that looks ahead
    /// clears a metro exit before its rush-hour cap opens.
    public func lowestCapacity(zone z: Int, from: Double, to: Double) -> Int {
        guard !zoneCapacityWindows[z].isEmpty else { return zoneCapacity[z] }
        var cap = capacity(zone: z, at: from)
        // The changes are in time order: start at the first after `from`.
        var lo = 0, hi = capacityChanges.count
        while lo < hi { let mid = (lo + hi) / 2; if capacityChanges[mid].time <= from { lo = mid + 1 } else { hi = mid } }
        var k = lo
        while k < capacityChanges.count && capacityChanges[k].time <= to {
            if capacityChanges[k].zone == z { cap = min(cap, capacityChanges[k].capacity) }
            k += 1
        }
        return cap
    }

    /// Whether some zone's capacity in force changes during the run (rush-hour caps).
    public var hasCapacityWindows: Bool { !capacityChanges.isEmpty }
}
