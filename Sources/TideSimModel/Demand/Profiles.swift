import TideSimCore
import TideSimBuffers
/// The built-in time-of-day profiles, as hourly weights before normalisation.
///
/// `flat` is the design contract's (docs/model.md, "Demand"). `commute-am`, `commute-pm` and `daytime` are measured on real days
/// (tidesim 0.3.0; docs/real-data.md): every Bay Area Bike Share trip on the 261 weekdays of 2014,
/// by station pair. Pairs with 100 trips or more whose trips start 07:00-10:00 for at least half
/// give `commute-am` (169 pairs, 71,284 trips), those starting 16:00-19:00 for at least half give
/// `commute-pm` (115 pairs, 57,565 trips), and every other pair gives `daytime` (157,181 trips).
/// Each weight is the percentage of the group's trips that start in the hour, to one decimal (an
/// hour below 0.05% gets 0.05, so no hour is closed).
public enum BuiltInProfiles {
    /// Name and hourly weights, in the order the spec lists them.
    public static let all: [(name: String, weights: [Double])] = [
        ("flat", Array(repeating: 1, count: 24)),
        ("commute-am", [0.1, 0.05, 0.05, 0.05, 0.05, 0.3, 3.5, 16.3, 31.3, 18.6, 4.6, 2.3, 2.2, 1.9, 1.5, 1.5, 2.3, 4.7, 4.0, 2.2, 1.1, 0.8, 0.5, 0.3]),
        ("commute-pm", [0.1, 0.1, 0.05, 0.05, 0.05, 0.4, 1.0, 3.3, 4.8, 3.3, 1.5, 1.7, 2.1, 1.7, 2.2, 5.8, 20.1, 28.1, 15.1, 4.4, 2.2, 1.1, 0.7, 0.4]),
        ("daytime", [0.3, 0.1, 0.1, 0.05, 0.1, 0.7, 2.3, 4.8, 9.9, 8.3, 4.9, 5.2, 6.5, 5.8, 4.4, 5.1, 7.6, 11.3, 9.3, 5.4, 3.3, 2.2, 1.4, 0.8]),
    ]

    /// The names of the built-in profiles.
    public static var names: [String] { all.map(\.name) }

    /// Weights of a built-in profile, or nil.
    public static func weights(named name: String) -> [Double]? {
        all.first(where: { $0.name == name })?.weights
    }
}

/// A profile resampled to 96 quarter-hour slots and normalised to sum to 1 over the day.
public struct QuarterHourProfile: Sendable, Equatable {
    /// Fraction of a day's attempts in each quarter hour; sums to 1.
    public let fractions: [Double]

    /// Expands 24, 48 or 96 weights: an hourly weight covers its four quarter hours, so the rate
    /// within the hour is constant, as the spec's piecewise-constant rate requires.
    public init(weights: [Double]) {
        precondition([24, 48, 96].contains(weights.count), "a profile has 24, 48 or 96 weights")
        let total = weights.reduce(0, +)
        precondition(total > 0, "a profile needs a positive weight")
        let repeatCount = 96 / weights.count
        var f: [Double] = []
        f.reserveCapacity(96)
        for w in weights {
            for _ in 0..<repeatCount { f.append(w / total / Double(repeatCount)) }
        }
        fractions = f
    }
}
