import Foundation

/// A one-line progress indicator on stderr, shown only when stderr is a terminal: work done of
/// the whole and an estimate of the time left. Safe to call from the replication threads.
final class Progress: @unchecked Sendable {
    let label: String
    let total: Int
    private let enabled = Console.stderrIsTerminal
    private let start = Date()
    private let lock = NSLock()

    init(label: String, total: Int) {
        self.label = label
        self.total = total
    }

    /// `done` of `total` units of `what` (replications, points) are finished.
    func update(_ done: Int, of what: String) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        let elapsed = Date().timeIntervalSince(start)
        var line = "\r\(label): \(done)/\(total) \(what)"
        if done > 0 && done < total { line += ", about \(Progress.duration(elapsed / Double(done) * Double(total - done))) left" }
        Console.err(line + "\u{1B}[K", newline: false, raw: true)
    }

    /// A line of its own words (for work whose total is not known ahead, such as a plan).
    func say(_ text: String) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        Console.err("\r\(label): \(text), \(Progress.duration(Date().timeIntervalSince(start))) so far\u{1B}[K", newline: false, raw: true)
    }

    /// Clears the line; with `summary`, says what finished and how long it took.
    func finish(summary: String? = nil) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        Console.err("\r\u{1B}[K", newline: false, raw: true)
        if let summary { Console.err("\(label): \(summary) in \(Progress.duration(Date().timeIntervalSince(start)))") }
    }

    static func duration(_ seconds: Double) -> String {
        if seconds < 60 { return "\(max(1, Int(seconds.rounded()))) s" }
        if seconds < 3600 { return "\(Int(seconds / 60)) min \(Int(seconds.truncatingRemainder(dividingBy: 60))) s" }
        return "\(Int(seconds / 3600)) h \(Int(seconds.truncatingRemainder(dividingBy: 3600) / 60)) min"
    }
}
