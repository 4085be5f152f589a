import TideSimEngine
import TideSimModel
import TideSimCore
@_spi(RawBytes) import TideSimBuffers
import Foundation

/// Bytes on their way into a file: a buffer that goes to the file descriptor with write(2) each
/// time it fills, so that a large table is written in bounded memory. The first write error is
/// kept (later writes are dropped) and read by whoever closes the sink.
///
/// The buffer is raw memory owned by one object, and every write is a copy into it (no array
/// append, no copy-on-write check): what lets a large table stream at hundreds of MB/s. A sink is
/// used through `inout` by one writer; copies of it would share the buffer.
public struct ByteSink {
    private let buffer: ByteBuffer
    private let capacity: Int
    private let fd: Int32
    /// The first failed write's errno, or nil.
    public private(set) var failure: Int32?
    /// Bytes handed to the sink so far.
    public private(set) var count = 0
    /// Whether CSV text cells that a spreadsheet would run as a formula are neutralised.
    let spreadsheetSafe: Bool

    init(fd: Int32, capacity: Int = 1 << 20, spreadsheetSafe: Bool = false) {
        self.fd = fd
        self.capacity = max(capacity, 64)
        buffer = ByteBuffer(capacity: self.capacity)
        self.spreadsheetSafe = spreadsheetSafe
    }

    /// Room for `n` more bytes in the buffer (n at most its capacity): flushes first if needed,
    /// so the buffer never grows past its capacity.
    @inline(__always) private mutating func reserve(_ n: Int) {
        if buffer.count &+ n > capacity { flush() }
    }

    /// Appends UTF-8 text.
    public mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { write(bytes: $0) }
    }

    /// Appends bytes.
    @inline(__always) package mutating func write(bytes: UnsafeBufferPointer<UInt8>) {
        guard failure == nil, let source = bytes.baseAddress else { return }
        count &+= bytes.count
        if bytes.count > capacity / 2 {
            // Large: straight to the file, after what is buffered.
            flush()
            send(UnsafeRawBufferPointer(bytes))
            return
        }
        reserve(bytes.count)
        buffer.append(UnsafeBufferPointer(start: source, count: bytes.count))
    }

    /// Appends bytes already encoded (a field prepared once, a separator).
    @inline(__always)
    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write(bytes: $0) }
    }

    /// Appends one byte.
    @inline(__always)
    public mutating func append(byte: UInt8) {
        guard failure == nil else { return }
        reserve(1)
        buffer.append(byte)
        count &+= 1
    }

    /// Appends a whole number in decimal, without going through a String.
    @inline(__always)
    public mutating func append(int value: Int) {
        guard failure == nil else { return }
        reserve(20)
        let before = buffer.count
        buffer.append(int: value)
        count &+= buffer.count &- before
    }

    /// Appends a number as ``JSONWriter/format(_:)`` writes it, without a String.
    @inline(__always)
    public mutating func append(number x: Double) {
        guard failure == nil else { return }
        reserve(32)                                  // the longest double is 24 characters
        let before = buffer.count
        buffer.append(number: x)
        count &+= buffer.count &- before
    }

    /// Appends one CSV field: RFC 4180 quoting where needed, and the formula guard with
    /// `spreadsheetSafe`.
    public mutating func field(_ f: String) {
        var f = f
        let plain = f.withUTF8 { bytes -> Bool in
            if spreadsheetSafe, let first = bytes.first, CSV.formulaStarts.contains(first) { return false }
            for b in bytes where b == 44 || b == 34 || b == 10 || b == 13 { return false }
            write(bytes: bytes)
            return true
        }
        if !plain { write(CSV.escape(spreadsheetSafe ? CSV.spreadsheetSafe(f) : f)) }
    }

    /// Appends a clock time of the run as ``formatRunTime(_:days:)`` writes it (`HH:MM`, or
    /// `day N HH:MM` in a longer run), as bytes: nothing in it needs quoting.
    public mutating func append(runTime t: Double, days: Int) {
        let (day, seconds) = runTimeParts(t)
        if days > 1 {
            write(bytes: UnsafeBufferPointer(start: Self.dayWord.utf8Start, count: 4))
            append(int: day + 1)
            append(byte: 32)
        }
        let h = seconds / 3600, m = seconds % 3600 / 60
        if h < 10 { append(byte: 48) }
        append(int: h)
        append(byte: 58)
        if m < 10 { append(byte: 48) }
        append(int: m)
    }

    private static let dayWord: StaticString = "day "

    /// Writes one CSV row (RFC 4180 quoting, CRLF).
    public mutating func row(_ fields: [String]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { append(byte: 44) }
            field(f)
        }
        endRow()
    }

    /// Ends a CSV row (CRLF).
    @inline(__always)
    public mutating func endRow() {
        append(byte: 13)
        append(byte: 10)
    }

    /// A sink that never reaches a file: its bytes are read back with ``withPendingBytes(_:)``
    /// (a row's repeated cells, prepared once).
    static func scratch(capacity: Int = 256, spreadsheetSafe: Bool) -> ByteSink {
        ByteSink(fd: -1, capacity: capacity, spreadsheetSafe: spreadsheetSafe)
    }

    /// The bytes not yet sent (a scratch sink's whole contents), then forgets them.
    mutating func takePendingBytes() -> [UInt8] {
        let bytes = Array(UnsafeBufferPointer(start: buffer.base, count: buffer.count))
        buffer.removeAll()
        count = 0
        return bytes
    }

    /// Sends the buffer to the file.
    public mutating func flush() {
        let used = buffer.count
        buffer.removeAll()
        guard failure == nil, used > 0 else { return }
        send(UnsafeRawBufferPointer(start: buffer.base, count: used))
    }

    /// Sends what is left and closes the file: the first failure's errno (a write or the close),
    /// or nil when every byte reached the file. The sink must not be used afterwards.
    mutating func close() -> Int32? {
        flush()
        let closed = Glibc.close(fd)
        return failure ?? (closed == 0 ? nil : errno)
    }

    /// Writes bytes to the file descriptor, all of them or until the first error.
    private mutating func send(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil else { return }
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { failure = n < 0 ? errno : ENOSPC; break }
            offset += n
        }
    }
}

/// One file of an output set: its name and what writes its bytes.
public struct OutputFile {
    public let name: String
    public let write: (inout ByteSink) -> Void

    public init(name: String, write: @escaping (inout ByteSink) -> Void) {
        self.name = name
        self.write = write
    }

    /// A file whose contents are already text.
    public init(name: String, text: String) {
        self.init(name: name) { $0.write(text) }
    }

    /// A CSV file streamed row by row.
    /// (See ``CSVTable`` for a table that also has a faster byte writer.)
    public init(csv name: String, header: [String]?, rows: @escaping ((([String]) -> Void)) -> Void) {
        self.init(name: name) { sink in
            if let header { sink.row(header) }
            rows { sink.row($0) }
        }
    }
}
