import Foundation

/// Writes a set of files into a directory whole or not at all: every file is first written to a
/// hidden temporary name beside its target, and only when all are written are they renamed into
/// place. A failure removes the temporary files and leaves the directory as it was.
public enum OutputDirectory {
    /// Writes `files` (name and contents) into `directory`, creating it if needed.
    /// - Throws: ``TideSimError/cannotCreateOutput(path:reason:)``.
    public static func write(_ files: [(name: String, contents: String)], to directory: String) throws(TideSimError) {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: directory, isDirectory: &isDir) {
            if !isDir.boolValue { throw .cannotCreateOutput(path: directory, reason: "exists and is not a directory") }
        } else {
            do {
                try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .cannotCreateOutput(path: directory, reason: "cannot create the directory")
            }
        }
        var written: [(temp: String, final: String)] = []
        for (name, contents) in files {
            let final = (directory as NSString).appendingPathComponent(name)
            let temp = (directory as NSString).appendingPathComponent(".\(name).tmp-\(ProcessInfo.processInfo.processIdentifier)")
            guard fm.createFile(atPath: temp, contents: Data(contents.utf8)) else {
                for w in written { try? fm.removeItem(atPath: w.temp) }
                throw .cannotCreateOutput(path: final, reason: "cannot create the file")
            }
            written.append((temp, final))
        }
        for w in written {
            if rename(w.temp, w.final) != 0 {
                let reason = String(cString: strerror(errno))
                for v in written { try? fm.removeItem(atPath: v.temp) }
                throw .cannotCreateOutput(path: w.final, reason: reason)
            }
        }
    }

    /// Writes one file atomically (temporary file, then rename).
    public static func writeFile(_ contents: String, to path: String) throws(TideSimError) {
        let dir = (path as NSString).deletingLastPathComponent
        try write([((path as NSString).lastPathComponent, contents)], to: dir.isEmpty ? "." : dir)
    }
}
