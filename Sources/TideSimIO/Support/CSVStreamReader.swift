import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
import Foundation

/// Reads RFC 4180 CSV records from a file or standard input in chunks, so that a trip file of
/// gigabytes (a year of a big system, `zcat trips.csv.gz | tidesim calibrate - ...`) is read in
/// bounded memory. Fields are kept as bytes; ``string(_:)`` and ``number(_:)`` convert one field
/// when it is needed, so a column nobody reads costs nothing but the scan.
///
/// The rules (RFC 4180, as the tests' reference parser reads them): quoted fields with `""` for a quote, LF or CRLF line
/// ends, blank lines skipped, a leading byte-order mark ignored.
public struct CSVStreamReader {
    private let fd: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8]
    /// Valid bytes are `buffer[position..<filled]`.
    private var position = 0
    private var filled = 0
    private var atEOF = false
    private var physicalLine = 1
    /// The current record's fields: `fieldStarts[i]..<fieldEnds[i]` in `buffer` when the record
    /// has no quote (read in place), else in `scratch`, where they are unescaped one after another.
    private var scratch: [UInt8] = []
    private var fieldStarts: [Int] = [], fieldEnds: [Int] = []
    private var fieldsInBuffer = false
    /// The line the current record starts on (1-based).
    public private(set) var line = 0
    /// Set once the first bytes are read: a gzip stream (magic 1F 8B) is decompressed as it is
    /// read, whatever the file is called, so `trips_2014.csv.gz` and `zcat trips.csv.gz |` read alike.
    private var sniffed = false
    private var gzip: GzipDecoder?
    /// What went wrong in a gzip stream, thrown by the next ``next()``.
    private var gzipFailure: String?
    /// The longest record read: a longer one (an endless line from a pipe, `/dev/zero` as
    /// standard input) is an error, not a run out of memory.
    private let maximumRecordBytes: Int

    /// Opens `path`, or standard input for `-`.
    /// - Throws: ``TideSimError/inputMissing(path:reason:)`` for a file that cannot be read.
    /// - Parameter maximumRecordBytes: The longest record accepted (64 MiB unless a test says).
    public init(path: String, chunkBytes: Int = 1 << 20, maximumRecordBytes: Int = 64 << 20) throws(TideSimError) {
        self.maximumRecordBytes = maximumRecordBytes
        if path == "-" {
            fd = 0
            ownsDescriptor = false
        } else {
            fd = try InputFile.open(path)
            ownsDescriptor = true
        }
        buffer = [UInt8](repeating: 0, count: max(16, chunkBytes))
    }

    /// Reads CSV held in memory (a table about to be written, checked before it is).
    public init(bytes: [UInt8]) {
        maximumRecordBytes = Int.max
        sniffed = true
        fd = -1
        ownsDescriptor = false
        buffer = bytes.isEmpty ? [0] : bytes
        filled = bytes.count
        atEOF = true
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    /// Closes the file (not standard input).
    public func close() {
        if ownsDescriptor { _ = Foundation.close(fd) }
    }

    /// Fields in the current record.
    public var fieldCount: Int { fieldEnds.count }

    /// Field `i` of the current record as bytes.
    package func withField<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let range = fieldStarts[i]..<fieldEnds[i]
        if fieldsInBuffer { return try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) } }
        return try scratch.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Field `i` of the current record as text, spaces at both ends removed.
    public func string(_ i: Int) -> String {
        withField(i) { String(decoding: ByteParsing.trimmed($0), as: UTF8.self) }
    }

    /// Field `i` as a number, or nil when it is empty or not a number. Thousands separators
    /// (`"1,651.0"`, as Divvy wrote durations) are accepted (a scenario's table reads its numbers
    /// without them: ``cell(_:numeric:)``).
    public func number(_ i: Int) -> Double? {
        withField(i) { ByteParsing.number(ByteParsing.trimmed($0), thousands: true) }
    }

    /// Field `i` as text when it is valid UTF-8 (spaces at both ends removed), else nil.
    public func validString(_ i: Int) -> String? {
        withField(i) { CSVStreamReader.text(ByteParsing.trimmed($0)) }
    }

    /// Bytes as text when they are valid UTF-8, else nil.
    private static func text(_ t: UnsafeBufferPointer<UInt8>) -> String? {
        // ASCII needs no validation (and String(validating:) costs a generic metadata lookup
        // per call: a third of the time of reading a big table).
        if !t.contains(where: { $0 >= 0x80 }) { return String(decoding: t, as: UTF8.self) }
        return String(validating: t, as: UTF8.self)
    }

    /// A field read once: what a table's cell holds.
    package enum Cell {
        case empty, number(Double), text(String), notUTF8
    }

    /// Field `i`, spaces at both ends removed, read once: empty; a number when `numeric` and it
    /// reads as one (no thousands separators); else text, or `notUTF8`.
    package func cell(_ i: Int, numeric: Bool) -> Cell {
        withField(i) { bytes in
            let t = ByteParsing.trimmed(bytes)
            if t.isEmpty { return .empty }
            if numeric, let x = ByteParsing.number(t, thousands: false) { return .number(x) }
            return CSVStreamReader.text(t).map { .text($0) } ?? .notUTF8
        }
    }

    /// Whether field `i` is empty after trimming spaces.
    public func isEmpty(_ i: Int) -> Bool {
        withField(i) { ByteParsing.trimmed($0).isEmpty }
    }

    /// Moves to the next record. Returns false at the end of the input.
    /// - Throws: ``CSV/SyntaxError`` for a malformed record, or ``TideSimError`` when reading fails.
    public mutating func next() throws(CSV.SyntaxError) -> Bool {
        while true {
            // A corrupt or truncated gzip stream ends the reading at once: what is left in the
            // buffer is not to be trusted as a record.
            // (Line 0: the decoder reads ahead of the records, so no line is to blame.)
            if let gzipFailure { throw CSV.SyntaxError(line: 0, message: "gzip: \(gzipFailure)") }
            switch try parseRecord() {
            case .record: return true
            case .blank: continue
            case .end: return false
            case .needMore:
                guard filled - position < maximumRecordBytes else {
                    let limit = maximumRecordBytes >= 1 << 20 ? "\(maximumRecordBytes >> 20) MiB" : "\(maximumRecordBytes) bytes"
                    throw CSV.SyntaxError(line: physicalLine, message: "a record longer than \(limit): not a table of trips or zones (a file with no line ends?)")
                }
                guard refill() else {
                    // The input ended inside a record that has no line end: parse it as the last.
                    atEOF = true
                    continue
                }
            }
        }
    }

    private enum Outcome { case record, blank, end, needMore }

    /// Parses one record from `position`; on `.needMore` nothing is consumed.
    private mutating func parseRecord() throws(CSV.SyntaxError) -> Outcome {
        scratch.removeAll(keepingCapacity: true)
        fieldStarts.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        if position >= filled { return atEOF ? .end : .needMore }
        if let outcome = parsePlainRecord() { return outcome }
        fieldsInBuffer = false
        fieldStarts.append(0)
        var i = position
        var lines = 0
        var inQuotes = false
        var quoted = false
        var fieldStart = 0
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        while i < filled {
            let b = buffer[i]
            if inQuotes {
                if b == quote {
                    if i + 1 >= filled && !atEOF { return .needMore }
                    if i + 1 < filled && buffer[i + 1] == quote { scratch.append(quote); i += 2; continue }
                    inQuotes = false
                } else {
                    if b == lf { lines += 1 }
                    scratch.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case comma:
                fieldEnds.append(scratch.count)
                fieldStarts.append(scratch.count)
                fieldStart = scratch.count
                quoted = false
            case quote:
                guard scratch.count == fieldStart && !quoted else {
                    throw CSV.SyntaxError(line: physicalLine + lines, message: "a quote inside an unquoted field (quote the whole field)")
                }
                inQuotes = true
                quoted = true
            case cr where i + 1 < filled && buffer[i + 1] == lf:
                break
            case cr where i + 1 >= filled && !atEOF:
                return .needMore
            case lf:
                fieldEnds.append(scratch.count)
                return finishRecord(next: i + 1, lines: lines + 1)
            default:
                if quoted { throw CSV.SyntaxError(line: physicalLine + lines, message: "text after a closing quote") }
                scratch.append(b)
            }
            i += 1
        }
        guard atEOF else { return .needMore }
        if inQuotes { throw CSV.SyntaxError(line: physicalLine, message: "unterminated quoted field") }
        fieldEnds.append(scratch.count)
        return finishRecord(next: filled, lines: 0)
    }

    /// The common record: no quote, and no carriage return but one just before its line feed.
    /// Its fields are read where they are in the buffer, not copied; nil (nothing consumed) for
    /// any other record, which ``parseRecord()`` reads byte by byte.
    private mutating func parsePlainRecord() -> Outcome? {
        let start = position, end = filled
        let comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r")
        var next: Int?
        // Local arrays, moved back after: the closure then captures no part of `self`.
        var starts = fieldStarts, ends = fieldEnds
        fieldStarts = []
        fieldEnds = []
        buffer.withUnsafeBufferPointer { buf in
            var fieldStart = start
            var i = start
            while i < end {
                let b = buf[i]
                // (One comparison rejects most bytes: every special byte is below 0x2D.)
                if b <= comma {
                    // A record ends at LF or CR LF (RFC 4180, as our writers end lines).
                    let crlf = b == cr && i + 1 < end && buf[i + 1] == lf
                    if b == comma || b == lf || crlf {
                        starts.append(fieldStart)
                        ends.append(i)
                        fieldStart = i + 1
                        if b != comma { next = i + (crlf ? 2 : 1); return }
                    } else if b == quote || b == cr {
                        return
                    }
                }
                i += 1
            }
        }
        if next == nil {
            starts.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
        }
        fieldStarts = starts
        fieldEnds = ends
        guard let next else { return nil }
        fieldsInBuffer = true
        return finishRecord(next: next, lines: 1)
    }

    private mutating func finishRecord(next: Int, lines: Int) -> Outcome {
        line = physicalLine
        physicalLine += lines
        position = next
        if fieldEnds.count == 1 && fieldStarts[0] == fieldEnds[0] { return .blank }
        return .record
    }

    /// Moves the unread bytes to the front and reads more; grows the buffer for a record longer
    /// than it. Returns false at the end of the input.
    private mutating func refill() -> Bool {
        if atEOF { return false }
        let unread = filled - position
        if position > 0 {
            buffer.withUnsafeMutableBytes { raw in
                let base = raw.baseAddress!
                memmove(base, base + position, unread)
            }
            position = 0
            filled = unread
        }
        if filled == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
        // Fill the whole free space before the record is parsed again: a pipe hands over 64 KiB
        // a read, and re-parsing a long record after each would cost its length squared.
        let before = filled
        while filled < buffer.count {
            let n = readSome(at: filled)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { atEOF = true; break }
            // A byte-order mark at the very start is not part of the first field.
            if filled == 0 && physicalLine == 1 && line == 0 && n >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
                position = 3
            }
            filled += n
        }
        return filled > before || !atEOF
    }
}

extension CSVStreamReader {
    /// Reads into `buffer[at...]`: the file's bytes, or the decompressed ones of a gzip stream
    /// (told from the first bytes read). A gzip problem ends the input and is kept for ``next()``.
    fileprivate mutating func readSome(at offset: Int) -> Int {
        if gzip != nil {
            let decoder = gzip!
            let result: Result<Int, GzipDecoder.Failure> = buffer.withUnsafeMutableBytes { raw in
                Result { () throws(GzipDecoder.Failure) -> Int in try decoder.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[offset...])) }
            }
            switch result {
            case .success(let n): return n
            case .failure(let failure):
                gzipFailure = failure.message
                return 0
            }
        }
        let fd = self.fd
        let n = buffer.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress! + offset, raw.count - offset) }
        guard !sniffed else { return n }
        sniffed = true
        guard n >= 2, buffer[offset] == 0x1F, buffer[offset + 1] == 0x8B else { return n }
        // A gzip stream: the bytes already read come first, then the rest of the file.
        let first = Array(buffer[offset..<(offset + n)])
        var pending = first[...]
        gzip = GzipDecoder { destination in
            if !pending.isEmpty {
                let k = min(destination.count, pending.count)
                pending.withUnsafeBytes { destination.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: k) }
                pending = pending.dropFirst(k)
                return k
            }
            while true {
                let r = read(fd, destination.baseAddress!, destination.count)
                if r < 0 && errno == EINTR { continue }
                return max(0, r)
            }
        }
        return readSome(at: offset)
    }
}

/// Number and text helpers that work on bytes, so big tables are read without a `String` per cell.
public enum ByteParsing {
    /// The bytes without spaces and tabs at either end.
    package static func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var s = 0, e = b.count
        while s < e && (b[s] == 0x20 || b[s] == 0x09) { s += 1 }
        while e > s && (b[e - 1] == 0x20 || b[e - 1] == 0x09) { e -= 1 }
        return UnsafeBufferPointer(rebasing: b[s..<e])
    }

    /// A decimal number (`-12`, `3.25`, `1e-3`, `1,651.0`), or nil. Thousands separators are
    /// dropped only between digits.
    package static func number(_ b: UnsafeBufferPointer<UInt8>, thousands: Bool = true) -> Double? {
        guard !b.isEmpty else { return nil }
        // Fast path: optional sign, digits, optional fraction, no exponent, at most 15 digits.
        var i = 0
        var negative = false
        if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") { negative = b[0] == UInt8(ascii: "-"); i = 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        var simple = i < b.count
        while i < b.count {
            let c = b[i]
            if c >= 0x30 && c <= 0x39 {
                mantissa = mantissa &* 10 &+ UInt64(c - 0x30)
                digits += 1
                if seenPoint { fractionDigits += 1 }
            } else if c == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
            } else if thousands && c == UInt8(ascii: ",") && !seenPoint && digits > 0 && i + 1 < b.count && b[i + 1] >= 0x30 && b[i + 1] <= 0x39 {
                // a thousands separator
            } else {
                simple = false
                break
            }
            i += 1
        }
        if simple && digits > 0 && digits <= 15 {
            let x = Double(mantissa) / powersOfTen[fractionDigits]
            return negative ? -x : x
        }
        // Anything else (exponents, long mantissas, inf/nan words) goes through the standard parser.
        var text = String(decoding: b, as: UTF8.self)
        if thousands && text.contains(",") { text.removeAll { $0 == "," } }
        guard let x = Double(text), x.isFinite else { return nil }
        return x
    }

    private static let powersOfTen: [Double] = (0...16).map { pow(10, Double($0)) }
}
