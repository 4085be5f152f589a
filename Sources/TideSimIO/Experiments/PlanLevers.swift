import TideSimEngine
import TideSimModel
import TideSimCore

/// The levers of `tidesim plan`: `--lever PATH=V1,V2,...` as a sweep's axes, where a value list
/// may also be a range `A:B:STEP` (`trucks.count=2:16:2`), and `fleet` is the `--fleet` what-if.
public enum PlanLevers {
    /// The levers as a grid (the designs, in grid order).
    /// - Throws: ``TideSimError/usage(_:)`` naming a bad lever.
    public static func grid(_ levers: [String]) throws(TideSimError) -> SweepPlan {
        var axes: [String] = []
        for lever in levers {
            guard let eq = lever.firstIndex(of: "="), eq != lever.startIndex else {
                throw .usage("--lever \(Quote.input(lever)): expected PATH=A:B:STEP or PATH=V1,V2,..., such as trucks.count=2:16:2")
            }
            let value = String(lever[lever.index(after: eq)...])
            axes.append(String(lever[...eq]) + (try expand(value, lever: lever) ?? value))
        }
        do {
            return try SweepPlan(parsing: axes)
        } catch {
            guard case .usage(let message) = error else { throw error }
            throw .usage(message.replacingOccurrences(of: "--grid", with: "--lever").replacingOccurrences(of: "missing '--lever PATH=V1,V2,...'",
                                                                                                        with: "missing '--lever PATH=A:B:STEP'"))
        }
    }

    /// `A:B:STEP` as `A,A+STEP,...` up to B (numbers only; a clock such as `06:00-10:00` is not a
    /// range); nil when the value is not a range.
    static func expand(_ value: String, lever: String) throws(TideSimError) -> String? {
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let a = Double(parts[0]), let b = Double(parts[1]), let step = Double(parts[2]) else { return nil }
        guard step > 0, b >= a, a.isFinite, b.isFinite else {
            throw .usage("--lever \(Quote.input(lever)): a range A:B:STEP needs A <= B and STEP > 0")
        }
        let count = Int(((b - a) / step + 1e-9).rounded(.down)) + 1
        guard count <= 1000 else { throw .usage("--lever \(Quote.input(lever)): the range has \(count) values; at most 1000") }
        return (0..<count).map { i -> String in
            let x = a + Double(i) * step
            return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
        }.joined(separator: ",")
    }
}
