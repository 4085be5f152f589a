import TideSim

/// Where the commands write files: one place that turns a failed write into the command's error.
enum Output {
    /// Writes a set of files into a directory, all or nothing (``OutputDirectory``).
    static func write(_ files: [(name: String, contents: String)], to directory: String, command: String) throws(CommandFailure) {
        do {
            try OutputDirectory.write(files, to: directory)
        } catch {
            throw CommandFailure(error, command: command)
        }
    }

    /// Writes one file atomically.
    static func write(_ contents: String, toFile path: String, command: String) throws(CommandFailure) {
        do {
            try OutputDirectory.writeFile(contents, to: path)
        } catch {
            throw CommandFailure(error, command: command)
        }
    }
}
