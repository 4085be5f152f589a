import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
import Suggestions
/// A `--set PATH=VALUE` what-if: replaces one field of the scenario before it is validated.
///
/// PATH is a dotted path of keys with bracketed selectors: `trucks.count`, `demand.scale`,
/// `zones[metro-sq].capacity` (an element chosen by its `id`), `zones[0].bikes` (by 0-based
/// index), `policy.zones[metro-sq].high`, `holdingAreas[+]` (a new element appended). VALUE is read as JSON when it is valid JSON (`6`,
/// `true`, `["06:00-10:00"]`, `"text"`) and as a plain string otherwise (`predictive`).
public struct Override: Sendable, Equatable, CustomStringConvertible {
    /// One step of a path: an object key or a bracketed selector.
    public enum Step: Sendable, Equatable {
        case key(String)
        case select(String)
    }

    public let steps: [Step]
    public let value: JSONValue
    /// `PATH=VALUE` as the user wrote it.
    public let text: String
    /// How the user asked for it, for messages: `--set PATH=VALUE`, or `--policy P`.
    public let origin: String

    public var description: String { origin }

    /// Parses `PATH=VALUE`; `origin` is how messages name it (default `--set PATH=VALUE`).
    /// - Throws: ``TideSimError/usage(_:)`` naming the malformed part.
    public init(parsing text: String, origin: String? = nil) throws(TideSimError) {
        self.origin = origin ?? "--set \(Quote.bare(text, limit: 200))"
        guard let eq = text.firstIndex(of: "=") else {
            throw .usage("--set \(Quote.bare(text, limit: 200)): expected PATH=VALUE, such as trucks.count=6")
        }
        let path = String(text[..<eq]), raw = String(text[text.index(after: eq)...])
        self.steps = try Override.parsePath(path, whole: text)
        self.text = text
        if let json = try? JSONParser.parse(raw) {
            value = json
        } else {
            value = .string(raw)
        }
    }

    static func parsePath(_ path: String, whole: String) throws(TideSimError) -> [Step] {
        var steps: [Step] = []
        var rest = Substring(path)
        func bad(_ why: String) -> TideSimError { .usage("--set \(Quote.bare(whole, limit: 200)): bad path \(Quote.input(path)): \(why)") }
        while !rest.isEmpty {
            if rest.first == "[" {
                guard let close = rest.firstIndex(of: "]") else { throw bad("'[' without ']'") }
                let sel = rest[rest.index(after: rest.startIndex)..<close]
                if sel.isEmpty { throw bad("empty []") }
                steps.append(.select(String(sel)))
                rest = rest[rest.index(after: close)...]
                if rest.first == "." { rest = rest.dropFirst(); if rest.isEmpty { throw bad("ends with '.'") } }
            } else {
                let end = rest.firstIndex(where: { $0 == "." || $0 == "[" }) ?? rest.endIndex
                let key = rest[..<end]
                if key.isEmpty { throw bad("empty key") }
                if key.contains("]") { throw bad("']' without '['") }
                steps.append(.key(String(key)))
                rest = rest[end...]
                if rest.first == "." { rest = rest.dropFirst(); if rest.isEmpty { throw bad("ends with '.'") } }
            }
        }
        if steps.isEmpty { throw bad("empty path") }
        if case .select = steps[0] { throw bad("must start with a key") }
        return steps
    }

    /// Applies the override to a scenario tree and returns the canonical JSON path it set
    /// (`zones[3].capacity`), which ties later validation errors back to this override. For an
    /// appended element it is the element's path (`holdingAreas[3]`): the whole element is new.
    func apply(to root: inout JSONValue) throws(TideSimError) -> String {
        var canonical = ""
        var appended: String?
        try Override.set(&root, steps[...], value: value, path: &canonical, appended: &appended, whole: text)
        return appended ?? canonical
    }

    /// A pointer to what the user probably meant, for a value the scenario refused.
    func hint(for issue: ScenarioIssue) -> String {
        if steps == [.key("fleet")], case .number(let n) = value {
            let n = JSONWriter.format(n)
            return "; to rescale the fleet use --fleet \(n), to set the planning cap --set fleet.cap=\(n)"
        }
        return ""
    }

    private static func set(_ node: inout JSONValue, _ steps: ArraySlice<Step>, value: JSONValue, path: inout String,
                            appended: inout String?, whole: String) throws(TideSimError) {
        guard let step = steps.first else { node = value; return }
        let rest = steps.dropFirst()
        switch (step, node) {
        case (.key(let k), .object(var members)), (.select(let k), .object(var members)):
            path += path.isEmpty ? k : "." + k
            if let i = members.firstIndex(where: { $0.key == k }) {
                var child = members[i].value
                if child == .null && !rest.isEmpty { child = .object([]) }
                try set(&child, rest, value: value, path: &path, appended: &appended, whole: whole)
                members[i].value = child
            } else {
                var child = JSONValue.object([])
                try set(&child, rest, value: value, path: &path, appended: &appended, whole: whole)
                members.append((k, child))
            }
            node = .object(members)
        case (.select("+"), .array(var items)):
            path += "[\(items.count)]"
            if appended == nil { appended = path }
            var child = JSONValue.object([])
            try set(&child, rest, value: value, path: &path, appended: &appended, whole: whole)
            items.append(child)
            node = .array(items)
        case (.select(let sel), .array(var items)):
            let byID = items.firstIndex(where: { $0["id"] == .string(sel) })
            guard let i = byID ?? Int(sel).flatMap({ (0..<items.count).contains($0) ? $0 : nil }) else {
                let ids = items.compactMap { if case .string(let s)? = $0["id"] { return s } else { return nil } }
                let hint = Suggestion.hint(for: sel, among: ids)
                throw .usage("--set \(Quote.bare(whole, limit: 200)): no element \(Quote.input(sel)) at \(path)\(hint); select by id or by index 0..<\(items.count)")
            }
            path += "[\(i)]"
            try set(&items[i], rest, value: value, path: &path, appended: &appended, whole: whole)
            node = .array(items)
        case (.key(let k), _):
            throw .usage("--set \(Quote.bare(whole, limit: 200)): cannot set \(Quote.input(k)) inside \(path.isEmpty ? "the scenario" : path), which is \(node.typeDescription)")
        case (.select(let s), _):
            throw .usage("--set \(Quote.bare(whole, limit: 200)): cannot select [\(s)] in \(path), which is \(node.typeDescription)")
        }
    }
}
