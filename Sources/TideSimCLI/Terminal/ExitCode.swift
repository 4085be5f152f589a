import Foundation
import TideSim
import ArgumentParsing

/// Exit codes from sysexits(3), as DESIGN.md section 5 lists them.
enum ExitCode: Int32 {
    case success = 0
    case usage = 64
    case dataError = 65
    case noInput = 66
    case software = 70
    case cannotCreate = 73
}

/// A failure of a command, with what to print and how to exit.
struct CommandFailure: Error {
    let lines: [String]
    let code: ExitCode

    init(_ error: TideSimError, command: String) {
        switch error {
        case .usage(let message):
            lines = ["Error: \(message). See '\(command) --help'."]
            code = .usage
        case .inputMissing:
            lines = ["Error: \(error)"]
            code = .noInput
        case .invalidScenario(let issues):
            lines = issues.map { "Error: \($0)" }
            code = .dataError
        case .cannotCreateOutput:
            lines = ["Error: \(error)"]
            code = .cannotCreate
        }
    }

    init(_ error: UsageError) {
        lines = [error.description]
        code = .usage
    }

    init(usage message: String, command: String) {
        self.init(UsageError(message, command: command))
    }
}

/// Standard output and error, written through FileHandle so that nothing is buffered past exit.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func err(_ text: String, newline: Bool = true) {
        FileHandle.standardError.write(Data((newline && !text.hasSuffix("\n") ? text + "\n" : text).utf8))
    }

    /// Whether stderr is a terminal (progress is shown only then).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }
}
