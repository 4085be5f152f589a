import ArgumentParsing
import Foundation
import TideSim

/// The `tidesim` command: dispatches to a subcommand.
@main
enum TideSimCommand {
    static let spec = CommandSpec(
        name: "tidesim",
        abstract: "Simulate the daily tide of shared bikes, and the holding areas, trucks and caps a city uses against it.",
        options: [.flag("--version", "Show the version.")],
        subcommands: [
            ("run", RunCommand.spec.abstract),
            ("compare", CompareCommand.spec.abstract),
            ("sweep", SweepCommand.spec.abstract),
            ("validate", ValidateCommand.spec.abstract),
            ("generate", GenerateCommand.spec.abstract),
            ("help", "Show help for a subcommand."),
        ])

    /// The spec of a subcommand, or nil.
    static func subcommandSpec(_ name: String) -> CommandSpec? {
        switch name {
        case "run": return RunCommand.spec
        case "compare": return CompareCommand.spec
        case "validate": return ValidateCommand.spec
        case "sweep": return SweepCommand.spec
        case "generate": return GenerateCommand.spec
        default: return nil
        }
    }

    static func execute(_ name: String, _ arguments: [String]) throws(CommandFailure) -> Bool {
        switch name {
        case "run": try RunCommand.execute(arguments)
        case "compare": try CompareCommand.execute(arguments)
        case "validate": try ValidateCommand.execute(arguments)
        case "sweep": try SweepCommand.execute(arguments)
        case "generate": try GenerateCommand.execute(arguments)
        default: return false
        }
        return true
    }

    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            try dispatch(arguments)
            exit(ExitCode.success.rawValue)
        } catch {
            for line in error.lines { Console.err(line) }
            exit(error.code.rawValue)
        }
    }

    static func dispatch(_ arguments: [String]) throws(CommandFailure) {
        guard let first = arguments.first else {
            Console.out(HelpRenderer.help(spec))
            return
        }
        switch first {
        case "--version":
            Console.out(TideSimVersion.string + "\n")
        case "-h", "--help":
            Console.out(HelpRenderer.help(spec))
        case "help":
            guard arguments.count > 1 else { Console.out(HelpRenderer.help(spec)); return }
            guard let sub = subcommandSpec(arguments[1]) else { throw unknown(arguments[1]) }
            Console.out(HelpRenderer.help(sub))
        default:
            guard try execute(first, Array(arguments.dropFirst())) else { throw unknown(first) }
        }
    }

    static func unknown(_ name: String) -> CommandFailure {
        let names = spec.subcommands.map(\.name)
        let hint = ArgumentParser.closest(to: name, among: names).map { "; did you mean '\($0)'?" } ?? ""
        let what = name.hasPrefix("-") ? "unknown option '\(name)'" : "unknown subcommand '\(name)'"
        return CommandFailure(usage: what + hint, command: "tidesim")
    }
}
