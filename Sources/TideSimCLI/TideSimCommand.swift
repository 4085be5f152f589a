import Suggestions
import ArgumentParsing
import Foundation
import TideSim

/// The `tidesim` command: dispatches to a subcommand.
@main
enum TideSimCommand {
    /// Every subcommand, in the order help lists them: its spec and what runs it. Help, dispatch
    /// and "did you mean" all read this one table.
    static let subcommands: [(spec: CommandSpec, execute: @Sendable ([String]) throws(CommandFailure) -> Void)] = [
        (RunCommand.spec, RunCommand.execute),
        (CompareCommand.spec, CompareCommand.execute),
        (SweepCommand.spec, SweepCommand.execute),
        (PlanCommand.spec, PlanCommand.execute),
        (ValidateCommand.spec, ValidateCommand.execute),
        (GenerateCommand.spec, GenerateCommand.execute),
        (ImportCommand.spec, ImportCommand.execute),
        (CalibrateCommand.spec, CalibrateCommand.execute),
    ]

    static let spec = CommandSpec(
        name: "tidesim",
        abstract: "Simulate the daily tide of shared bikes, and the holding areas, trucks and caps a city uses against it.",
        options: [.flag("--version", "Show the version.")],
        subcommands: subcommands.map { (name($0.spec), $0.spec.abstract) } + [("help", "Show help for a subcommand.")])

    /// A subcommand's name: `run` for `tidesim run`.
    static func name(_ spec: CommandSpec) -> String { String(spec.name.split(separator: " ").last ?? "") }

    /// The subcommand named `name`, or nil.
    static func subcommand(_ name: String) -> (spec: CommandSpec, execute: @Sendable ([String]) throws(CommandFailure) -> Void)? {
        subcommands.first { self.name($0.spec) == name }
    }

    static func main() {
        // A closed pipe is a write error (exit 74), not a signal.
        signal(SIGPIPE, SIG_IGN)
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            try dispatch(arguments)
            exit(ExitCode.success.rawValue)
        } catch {
            for line in error.lines { Console.err(CommandFailure.bounded(line)) }
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
            guard arguments.count == 1 else {
                throw CommandFailure(usage: "--version takes no argument, got '\(arguments[1])'", command: "tidesim")
            }
            Console.out(TideSimVersion.string + "\n")
        case "-h", "--help":
            Console.out(HelpRenderer.help(spec))
        case "help":
            guard arguments.count > 1 else { Console.out(HelpRenderer.help(spec)); return }
            guard let sub = subcommand(arguments[1]) else { throw unknown(arguments[1]) }
            Console.out(HelpRenderer.help(sub.spec))
        default:
            guard let sub = subcommand(first) else { throw unknown(first) }
            try sub.execute(Array(arguments.dropFirst()))
        }
    }

    static func unknown(_ name: String) -> CommandFailure {
        let names = spec.subcommands.map(\.name)
        let hint = Suggestion.clause(for: name, among: names)
        let what = name.hasPrefix("-") ? "unknown option '\(name)'" : "unknown subcommand '\(name)'"
        return CommandFailure(usage: what + hint, command: "tidesim")
    }
}
