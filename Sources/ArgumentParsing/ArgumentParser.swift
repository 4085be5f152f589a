import Suggestions
/// A command-line usage error: what is wrong, and the command it concerns (for the help hint).
public struct UsageError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public let command: String

    public init(_ message: String, command: String) {
        self.message = message
        self.command = command
    }

    /// `Error: ... See 'tidesim run --help'.`: one line for stderr.
    public var description: String { "Error: \(UsageError.sentence(message)) See '\(command) --help'." }

    /// The message as a sentence: a full stop added unless it already ends with one, or with a
    /// question (`did you mean '--replications'?`).
    public static func sentence(_ message: String) -> String {
        message.hasSuffix("?") || message.hasSuffix(".") || message.hasSuffix("!") ? message : message + "."
    }
}

/// The parsed arguments of one command.
public struct ParsedArguments: Sendable, Equatable {
    public var positionals: [String] = []
    public var values: [String: [String]] = [:]
    public var flags: Set<String> = []

    /// Whether `-h` or `--help` was given.
    public var helpRequested: Bool { flags.contains("--help") }

    /// The last value of an option, or nil.
    public func value(_ name: String) -> String? { values[name]?.last }
    /// Every value of a repeated option, in order.
    public func all(_ name: String) -> [String] { values[name] ?? [] }
    /// Whether a flag was given.
    public func flag(_ name: String) -> Bool { flags.contains(name) }
}

/// Parses arguments against a ``CommandSpec``, in the manner of swift-argument-parser:
/// `--opt value` and `--opt=value`, `--` ends options, unknown options get a "did you mean".
public enum ArgumentParser {
    public static func parse(_ arguments: [String], spec: CommandSpec) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var i = 0
        var onlyPositionals = false
        while i < arguments.count {
            let arg = arguments[i]
            i += 1
            if onlyPositionals || !arg.hasPrefix("-") || arg == "-" {
                parsed.positionals.append(arg)
                continue
            }
            if arg == "--" { onlyPositionals = true; continue }
            var name = arg
            var inline: String?
            if let eq = arg.firstIndex(of: "="), arg.hasPrefix("--") {
                name = String(arg[..<eq])
                inline = String(arg[arg.index(after: eq)...])
            }
            guard let option = spec.options.first(where: { $0.name == name || $0.short == name }) else {
                if Double(arg) != nil {  // a negative number where a value was expected
                    parsed.positionals.append(arg)
                    continue
                }
                let hint = Suggestion.clause(for: name, among: spec.options.map(\.name))
                throw UsageError("unknown option '\(name)'\(hint)", command: spec.name)
            }
            if option.valueName == nil {
                if inline != nil { throw UsageError("option '\(option.name)' takes no value", command: spec.name) }
                parsed.flags.insert(option.name)
                continue
            }
            let value: String
            if let inline {
                value = inline
            } else {
                guard i < arguments.count, !(arguments[i].hasPrefix("--") && arguments[i].count > 2) else {
                    throw UsageError("missing value for '\(option.name) <\(option.valueName!)>'", command: spec.name)
                }
                value = arguments[i]
                i += 1
            }
            // An empty value (`--out ''`) is never meant: every value names a file, a number or a list.
            guard !value.isEmpty else {
                throw UsageError("'\(option.name) <\(option.valueName!)>' got an empty value", command: spec.name)
            }
            if !option.repeats, parsed.values[option.name] != nil {
                throw UsageError("option '\(option.name)' given more than once", command: spec.name)
            }
            parsed.values[option.name, default: []].append(value)
        }
        if parsed.helpRequested { return parsed }
        if let empty = parsed.positionals.indices.first(where: { parsed.positionals[$0].isEmpty }), empty < spec.arguments.count {
            throw UsageError("<\(spec.arguments[empty].name)> is empty; expected a path or a name", command: spec.name)
        }
        if parsed.positionals.count > spec.arguments.count {
            let extra = parsed.positionals[spec.arguments.count]
            throw UsageError("unexpected argument '\(extra)'", command: spec.name)
        }
        if parsed.positionals.count < spec.arguments.count {
            throw UsageError("missing argument <\(spec.arguments[parsed.positionals.count].name)>", command: spec.name)
        }
        return parsed
    }

    /// The candidate close enough to be a likely typo of `word`, if any (``Suggestion``).
    public static func closest(to word: String, among candidates: [String]) -> String? {
        Suggestion.closest(to: word, among: candidates)
    }
}
