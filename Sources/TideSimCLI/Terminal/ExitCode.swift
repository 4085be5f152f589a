import Foundation
import TideSim
import ArgumentParsing

/// Exit codes from sysexits(3), as docs/cli.md lists them.
enum ExitCode: Int32 {
    case success = 0
    case usage = 64
    case dataError = 65
    case noInput = 66
    case software = 70
    case cannotCreate = 73
    case ioError = 74
}

/// A failure of a command, with what to print and how to exit.
struct CommandFailure: Error {
    let lines: [String]
    let code: ExitCode

    init(_ error: TideSimError, command: String) {
        switch error {
        case .usage(let message):
            lines = ["Error: \(UsageError.sentence(message)) See '\(command) --help'."]
            code = .usage
        case .inputMissing:
            lines = ["Error: \(error)"]
            code = .noInput
        case .invalidScenario(let issues):
            lines = CommandFailure.capped(issues.map { "Error: \($0)" })
            code = .dataError
        case .cannotCreateOutput:
            lines = ["Error: \(error)"]
            code = .cannotCreate
        }
    }

    /// The most problems listed one per line; the rest are counted in one more line.
    static let listedProblems = 20

    /// `lines`, the first ``listedProblems`` of them and a count of the rest.
    static func capped(_ lines: [String]) -> [String] {
        guard lines.count > listedProblems else { return lines }
        let more = lines.count - listedProblems
        return Array(lines.prefix(listedProblems)) + ["Error: … and \(more) more problem\(more == 1 ? "" : "s") (the first \(listedProblems) are listed)"]
    }

    init(_ error: UsageError) {
        lines = [error.description]
        code = .usage
    }

    /// An error line cut to at most 1,000 characters (input echoed in it is capped already; this
    /// bounds whatever else a message holds, such as a flag typed a million characters long).
    static func bounded(_ line: String) -> String {
        guard line.count > 1000 else { return line }
        return String(line.prefix(900)) + " … (\(line.count - 900) more characters)"
    }

    init(usage message: String, command: String) {
        self.init(UsageError(message, command: command))
    }
}

/// Standard output and error, written unbuffered with write(2). A write that fails (a full disk,
/// a closed pipe, `/dev/full`) ends the tool with exit 74 and one line on stderr if stderr still
/// works: never a crash. SIGPIPE is ignored (see `main`), so a closed pipe is such a failure.
enum Console {
    /// Writes to standard output; control characters other than newlines and tabs are shown
    /// escaped, so a zone name cannot drive the terminal.
    static func out(_ text: String) {
        write(Terminal.printable(text), to: 1, name: "standard output")
    }

    /// Writes text that already has its control characters escaped (a JSON document) to
    /// standard output as it is.
    static func out(escaped text: String) {
        write(text, to: 1, name: "standard output")
    }

    /// Writes a line to standard error (escaped like `out`, unless `raw`, which progress uses for
    /// its carriage return and line clearing).
    static func err(_ text: String, newline: Bool = true, raw: Bool = false) {
        let line = newline && !text.hasSuffix("\n") ? text + "\n" : text
        write(raw ? line : Terminal.printable(line), to: 2, name: "standard error")
    }

    private static func write(_ text: String, to fd: Int32, name: String) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(fd, base + offset, bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { fail(name, fd: fd) }
                offset += n
            }
        }
    }

    /// Says (if it can) that a write failed, and exits 74, abandoning any output set not yet
    /// committed (an exit runs no deinit): nothing of the failed command is left on disk.
    private static func fail(_ name: String, fd: Int32) -> Never {
        OutputDirectory.abandonOpenSets()
        let reason = String(cString: strerror(errno))
        if fd != 2 {
            let line = Array("Error: cannot write to \(name): \(reason)\n".utf8)
            _ = line.withUnsafeBytes { Glibc.write(2, $0.baseAddress!, $0.count) }
        }
        exit(ExitCode.ioError.rawValue)
    }

    /// Whether stderr is a terminal (progress is shown only then).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }
}
