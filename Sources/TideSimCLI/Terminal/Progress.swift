import Foundation

/// A one-line progress indicator on stderr, shown only when stderr is a terminal.
struct Progress {
    let label: String
    private let enabled = Console.stderrIsTerminal

    init(label: String) { self.label = label }

    func update(_ text: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\(label): \(text)\u{1B}[K".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
