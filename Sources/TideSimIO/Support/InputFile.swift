import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
import Foundation

/// Opens the files tidesim reads, refusing what would never end or never answer.
///
/// A regular file is opened as it is. A named pipe (or a `<(...)` of the shell) is read once it
/// has data; one that stays silent for ``pipeWaitSeconds`` (`TIDESIM_PIPE_WAIT_SECONDS`, default
/// 10) is given up with one line, never a hang. Devices and sockets (`/dev/zero`, `/dev/urandom`,
/// a terminal) are refused: they have no end. Whole-file reads stop at ``maximumBytes``.
public enum InputFile {
    /// The largest file read whole (a scenario or a GBFS document): 1 GiB. Tables and trip
    /// records are streamed instead, with a bound on one record (``CSVStreamReader``).
    public static let maximumBytes = 1 << 30

    /// How long a named pipe may stay without data before it is given up, in seconds.
    public static var pipeWaitSeconds: Double {
        if let text = ProcessInfo.processInfo.environment["TIDESIM_PIPE_WAIT_SECONDS"], let s = Double(text), s >= 0, s <= 86_400 {
            return s
        }
        return 10
    }

    /// Opens `path` for reading and returns its descriptor (the caller closes it).
    /// - Throws: ``TideSimError/inputMissing(path:reason:)`` with the reason in words.
    public static func open(_ path: String) throws(TideSimError) -> Int32 {
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw .inputMissing(path: path, reason: errno == ENOENT ? "no such file" : String(cString: strerror(errno)))
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG:
            let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw .inputMissing(path: path, reason: String(cString: strerror(errno))) }
            return fd
        case S_IFDIR:
            throw .inputMissing(path: path, reason: "is a directory, expected a file")
        case S_IFIFO:
            // Opening a pipe for reading blocks until a writer comes: open without blocking, wait
            // for data (or the writer's end) a bounded time, then read as usual.
            let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
            guard fd >= 0 else { throw .inputMissing(path: path, reason: String(cString: strerror(errno))) }
            let wait = pipeWaitSeconds
            guard waitForData(fd, seconds: wait) else {
                close(fd)
                throw .inputMissing(path: path, reason: "a named pipe with nothing written to it for \(Int(wait)) s (TIDESIM_PIPE_WAIT_SECONDS); start its writer first")
            }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
            return fd
        default:
            throw .inputMissing(path: path, reason: "is a device or socket, not a file: it has no end; expected a regular file or a pipe")
        }
    }

    /// Whether `fd` has data (or its writer has come and gone) within `seconds`.
    static func waitForData(_ fd: Int32, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let left = max(0, deadline.timeIntervalSinceNow)
            // A pipe that never had a writer reports nothing (not even a hang-up) on Linux, so
            // poll in slices: a writer may open it at any moment.
            let r = poll(&p, 1, Int32(min(left, 0.2) * 1000))
            if r > 0 && p.revents & Int16(POLLIN) != 0 { return true }
            if r < 0 && errno != EINTR { return false }
            if left <= 0 { return false }
        }
    }

    /// Reads a whole file (or pipe) as bytes, up to ``maximumBytes``.
    /// - Parameter what: What the file is, for the message when it is too large.
    public static func readAll(_ path: String, what: String = "file") throws(TideSimError) -> [UInt8] {
        let fd = try open(path)
        defer { close(fd) }
        var st = stat()
        _ = fstat(fd, &st)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(maximumBytes, max(0, Int(st.st_size))) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw .inputMissing(path: path, reason: String(cString: strerror(errno))) }
            if n == 0 { break }
            guard bytes.count + n <= maximumBytes else {
                throw .inputMissing(path: path, reason: "larger than \(maximumBytes >> 30) GiB, more than any \(what) tidesim reads whole")
            }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    /// The device and inode of an existing file, to tell whether two paths name the same file.
    public static func identity(_ path: String) -> (device: UInt64, inode: UInt64)? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (UInt64(st.st_dev), UInt64(st.st_ino))
    }
}
