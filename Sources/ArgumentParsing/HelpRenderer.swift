/// Renders help in the sections of swift-argument-parser: OVERVIEW, USAGE, ARGUMENTS, OPTIONS,
/// SUBCOMMANDS.
public enum HelpRenderer {
    /// The one-line usage: `tidesim run <scenario> [--seed <S>] ...`.
    public static func usage(_ spec: CommandSpec) -> String { gluedUsage(spec).replacingNoBreakSpaces() }

    /// The usage with no-break spaces inside each option group, for wrapping.
    static func gluedUsage(_ spec: CommandSpec) -> String {
        var parts = [spec.name]
        if !spec.subcommands.isEmpty { parts.append("<subcommand>") }
        parts += spec.arguments.map { "<\($0.name)>" }
        for o in spec.options where o.name != "--help" {
            // A no-break space keeps an option and its value on one line when the usage wraps.
            let body = o.valueName.map { "\(o.name)\u{00A0}<\($0)>" } ?? o.name
            parts.append("[\(body)]" + (o.repeats ? "\u{00A0}..." : ""))
        }
        return parts.joined(separator: " ")
    }

    /// The full help text.
    public static func help(_ spec: CommandSpec) -> String {
        var out = "OVERVIEW: \(spec.abstract)\n"
        if let d = spec.discussion { out += "\n" + d + "\n" }
        out += "\nUSAGE: \(wrap(gluedUsage(spec), indent: 7, first: 7).replacingNoBreakSpaces())\n"
        if !spec.arguments.isEmpty {
            out += "\nARGUMENTS:\n"
            for a in spec.arguments { out += row("<\(a.name)>", a.help) }
        }
        out += "\nOPTIONS:\n"
        for o in spec.options {
            var label = o.short.map { "\($0), " } ?? ""
            label += o.valueName.map { "\(o.name) <\($0)>" } ?? o.name
            out += row(label, o.help)
        }
        if !spec.subcommands.isEmpty {
            out += "\nSUBCOMMANDS:\n"
            for s in spec.subcommands { out += row(s.name, s.abstract) }
            out += "\n  See '\(spec.name) help <subcommand>' for detailed help.\n"
        }
        return out
    }

    private static func row(_ label: String, _ help: String) -> String {
        let column = 26
        let pad = label.count + 2 < column ? String(repeating: " ", count: column - label.count - 2) : "\n" + String(repeating: " ", count: column)
        return "  " + label + pad + wrap(help, indent: column, first: column) + "\n"
    }

    /// Wraps text at 100 columns, indenting continuation lines.
    static func wrap(_ text: String, indent: Int, first: Int) -> String {
        var lines: [String] = []
        var line = ""
        var width = first
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !line.isEmpty && width + line.count + 1 + word.count > 100 {
                lines.append(line)
                line = String(word)
                width = indent
            } else {
                line += line.isEmpty ? String(word) : " " + word
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n" + String(repeating: " ", count: indent))
    }
}

extension String {
    /// Turns the no-break spaces used to glue usage groups back into plain spaces.
    func replacingNoBreakSpaces() -> String { String(map { $0 == "\u{00A0}" ? " " : $0 }) }
}
