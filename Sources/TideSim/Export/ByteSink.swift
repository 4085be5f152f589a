import Foundation

/// Bytes on their way into a file: a buffer that goes to the file descriptor with write(2) each
/// time it fills, so that a large table is written in bounded memory. The first write error is
/// kept (later writes are dropped) and read by whoever closes the sink.
public struct ByteSink {
    private var buffer: [UInt8] = []
    private let fd: Int32
    private let capacity: Int
    /// The first failed write's errno, or nil.
    public private(set) var failure: Int32?
    /// Bytes handed to the sink so far.
    public private(set) var count = 0
    /// Whether CSV text cells that a spreadsheet would run as a formula are neutralised.
    let spreadsheetSafe: Bool

    init(fd: Int32, capacity: Int = 1 << 20, spreadsheetSafe: Bool = false) {
        self.fd = fd
        self.capacity = capacity
        self.spreadsheetSafe = spreadsheetSafe
        buffer.reserveCapacity(capacity)
    }

    /// Appends UTF-8 text.
    public mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { write(bytes: $0) }
    }

    /// Appends bytes.
    public mutating func write(bytes: UnsafeBufferPointer<UInt8>) {
        guard failure == nil else { return }
        count += bytes.count
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { flush() }
    }

    /// Appends bytes already encoded (a field prepared once, a separator).
    @inline(__always)
    public mutating func append(_ bytes: [UInt8]) {
        guard failure == nil else { return }
        bytes.withUnsafeBufferPointer { buffer.append(contentsOf: $0) }
        count += bytes.count
        if buffer.count >= capacity { flush() }
    }

    /// Appends a non-negative whole number's decimal digits to a byte array.
    public static func appendDigits(_ value: Int, to bytes: inout [UInt8]) {
        var v = value, divisor = 1
        while v / divisor >= 10 { divisor *= 10 }
        repeat {
            bytes.append(UInt8(48 + v / divisor))
            v %= divisor
            divisor /= 10
        } while divisor > 0
    }

    /// Appends a whole number in decimal, without going through a String.
    @inline(__always)
    public mutating func append(int value: Int) {
        guard failure == nil else { return }
        var v = value
        if v < 0 { buffer.append(UInt8(ascii: "-")); count += 1; v = -v }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat { d[n] = UInt8(48 + v % 10); v /= 10; n += 1 } while v > 0
            for i in stride(from: n - 1, through: 0, by: -1) { buffer.append(d[i]) }
        }
        count += n
    }

    /// Writes one CSV row (RFC 4180 quoting, CRLF).
    public mutating func row(_ fields: [String]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            write(CSV.escape(spreadsheetSafe ? CSV.spreadsheetSafe(f) : f))
        }
        buffer.append(13); buffer.append(10)
        count += 2
        if buffer.count >= capacity { flush() }
    }

    /// Sends the buffer to the file.
    public mutating func flush() {
        guard failure == nil else { buffer.removeAll(keepingCapacity: true); return }
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { failure = n < 0 ? errno : ENOSPC; break }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
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
