import Suggestions
import XCTest

final class SuggestionTests: XCTestCase {
    func testEditDistanceCountsSwapsAsOneEdit() {
        XCTAssertEqual(Suggestion.editDistance("lto", "lot"), 1)
        XCTAssertEqual(Suggestion.editDistance("kitten", "sitting"), 3)
        XCTAssertEqual(Suggestion.editDistance("", "abc"), 3)
        XCTAssertEqual(Suggestion.editDistance("ca", "abc"), 3, "optimal string alignment: no edit of a swapped pair")
        XCTAssertEqual(Suggestion.editDistance("metro-sq", "metro-sq"), 0)
    }

    func testSuggestsOnlyLikelyTypos() {
        XCTAssertEqual(Suggestion.closest(to: "treshold", among: ["none", "threshold", "predictive"]), "threshold")
        XCTAssertEqual(Suggestion.closest(to: "--sed", among: ["--seed", "--set"]), "--seed", "ties go to the first listed")
        XCTAssertEqual(Suggestion.closest(to: "CAPACITY", among: ["capacity"]), "capacity")
        XCTAssertNil(Suggestion.closest(to: "xyz", among: ["threshold"]))
        XCTAssertNil(Suggestion.closest(to: "ab", among: ["cd"]), "a whole rewrite is no typo")
    }

    /// A huge unknown word is not compared at all, so a "did you mean" costs nothing.
    func testLongWordsAreNotCompared() {
        let huge = String(repeating: "a", count: 1_000_000)
        let ids = (0..<10_000).map { "zone-\($0)" }
        XCTAssertNil(Suggestion.closest(to: huge, among: ids))
        XCTAssertNil(Suggestion.closest(to: String(repeating: "z", count: 65), among: [String(repeating: "z", count: 64)]))
        XCTAssertEqual(Suggestion.closest(to: String(repeating: "z", count: 63) + "y", among: [String(repeating: "z", count: 64)]),
                       String(repeating: "z", count: 64))
    }

    /// The two forms every message uses: after a quoted word, and ending a clause.
    func testHintAndClauseForms() {
        XCTAssertEqual(Suggestion.hint(for: "capcity", among: ["id", "capacity"]), " (did you mean 'capacity'?)")
        XCTAssertEqual(Suggestion.clause(for: "--replicatons", among: ["--seed", "--replications"]), "; did you mean '--replications'?")
        XCTAssertEqual(Suggestion.hint(for: "zzzzzz", among: ["capacity"]), "")
        XCTAssertEqual(Suggestion.clause(for: "", among: ["a"]), "")
    }
}
