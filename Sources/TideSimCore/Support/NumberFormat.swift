import TideSimBuffers
/// Number formatting for people (text and HTML reports; files keep full precision): thousands
/// separators, a KPI's decimals, percentages, `mean ± ci95`.
public enum NumberFormat {
    /// `12,345` for whole numbers, else with `decimals` places: `1,234.5`; with `fixed`, always
    /// `decimals` places (`0.0`), so that a column of numbers lines up.
    public static func number(_ x: Double, decimals: Int = 1, fixed: Bool = false) -> String {
        guard x.isFinite else { return "-" }
        let whole = x == x.rounded() && abs(x) < 1e15
        let places = whole && !fixed ? 0 : decimals
        var scaled = (abs(x) * pow10(places)).rounded()
        var digits: [Character] = []
        var produced = 0
        repeat {
            let d = Int(scaled.truncatingRemainder(dividingBy: 10))
            digits.append(Character(String(d)))
            scaled = (scaled / 10).rounded(.down)
            produced += 1
            if produced == places && places > 0 { digits.append(".") }
            let intDigits = produced - places
            if intDigits > 0 && intDigits % 3 == 0 && (scaled > 0 || produced < places) { digits.append(",") }
        } while scaled > 0 || produced <= places
        if digits.last == "," { digits.removeLast() }
        let body = String(digits.reversed())
        return (x < 0 && body.contains(where: { $0 != "0" && $0 != "." && $0 != "," }) ? "-" : "") + body
    }

    package static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { a, _ in a * 10 } }

    /// A percentage: `87.3%`.
    public static func percent(_ x: Double?) -> String {
        guard let x else { return "-" }
        return number(x * 100, decimals: 1) + "%"
    }
}
