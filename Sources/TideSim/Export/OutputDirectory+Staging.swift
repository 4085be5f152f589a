import Foundation

extension OutputDirectory {
    /// A set of files on their way into a directory, moved into place together by ``commit()``
    /// or not at all (see ``OutputDirectory``).
    ///
    /// A file is either added whole (``add(_:)``) or begun and ended around other work
    /// (``begin(_:)`` and ``end(_:_:)``), as `run --out` does with `timeseries.csv`, whose rows
    /// are written while the replications run. A set that is dropped or fails before its commit
    /// leaves the directory as it was.
    public final class Staging {
        private let directory: String
        private let spreadsheetSafe: Bool
        private let bufferBytes: Int
        /// Directories this set created, outermost first (removed if it is abandoned).
        private let created: [String]
        /// Files written or being written, in the order begun: (name, temporary path).
        private var files: [(name: String, temp: String)] = []
        private var finished = false

        /// Creates `directory` (and its parents) if needed, and clears temporaries of killed runs.
        /// - Throws: ``TideSimError/cannotCreateOutput(path:reason:)``.
        public init(directory: String, spreadsheetSafe: Bool = false, bufferBytes: Int = 1 << 20) throws(TideSimError) {
            self.directory = directory
            self.spreadsheetSafe = spreadsheetSafe
            self.bufferBytes = bufferBytes
            created = try OutputDirectory.makeDirectory(directory)
            OutputDirectory.removeStaleTemporaries(in: directory)
        }

        deinit { if !finished { abandon() } }

        /// The path a file of the set will have once committed.
        public func path(of name: String) -> String { OutputDirectory.join(directory, name) }

        /// Starts a file: a sink writing to its temporary name. Hand the sink back to ``end(_:_:)``.
        public func begin(_ name: String) throws(TideSimError) -> ByteSink {
            precondition(!finished, "the set is already committed or abandoned")
            guard !name.isEmpty, !name.contains("/") else {
                abandon()
                throw .cannotCreateOutput(path: path(of: name), reason: "not a plain file name")
            }
            let temp = OutputDirectory.join(directory, ".tidesim-\(getpid())-\(name)")
            let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                let reason = String(cString: strerror(errno))
                abandon()
                throw .cannotCreateOutput(path: path(of: name), reason: reason)
            }
            files.append((name, temp))
            return ByteSink(fd: fd, capacity: bufferBytes, spreadsheetSafe: spreadsheetSafe)
        }

        /// Ends a file begun with ``begin(_:)``: sends what the sink holds and closes it. A write
        /// that failed (now or earlier) abandons the set and is thrown.
        public func end(_ name: String, _ sink: inout ByteSink) throws(TideSimError) {
            if let failure = sink.close() {
                abandon()
                throw .cannotCreateOutput(path: path(of: name), reason: String(cString: strerror(failure)))
            }
        }

        /// Writes a whole file of the set.
        public func add(_ file: OutputFile) throws(TideSimError) {
            var sink = try begin(file.name)
            file.write(&sink)
            try end(file.name, &sink)
        }

        /// Moves every file into place, after checking that each target is a regular file or
        /// absent; a file it replaces is kept aside until the last move succeeds.
        public func commit() throws(TideSimError) {
            precondition(!finished, "the set is already committed or abandoned")
            for file in files {
                if let problem = OutputDirectory.targetProblem(path(of: file.name)) {
                    abandon()
                    throw .cannotCreateOutput(path: path(of: file.name), reason: problem)
                }
            }
            var moved: [(target: String, kept: String?)] = []
            for file in files {
                let target = path(of: file.name)
                var kept: String?
                if access(target, F_OK) == 0 {
                    let aside = OutputDirectory.join(directory, ".tidesim-\(getpid())-\(file.name).old")
                    if rename(target, aside) != 0 {
                        let reason = String(cString: strerror(errno))
                        OutputDirectory.rollBack(moved)
                        abandon()
                        throw .cannotCreateOutput(path: target, reason: reason)
                    }
                    kept = aside
                }
                if rename(file.temp, target) != 0 {
                    let reason = String(cString: strerror(errno))
                    if let kept { rename(kept, target) }
                    OutputDirectory.rollBack(moved)
                    abandon()
                    throw .cannotCreateOutput(path: target, reason: reason)
                }
                moved.append((target, kept))
            }
            for m in moved { if let kept = m.kept { unlink(kept) } }
            finished = true
        }

        /// Removes the temporary files and the directories the set created: the directory is as
        /// it was. (A sink still open is the caller's to drop; its file is already unlinked.)
        public func abandon() {
            guard !finished else { return }
            finished = true
            for file in files { unlink(file.temp) }
            for d in created.reversed() { rmdir(d) }
        }
    }
}
