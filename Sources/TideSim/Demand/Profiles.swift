/// The built-in time-of-day profiles of DESIGN.md, as hourly weights before normalisation.
public enum BuiltInProfiles {
    /// Name and hourly weights, in the order the spec lists them.
    public static let all: [(name: String, weights: [Double])] = [
        ("flat", Array(repeating: 1, count: 24)),
        ("commute-am", [1, 0.5, 0.3, 0.3, 0.5, 2, 6, 14, 16, 8, 4, 3, 3, 3, 3, 3, 3, 3, 2.5, 2, 1.5, 1.2, 1, 1]),
        ("commute-pm", [1, 0.5, 0.3, 0.3, 0.3, 0.5, 1, 2, 2, 2.5, 3, 3, 3.5, 3, 3, 3.5, 6, 14, 15, 8, 5, 3, 2, 1.5]),
        ("daytime", [0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1, 2, 3, 4, 5, 6, 6, 5, 5, 5, 5, 4, 3, 2, 1.5, 1, 0.5, 0.3]),
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
