/// An option of a command: a flag (`--json`) or an option with a value (`--seed S`).
public struct OptionSpec: Sendable {
    /// The long name with its dashes, `--seed`.
    public let name: String
    /// A short alias such as `-h`, if any.
    public let short: String?
    /// The value's placeholder (`S`, `DIR`); nil for a flag.
    public let valueName: String?
    /// One line of help.
    public let help: String
    /// Whether the option may be given more than once (`--set`).
    public let repeats: Bool

    /// An option that takes a value.
    public static func value(_ name: String, _ valueName: String, _ help: String, repeats: Bool = false) -> OptionSpec {
        OptionSpec(name: name, short: nil, valueName: valueName, help: help, repeats: repeats)
    }

    /// A flag.
    public static func flag(_ name: String, short: String? = nil, _ help: String) -> OptionSpec {
        OptionSpec(name: name, short: short, valueName: nil, help: help, repeats: false)
    }
}

/// A positional argument.
public struct ArgumentSpec: Sendable {
    public let name: String
    public let help: String

    public init(_ name: String, _ help: String) {
        self.name = name
        self.help = help
    }
}

/// A command: what it is, its arguments and options; enough to parse and to render help.
public struct CommandSpec: Sendable {
    /// The full command name, `tidesim run`.
    public let name: String
    /// One line saying what the command does.
    public let abstract: String
    /// Paragraphs shown after the overview.
    public let discussion: String?
    public let arguments: [ArgumentSpec]
    public let options: [OptionSpec]
    /// Subcommands (name, abstract), for the top-level help.
    public let subcommands: [(name: String, abstract: String)]

    public init(name: String, abstract: String, discussion: String? = nil, arguments: [ArgumentSpec] = [],
                options: [OptionSpec] = [], subcommands: [(name: String, abstract: String)] = []) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.arguments = arguments
        self.options = options + [.flag("--help", short: "-h", "Show help information.")]
        self.subcommands = subcommands
    }
}
