import ArgumentParsing
import TideSim

/// `tidesim validate`: check a scenario and say what it holds.
enum ValidateCommand {
    static let spec = CommandSpec(
        name: "tidesim validate",
        abstract: "Check a scenario file and print what it holds.",
        discussion: "Every problem is listed, one per line, as file: place: what was expected; the exit code is then 65.",
        arguments: [ArgumentSpec("scenario", "The scenario file (JSON).")],
        options: ScenarioOptions.whatIf)

    static func execute(_ arguments: [String]) throws(CommandFailure) {
        guard let args = try Output.open(arguments, spec: spec) else { return }
        let scenario = try ScenarioOptions.load(args, command: spec.name)
        Console.out(ScenarioText.render(scenario, file: args.positionals[0]))
    }
}
