import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
import Foundation

extension OutputDirectory {
    /// A set of files on their way into a directory, moved into place together by ``commit()``
    /// or not at all (see ``OutputDirectory``).
    ///
    /// A file is either added whole (``add(_:)``) or begun and ended around other work
    /// (``begin(_:)`` and ``end(_:_:)``), as `run --out` does with `timeseries.csv`, whose rows
    /// are written while the replications run. A set that is dropped or fails before its commit
    /// leaves the directory as it was.
    ///
    /// Two kinds of set (``Mode``): files written beside others in a directory of the user's
    /// (a scenario and its tables, a report), or a directory that is the set (`run --out DIR`),
    /// written whole beside its target and switched in with one rename, so that no one ever sees
    /// a directory mixing two runs, even when the run is killed during the switch.
    public final class Staging {
        /// How a set reaches its directory.
        public enum Mode: Sendable {
            /// Each file is written to a hidden name beside its target and renamed over it; a file
            /// it replaces is kept aside until the last rename succeeds. Other files stay.
            case filesInDirectory
            /// The directory is the set: written as a hidden directory beside it, then switched
            /// in by one atomic exchange (`renameat2`), or by two renames with recovery where the
            /// file system cannot exchange. An existing directory is replaced only when it holds
            /// nothing but names in `replaceable` (what tidesim writes there): a folder of the
            /// user's own files is refused, never emptied.
            case wholeDirectory(replaceable: Set<String>)
        }

        private let directory: String
        private let mode: Mode
        private let spreadsheetSafe: Bool
        private let bufferBytes: Int
        /// Directories this set created, outermost first (removed if it is abandoned).
        private let created: [String]
        /// Where the files are written before the commit: the directory itself, or the hidden
        /// directory beside it (whole-directory sets).
        private let writeDirectory: String
        /// Files written or being written, in the order begun: (name, temporary path).
        private var files: [(name: String, temp: String)] = []
        private var finished = false

        /// Creates `directory` (and its parents) if needed, and clears temporaries of killed runs.
        /// A whole-directory set checks up front that it may replace what is there.
        /// - Throws: ``TideSimError/cannotCreateOutput(path:reason:)``.
        public init(directory: String, mode: Mode = .filesInDirectory, spreadsheetSafe: Bool = false,
                    bufferBytes: Int = 1 << 20) throws(TideSimError) {
            guard !directory.isEmpty else { throw .cannotCreateOutput(path: "''", reason: "an empty path; name a directory") }
            self.mode = mode
            self.spreadsheetSafe = spreadsheetSafe
            self.bufferBytes = bufferBytes
            switch mode {
            case .filesInDirectory:
                self.directory = directory
                created = try OutputDirectory.makeDirectory(directory)
                OutputDirectory.removeStaleTemporaries(in: directory)
                writeDirectory = directory
            case .wholeDirectory(let replaceable):
                let target = try OutputDirectory.resolvedSetDirectory(directory)
                try OutputDirectory.checkReplaceable(target, shownAs: directory, replaceable: replaceable)
                let parent = FilePath.parent(target)
                created = try OutputDirectory.makeDirectory(parent)
                OutputDirectory.removeStaleTemporaries(in: parent)
                let stage = FilePath.join(parent, ".tidesim-\(getpid())-\(FilePath.lastComponent(target))")
                guard mkdir(stage, 0o755) == 0 else {
                    let reason = String(cString: strerror(errno))
                    for d in created.reversed() { rmdir(d) }
                    throw .cannotCreateOutput(path: directory, reason: reason)
                }
                self.directory = target
                writeDirectory = stage
            }
            OutputDirectory.openSets.insert(self)
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
            let temp: String
            switch mode {
            case .filesInDirectory: temp = OutputDirectory.join(directory, ".tidesim-\(getpid())-\(name)")
            case .wholeDirectory: temp = OutputDirectory.join(writeDirectory, name)
            }
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

        /// Checks, without moving anything, that ``commit()`` may replace what is at the targets
        /// now; a command calls it before it prints, so that what it prints is not followed by a
        /// refusal. (The commit checks again.) A problem abandons the set and is thrown.
        public func check() throws(TideSimError) {
            precondition(!finished, "the set is already committed or abandoned")
            do throws(TideSimError) {
                switch mode {
                case .filesInDirectory:
                    for file in files {
                        if let problem = OutputDirectory.targetProblem(path(of: file.name)) {
                            throw TideSimError.cannotCreateOutput(path: path(of: file.name), reason: problem)
                        }
                    }
                case .wholeDirectory(let replaceable):
                    try OutputDirectory.checkReplaceable(directory, shownAs: directory, replaceable: replaceable)
                }
            } catch {
                abandon()
                throw error
            }
        }

        /// Moves every file into place (see ``Mode``).
        public func commit() throws(TideSimError) {
            try check()
            switch mode {
            case .filesInDirectory: try commitFiles()
            case .wholeDirectory: try commitDirectory()
            }
            finished = true
            OutputDirectory.openSets.remove(self)
        }

        private func commitFiles() throws(TideSimError) {
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
        }

        private func commitDirectory() throws(TideSimError) {
            var st = stat()
            if lstat(directory, &st) != 0 {
                // Nothing there: one rename puts the whole set in place.
                guard rename(writeDirectory, directory) == 0 else {
                    let reason = String(cString: strerror(errno))
                    abandon()
                    throw .cannotCreateOutput(path: directory, reason: reason)
                }
                return
            }
            // An earlier set is there: exchange the two in one step, then remove the old one,
            // which is now at the hidden name.
            if OutputDirectory.exchange(writeDirectory, directory) {
                OutputDirectory.removeSet(writeDirectory)
                return
            }
            // The file system cannot exchange: set the old one aside, then rename. A kill between
            // the two leaves no directory at the target and the old set whole at `.old`, which the
            // next run that writes there puts back (removeStaleTemporaries): never a mixed set.
            let aside = writeDirectory + ".old"
            guard rename(directory, aside) == 0 else {
                let reason = String(cString: strerror(errno))
                abandon()
                throw .cannotCreateOutput(path: directory, reason: reason)
            }
            guard rename(writeDirectory, directory) == 0 else {
                let reason = String(cString: strerror(errno))
                rename(aside, directory)
                abandon()
                throw .cannotCreateOutput(path: directory, reason: reason)
            }
            OutputDirectory.removeSet(aside)
        }

        /// Removes the temporary files and the directories the set created: the directory is as
        /// it was. (A sink still open is the caller's to drop; its file is already unlinked.)
        public func abandon() {
            guard !finished else { return }
            finished = true
            OutputDirectory.openSets.remove(self)
            for file in files { unlink(file.temp) }
            if case .wholeDirectory = mode { rmdir(writeDirectory) }
            for d in created.reversed() { rmdir(d) }
        }
    }
}

extension OutputDirectory {
    /// The sets not yet committed or abandoned, held weakly: a command that must exit at once
    /// (its standard output failed) abandons them with ``abandonOpenSets()``, since an exit runs
    /// no deinit.
    final class OpenSets: @unchecked Sendable {
        private let lock = NSLock()
        private var sets: [ObjectIdentifier: WeakSet] = [:]
        struct WeakSet { weak var set: Staging? }

        func insert(_ s: Staging) { lock.withLock { sets[ObjectIdentifier(s)] = WeakSet(set: s) } }
        func remove(_ s: Staging) { lock.withLock { _ = sets.removeValue(forKey: ObjectIdentifier(s)) } }
        func all() -> [Staging] { lock.withLock { sets.values.compactMap(\.set) } }
    }

    static let openSets = OpenSets()

    /// Abandons every output set still open (see ``Staging/abandon()``): for a command that is
    /// about to exit without returning.
    public static func abandonOpenSets() {
        for s in openSets.all() { s.abandon() }
    }
}
