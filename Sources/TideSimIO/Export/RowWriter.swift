import TideSimEngine
import TideSimModel
import TideSimCore
@_spi(RawBytes) import TideSimBuffers
/// Where the cells of a table's rows go. A table defines its rows once (``CSVRows``), against
/// this protocol, and the one definition gives both its text rows (``TextRowWriter``, for tests
/// and stacked tables) and its bytes (``ByteRowWriter``, for files: digits written straight into
/// the sink, no `String` per cell).
protocol RowWriter {
    mutating func int(_ n: Int)
    /// A number, shortest round trip; an empty cell for nil or NaN.
    mutating func number(_ x: Double?)
    /// A text cell (quoted where CSV needs it).
    mutating func text(_ s: String)
    /// A clock time of the run as ``formatRunTime(_:days:)`` writes it; an empty cell for nil.
    mutating func runTime(_ t: Double?, days: Int)
    /// `HH:MM:SS` of a second of the day.
    mutating func clock(secondOfDay s: Int)
    /// `HH:MM` of a minute of the day.
    mutating func clock(minuteOfDay m: Int)
    /// Text cells used on many rows, quoted once.
    mutating func text(_ cells: borrowing PreparedCells)
    /// The cells every following row begins with (until the next call), written once by `cells`:
    /// a time series' replication, day and minute, the same on every row of a sample.
    mutating func rowPrefix(_ cells: (inout Self) -> Void)
    mutating func endRow()
}

/// Text cells quoted once for a whole table (a zone's id and kind on every sample of a time
/// series).
struct PreparedCells {
    let texts: [String]
    /// The cells as CSV bytes with their commas (quoted, and neutralised for spreadsheets when asked).
    let bytes: [UInt8]

    init(_ texts: [String], spreadsheetSafe: Bool) {
        self.texts = texts
        bytes = Array(texts.map { CSV.escape(spreadsheetSafe ? CSV.spreadsheetSafe($0) : $0) }.joined(separator: ",").utf8)
    }
}

/// The rows of a table, defined once.
protocol CSVRows {
    /// Writes every row, in order.
    func write<W: RowWriter>(into w: inout W)
}

/// Rows as arrays of strings, each handed to `emit` at its end.
struct TextRowWriter: RowWriter {
    private var cells: [String] = []
    private var prefix: [String] = []
    private let emit: ([String]) -> Void

    init(_ emit: @escaping ([String]) -> Void) { self.emit = emit }

    mutating func int(_ n: Int) { cells.append(String(n)) }
    mutating func number(_ x: Double?) { cells.append(x.map { $0.isNaN ? "" : JSONWriter.format($0) } ?? "") }
    mutating func text(_ s: String) { cells.append(s) }
    mutating func runTime(_ t: Double?, days: Int) { cells.append(t.map { formatRunTime($0, days: days) } ?? "") }
    mutating func clock(secondOfDay s: Int) { cells.append(formatClock(s) + ":" + (s % 60 < 10 ? "0" : "") + String(s % 60)) }
    mutating func clock(minuteOfDay m: Int) { cells.append(formatClock(m * 60)) }
    mutating func text(_ prepared: borrowing PreparedCells) { cells.append(contentsOf: prepared.texts) }
    mutating func rowPrefix(_ write: (inout TextRowWriter) -> Void) {
        var inner = TextRowWriter { _ in }
        write(&inner)
        prefix = inner.cells
        cells = prefix
    }
    mutating func endRow() {
        emit(cells)
        cells.removeAll(keepingCapacity: true)
        cells.append(contentsOf: prefix)
    }
}

/// Rows as CSV bytes into a sink, each after a lead (the cells a stacked table puts in front,
/// with their commas). The sink shares its buffer with the caller's (``ByteSink``); the caller
/// takes `sink` back at the end for its counts.
struct ByteRowWriter: RowWriter {
    var sink: ByteSink
    private let lead: [UInt8]
    private var rowStarted = false
    /// The lead and the row prefix's cells as bytes, written at the start of every row.
    private var prefix: [UInt8] = []
    private var hasPrefixCells = false

    init(_ sink: ByteSink, lead: [UInt8]) {
        self.sink = sink
        self.lead = lead
    }

    /// The lead before a row's first cell, a comma before every other.
    @inline(__always) private mutating func separate() {
        if rowStarted { sink.append(byte: 44); return }
        rowStarted = true
        if hasPrefixCells {
            sink.append(prefix)
            sink.append(byte: 44)
        } else if !lead.isEmpty {
            sink.append(lead)
        }
    }

    @inline(__always) private mutating func twoDigits(_ n: Int) {
        sink.append(byte: 48 + UInt8(n / 10))
        sink.append(byte: 48 + UInt8(n % 10))
    }

    @inline(__always)
    mutating func int(_ n: Int) { separate(); sink.append(int: n) }
    @inline(__always)
    mutating func number(_ x: Double?) { separate(); if let x, !x.isNaN { sink.append(number: x) } }
    mutating func text(_ s: String) { separate(); sink.field(s) }
    mutating func runTime(_ t: Double?, days: Int) { separate(); if let t { sink.append(runTime: t, days: days) } }
    mutating func clock(secondOfDay s: Int) {
        separate()
        twoDigits(s / 3600); sink.append(byte: 58); twoDigits(s % 3600 / 60); sink.append(byte: 58); twoDigits(s % 60)
    }
    mutating func clock(minuteOfDay m: Int) {
        separate()
        twoDigits(m / 60); sink.append(byte: 58); twoDigits(m % 60)
    }
    @inline(__always)
    mutating func text(_ prepared: borrowing PreparedCells) { separate(); sink.append(prepared.bytes) }
    mutating func rowPrefix(_ write: (inout ByteRowWriter) -> Void) {
        // Room for the lead and a few numbers: the scratch sink must never flush (it has no file).
        var inner = ByteRowWriter(.scratch(capacity: lead.count + 512, spreadsheetSafe: sink.spreadsheetSafe), lead: lead)
        write(&inner)
        prefix = inner.sink.takePendingBytes()
        hasPrefixCells = true
    }
    @inline(__always)
    mutating func endRow() {
        sink.endRow()
        rowStarted = false
    }
}

extension CSVTable {
    /// A table whose rows are defined once: its text rows and its bytes both come from `rows`.
    init<Rows: CSVRows>(name: String, header: [String], rows: Rows) {
        self.init(name: name, header: header, forEachRow: { emit in
            withoutActuallyEscaping(emit) { emit in
                var w = TextRowWriter(emit)
                rows.write(into: &w)
            }
        }, writeRows: { sink, lead in
            var w = ByteRowWriter(sink, lead: lead)
            rows.write(into: &w)
            sink = w.sink
        })
    }
}
