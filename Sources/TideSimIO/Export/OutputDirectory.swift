import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
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
        let staging = try Staging(directory: directory, spreadsheetSafe: spreadsheetSafe, bufferBytes: bufferBytes)
        for file in files { try staging.add(file) }
        try staging.commit()
    }

    /// Writes text files (name and contents) into `directory`.
    public static func write(_ files: [(name: String, contents: String)], to directory: String) throws(TideSimError) {
        try write(files.map { OutputFile(name: $0.name, text: $0.contents) }, to: directory)
    }

    /// The bytes free to an unprivileged writer on the file system that holds `directory` (or
    /// its nearest existing parent), or nil when that cannot be told.
    public static func freeBytes(at directory: String) -> Double? {
        var path = directory.isEmpty ? "." : directory
        var st = statvfs()
        while statvfs(path, &st) != 0 {
            guard errno == ENOENT else { return nil }
            let parent = FilePath.parent(path)
            if parent == path { return nil }
            path = parent
        }
        return Double(st.f_bavail) * Double(st.f_frsize)
    }

    // MARK: - Steps

    static func join(_ dir: String, _ name: String) -> String { FilePath.join(dir, name) }

    /// Creates `directory` and missing parents; returns the ones it created, outermost first.
    static func makeDirectory(_ directory: String) throws(TideSimError) -> [String] {
        var st = stat()
        if stat(directory, &st) == 0 {
            guard st.st_mode & S_IFMT == S_IFDIR else { throw .cannotCreateOutput(path: directory, reason: "exists and is not a directory") }
            return []
        }
        guard errno == ENOENT else { throw .cannotCreateOutput(path: directory, reason: String(cString: strerror(errno))) }
        let parent = FilePath.parent(directory)
        var created: [String] = []
        if parent != directory { created = try makeDirectory(parent) }
        if mkdir(directory, 0o755) != 0 && errno != EEXIST {
            let reason = String(cString: strerror(errno))
            for d in created.reversed() { rmdir(d) }
            throw .cannotCreateOutput(path: directory, reason: reason)
        }
        return created + [directory]
    }

    /// Why a target cannot be replaced, or nil when it is a regular file or absent.
    static func targetProblem(_ target: String) -> String? {
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
    static func rollBack(_ moved: [(target: String, kept: String?)]) {
        for m in moved.reversed() {
            unlink(m.target)
            if let kept = m.kept { rename(kept, m.target) }
        }
    }

    /// Cleans up after runs that were killed (their process is gone): removes their
    /// `.tidesim-PID-NAME` temporary files and directories, and puts back a
    /// `.tidesim-PID-NAME.old` file or directory they had set aside when NAME itself is missing
    /// (else removes it).
    static func removeStaleTemporaries(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names.sorted() where name.hasPrefix(".tidesim-") {
            let rest = name.dropFirst(".tidesim-".count)
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]) else { continue }
            guard pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH else { continue }
            let path = join(directory, name)
            let base = String(rest[rest.index(after: dash)...])
            if base.hasSuffix(".old") {
                let target = join(directory, String(base.dropLast(4)))
                var st = stat()
                if lstat(target, &st) != 0 && errno == ENOENT { rename(path, target); continue }
            }
            if unlink(path) != 0 { removeSet(path) }
        }
    }

    /// Removes a directory of plain files (a staged or replaced output set).
    static func removeSet(_ path: String) {
        if let names = try? FileManager.default.contentsOfDirectory(atPath: path) {
            for name in names { unlink(join(path, name)) }
        }
        rmdir(path)
    }

    // MARK: - Whole-directory sets

    /// The directory a whole set goes to: the path as given (without trailing slashes), or
    /// where a symbolic link to a directory points. The current directory, or one that holds
    /// it, is refused: a set replaces its directory, and a shell must not be left in a deleted one.
    static func resolvedSetDirectory(_ path: String) throws(TideSimError) -> String {
        var target = path
        while target.count > 1 && target.hasSuffix("/") { target.removeLast() }
        var st = stat()
        if lstat(target, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK {
            guard stat(target, &st) == 0, st.st_mode & S_IFMT == S_IFDIR, let real = realPath(target) else {
                throw .cannotCreateOutput(path: path, reason: "is a symbolic link to something that is not a directory")
            }
            target = real
        }
        if stat(target, &st) == 0, st.st_mode & S_IFMT == S_IFDIR, let real = realPath(target), let here = realPath(".") {
            if real == "/" || here == real || here.hasPrefix(real + "/") {
                throw .cannotCreateOutput(path: path, reason: "is the current directory or holds it; name a directory of its own for the output files")
            }
        }
        return target
    }

    /// Throws when `directory` exists and holds anything but the plain files a set may replace
    /// (and hidden temporaries of tidesim's): a folder of the user's files is never emptied.
    static func checkReplaceable(_ directory: String, shownAs: String, replaceable: Set<String>) throws(TideSimError) {
        var st = stat()
        guard lstat(directory, &st) == 0 else { return }
        guard st.st_mode & S_IFMT == S_IFDIR else { throw .cannotCreateOutput(path: shownAs, reason: "exists and is not a directory") }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw .cannotCreateOutput(path: shownAs, reason: "cannot list what it holds: \(String(cString: strerror(errno)))")
        }
        let foreign = names.sorted().filter { name in
            if name.hasPrefix(".tidesim-") { return false }
            var f = stat()
            return !(replaceable.contains(name) && lstat(join(directory, name), &f) == 0 && f.st_mode & S_IFMT == S_IFREG)
        }
        guard foreign.isEmpty else {
            let shown = foreign.prefix(3).map { Quote.input($0) }.joined(separator: ", ")
            let more = foreign.count > 3 ? " and \(foreign.count - 3) more" : ""
            throw .cannotCreateOutput(path: shownAs, reason: "holds \(shown)\(more), which tidesim does not write there; "
                + "the output replaces the whole directory, so name a new one or move those out")
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// glibc's `renameat2`, which Swift's Glibc module does not declare; nil where the C library
    /// lacks it.
    private static let renameat2: RenameAt2? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()

    /// Exchanges two paths in one atomic step (`RENAME_EXCHANGE`); false where the system or the
    /// file system cannot.
    static func exchange(_ a: String, _ b: String) -> Bool {
        guard let renameat2 else { return false }
        let renameExchange: UInt32 = 2
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
    }
}
