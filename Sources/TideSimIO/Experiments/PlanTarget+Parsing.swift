import Suggestions
import TideSimEngine
import TideSimCore

extension PlanTarget {
    /// Parses `KPI<=X`, `KPI>=X`, `KPI<X` or `KPI>X`, with a system KPI's key.
    /// - Throws: ``TideSimError/usage(_:)`` saying what is wrong.
    public init(parsing text: String) throws(TideSimError) {
        let trimmed = text.filter { $0 != " " }
        for relation in [Relation.atMost, .atLeast, .below, .above] {
            guard let r = trimmed.range(of: relation.rawValue) else { continue }
            let key = String(trimmed[..<r.lowerBound]), number = String(trimmed[r.upperBound...])
            guard let kpi = SystemKPI.allCases.first(where: { $0.key == key }) else {
                let keys = SystemKPI.allCases.map(\.key)
                throw .usage("--target \(Quote.input(text)): unknown KPI \(Quote.input(key))\(Suggestion.clause(for: key, among: keys)); expected one of: \(keys.joined(separator: ", "))")
            }
            guard let value = Double(number), value.isFinite else {
                throw .usage("--target \(Quote.input(text)): expected a number after \(relation.rawValue), got \(Quote.input(number))")
            }
            if kpi.info.percent && abs(value) > 1 {
                throw .usage("--target \(Quote.input(text)): \(kpi.key) is a fraction from 0 to 1; did you mean \(kpi.key)\(relation.rawValue)\(value / 100)?")
            }
            self.init(kpi: kpi, relation: relation, value: value)
            return
        }
        throw .usage("--target \(Quote.input(text)): expected KPI<=X, KPI>=X, KPI<X or KPI>X, such as clearanceBreaches<=5")
    }
}
