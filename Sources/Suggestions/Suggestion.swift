/// "Did you mean ...?" suggestions for mistyped keys, ids, flags and subcommands: the one
/// implementation that the library and the command-line toolkit share.
public enum Suggestion {
    /// Words longer than this are not typos of an id or a flag, and are not compared (a 1 MB
    /// unknown id must not cost an edit distance against every id).
    public static let maximumLength = 64

    /// ` (did you mean 'x'?)` for the closest candidate (``closest(to:among:)``), or empty: the
    /// form error messages put after what they quote.
    public static func hint(for word: String, among candidates: [String]) -> String {
        closest(to: word, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// `; did you mean 'x'?` for the closest candidate, or empty: the form that ends a clause.
    public static func clause(for word: String, among candidates: [String]) -> String {
        closest(to: word, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// The candidate closest to `word` by edit distance (ignoring case), if it is close enough to
    /// be a likely typo: at most a third of the word's length (at least one edit), and not a whole
    /// rewrite. Ties go to the candidate listed first.
    /// - Complexity: O(candidates × length²) for words up to ``maximumLength``; candidates whose
    ///   length alone rules them out cost O(1).
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let w = Array(word.lowercased())
        guard !w.isEmpty, w.count <= maximumLength else { return nil }
        let limit = max(1, w.count / 3)
        var best: (String, Int)?
        for c in candidates {
            let cl = Array(c.lowercased())
            guard abs(cl.count - w.count) <= limit else { continue }
            let d = editDistance(w, cl)
            if d <= limit && d < w.count && (best == nil || d < best!.1) { best = (c, d) }
        }
        return best?.0
    }

    /// Edit distance counting insertions, deletions, substitutions and swaps of neighbours
    /// (optimal string alignment), so that `lto` is one edit from `lot`.
    public static func editDistance(_ a: String, _ b: String) -> Int { editDistance(Array(a), Array(b)) }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)   // row i - 2
        var prev = Array(0...b.count)                           // row i - 1
        var cur = prev
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    cur[j] = min(cur[j], before[j - 2] + 1)
                }
            }
            (before, prev, cur) = (prev, cur, before)
        }
        return prev[b.count]
    }
}
