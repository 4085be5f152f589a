import Suggestions
import TideSimCore

/// One `--variant NAME="--set PATH=V ... --fleet N"` of `tidesim compare`: a name and the
/// what-ifs that make the variant from the scenario (an empty list is the scenario as it is).
public struct VariantSpec: Sendable, Equatable {
    public let name: String
    /// `--set` texts, in order.
    public let sets: [String]
    /// The `--fleet` value (`12000`, `-30%`), if any.
    public let fleet: String?

    public init(name: String, sets: [String] = [], fleet: String? = nil) {
        self.name = name
        self.sets = sets
        self.fleet = fleet
    }

    /// The what-ifs as typed: `--set PATH=V` and `--fleet N`, for reports and provenance.
    public var whatIfs: [String] { sets.map { "--set \($0)" } + (fleet.map { ["--fleet \($0)"] } ?? []) }

    /// Parses `NAME=ARGS`, where ARGS are `--set PATH=VALUE` (repeatable) and `--fleet N`, split
    /// on spaces as a shell would (quotes keep spaces: `--set "zones[a].name=North gate"`).
    /// - Throws: ``TideSimError/usage(_:)`` naming the variant and what is wrong.
    public init(parsing text: String) throws(TideSimError) {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            throw .usage("--variant expects NAME=\"--set PATH=VALUE ... --fleet N\", got \(Quote.input(text))")
        }
        let name = String(text[..<eq])
        guard !name.contains(where: { $0 == " " || $0 == "," || $0 == "\"" || $0 == "'" || $0.isNewline }) else {
            throw .usage("--variant: a name is one word (no spaces, commas or quotes), got \(Quote.input(name))")
        }
        let words = try VariantSpec.words(String(text[text.index(after: eq)...]), variant: name)
        var sets: [String] = [], fleet: String?
        var i = 0
        while i < words.count {
            let word = words[i]
            var option = word, value: String?
            if let e = word.firstIndex(of: "="), word.hasPrefix("--") {
                option = String(word[..<e])
                value = String(word[word.index(after: e)...])
            }
            guard option == "--set" || option == "--fleet" else {
                throw .usage("--variant \(name): unknown option \(Quote.input(option))\(Suggestion.clause(for: option, among: ["--set", "--fleet"])); "
                    + "a variant takes --set PATH=VALUE and --fleet N")
            }
            if value == nil {
                guard i + 1 < words.count else { throw .usage("--variant \(name): \(option) needs a value") }
                value = words[i + 1]
                i += 1
            }
            guard let v = value, !v.isEmpty else { throw .usage("--variant \(name): \(option) got an empty value") }
            if option == "--set" {
                sets.append(v)
            } else {
                guard fleet == nil else { throw .usage("--variant \(name): --fleet given more than once") }
                fleet = v
            }
            i += 1
        }
        self.init(name: name, sets: sets, fleet: fleet)
    }

    /// Splits on spaces and tabs; single and double quotes group (and are removed).
    static func words(_ text: String, variant: String) throws(TideSimError) -> [String] {
        var words: [String] = [], current = "", inWord = false
        var quote: Character?
        for c in text {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
                inWord = true
            } else if c == " " || c == "\t" {
                if inWord { words.append(current); current = ""; inWord = false }
            } else {
                current.append(c)
                inWord = true
            }
        }
        guard quote == nil else { throw .usage("--variant \(variant): a quote is not closed") }
        if inWord { words.append(current) }
        return words
    }
}
