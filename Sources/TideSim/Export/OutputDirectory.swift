import Foundation

/// Writes a set of files into a directory whole or not at all.
///
/// Every file is first streamed to a hidden temporary name beside its target
/// (`.tidesim-PID-NAME`). Only when all are written, and every target is checked to be a regular
/// file or absent, are they moved into place; a file they replace is kept aside until the last
/// move succeeds. A failure at any step puts back what was there, removes the temporary files and
/// a directory the run created, and says what failed and why: the directory is as it was.
/// Temporary files of a run that was killed are removed by the next run that writes there.
public enum OutputDirectory {
    /// Writes `files` into `directory`, creating it (and its parents) if needed.
    /// - Throws: ``TideSimError/cannotCreateOutput(path:reason:)`` with the system's reason.
    /// - Parameter spreadsheetSafe: Neutralise CSV cells a spreadsheet would run as formulas (``CSV/spreadsheetSafe(_:)``).
    /// - Parameter bufferBytes: The write buffer (tests make it small, to cross its edges often).
    public static func write(_ files: [OutputFile], to directory: String, spreadsheetSafe: Bool = false,
                             bufferBytes: Int = 1 << 20) throws(TideSimError) {
        let created = try makeDirectory(directory)
        var temps: [String] = []
        func abandon() {
            for t in temps { unlink(t) }
            for d in created.reversed() { rmdir(d) }
        }
        removeStaleTemporaries(in: directory)
        let pid = getpid()
        for file in files {
            guard !file.name.isEmpty, !file.name.contains("/") else {
                abandon()
                throw .cannotCreateOutput(path: join(directory, file.name), reason: "not a plain file name")
            }
            let temp = join(directory, ".tidesim-\(pid)-\(file.name)")
            let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                let reason = String(cString: strerror(errno))
                abandon()
                throw .cannotCreateOutput(path: join(directory, file.name), reason: reason)
            }
            temps.append(temp)
            var sink = ByteSink(fd: fd, capacity: bufferBytes, spreadsheetSafe: spreadsheetSafe)
            file.write(&sink)
            sink.flush()
            let closed = close(fd)
            if let failure = sink.failure ?? (closed == 0 ? nil : errno) {
                abandon()
                throw .cannotCreateOutput(path: join(directory, file.name), reason: String(cString: strerror(failure)))
            }
        }
        // Every target must be a regular file or absent before anything is moved.
        for file in files {
            let target = join(directory, file.name)
            if let problem = targetProblem(target) {
                abandon()
                throw .cannotCreateOutput(path: target, reason: problem)
            }
        }
        // Move into place, keeping what is replaced until the end.
        var moved: [(target: String, kept: String?)] = []
        for (file, temp) in zip(files, temps) {
            let target = join(directory, file.name)
            var kept: String?
            if access(target, F_OK) == 0 {
                let aside = join(directory, ".tidesim-\(pid)-\(file.name).old")
                if rename(target, aside) != 0 {
                    let reason = String(cString: strerror(errno))
                    rollBack(moved)
                    abandon()
                    throw .cannotCreateOutput(path: target, reason: reason)
                }
                kept = aside
            }
            if rename(temp, target) != 0 {
                let reason = String(cString: strerror(errno))
                if let kept { rename(kept, target) }
                rollBack(moved)
                abandon()
                throw .cannotCreateOutput(path: target, reason: reason)
            }
            moved.append((target, kept))
        }
        for m in moved { if let kept = m.kept { unlink(kept) } }
    }

    /// Writes text files (name and contents) into `directory`.
    public static func write(_ files: [(name: String, contents: String)], to directory: String) throws(TideSimError) {
        try write(files.map { OutputFile(name: $0.name, text: $0.contents) }, to: directory)
    }

    /// Writes one file atomically. The path must name a regular file or nothing: a directory,
    /// a device, a pipe or a symbolic link there is refused (a link is not followed, so a run
    /// never writes somewhere other than the path it was given).
    public static func writeFile(_ file: OutputFile, to path: String, spreadsheetSafe: Bool = false) throws(TideSimError) {
        let dir = (path as NSString).deletingLastPathComponent
        try write([OutputFile(name: (path as NSString).lastPathComponent, write: file.write)], to: dir.isEmpty ? "." : dir,
                  spreadsheetSafe: spreadsheetSafe)
    }

    /// Writes one text file atomically.
    public static func writeFile(_ contents: String, to path: String) throws(TideSimError) {
        try writeFile(OutputFile(name: "", text: contents), to: path)
    }

    // MARK: - Steps

    private static func join(_ dir: String, _ name: String) -> String { (dir as NSString).appendingPathComponent(name) }

    /// Creates `directory` and missing parents; returns the ones it created, outermost first.
    private static func makeDirectory(_ directory: String) throws(TideSimError) -> [String] {
        var st = stat()
        if stat(directory, &st) == 0 {
            guard st.st_mode & S_IFMT == S_IFDIR else { throw .cannotCreateOutput(path: directory, reason: "exists and is not a directory") }
            return []
        }
        guard errno == ENOENT else { throw .cannotCreateOutput(path: directory, reason: String(cString: strerror(errno))) }
        let parent = (directory as NSString).deletingLastPathComponent
        var created: [String] = []
        if !parent.isEmpty && parent != directory { created = try makeDirectory(parent) }
        if mkdir(directory, 0o755) != 0 && errno != EEXIST {
            let reason = String(cString: strerror(errno))
            for d in created.reversed() { rmdir(d) }
            throw .cannotCreateOutput(path: directory, reason: reason)
        }
        return created + [directory]
    }

    /// Why a target cannot be replaced, or nil when it is a regular file or absent.
    private static func targetProblem(_ target: String) -> String? {
        var st = stat()
        guard lstat(target, &st) == 0 else { return errno == ENOENT ? nil : String(cString: strerror(errno)) }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a directory is in the way"
        case S_IFLNK: return "is a symbolic link; name the file it points to, or remove the link"
        default: return "exists and is not a regular file"
        }
    }

    /// Puts back the files a failed set had already moved.
    private static func rollBack(_ moved: [(target: String, kept: String?)]) {
        for m in moved.reversed() {
            unlink(m.target)
            if let kept = m.kept { rename(kept, m.target) }
        }
    }

    /// Cleans up after runs that were killed (their process is gone): removes their
    /// `.tidesim-PID-NAME` temporary files, and puts back a `.tidesim-PID-NAME.old` file they had
    /// set aside when NAME itself is missing (else removes it).
    private static func removeStaleTemporaries(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names.sorted() where name.hasPrefix(".tidesim-") {
            let rest = name.dropFirst(".tidesim-".count)
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]) else { continue }
            guard pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH else { continue }
            let path = join(directory, name)
            let base = String(rest[rest.index(after: dash)...])
            if base.hasSuffix(".old") {
                let target = join(directory, String(base.dropLast(4)))
                if access(target, F_OK) != 0 { rename(path, target); continue }
            }
            unlink(path)
        }
    }
}
