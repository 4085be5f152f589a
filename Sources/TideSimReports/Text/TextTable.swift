import TideSimIO
import TideSimEngine
import TideSimModel
import TideSimCore

/// A plain-text table with a header row: the first column left-aligned, the others right-aligned.
/// Columns are measured in terminal cells, so Chinese (and other wide) names line up, and control
/// characters in cells (an ANSI escape in a zone name) are shown escaped, never sent to the terminal.
package struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// Columns to align left (besides the first).
    var leftAligned: Set<Int> = [0]

    package init(header: [String], leftAligned: Set<Int> = [0]) {
        self.header = header
        self.leftAligned = leftAligned
    }

    package mutating func add(_ row: [String]) { rows.append(row) }

    package func render(indent: Int = 2) -> String {
        let all = ([header] + rows).map { $0.map(Terminal.safe) }
        let widths = header.indices.map { c in all.map { c < $0.count ? Terminal.width($0[c]) : 0 }.max() ?? 0 }
        let pad = String(repeating: " ", count: indent)
        return all.map { row in
            var cells: [String] = []
            for c in header.indices {
                let cell = c < row.count ? row[c] : ""
                let space = String(repeating: " ", count: widths[c] - Terminal.width(cell))
                cells.append(leftAligned.contains(c) ? cell + space : space + cell)
            }
            var line = pad + cells.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n"
    }
}

/// What text looks like on a terminal.
package enum Terminal {
    /// Display width in terminal cells: East Asian wide and fullwidth characters take two,
    /// combining marks and zero-width characters none, everything else one.
    static func width(_ s: String) -> Int {
        var w = 0
        for u in s.unicodeScalars { w += width(u) }
        return w
    }

    static func width(_ u: Unicode.Scalar) -> Int {
        let v = u.value
        if v == 0 { return 0 }
        if (0x0300...0x036F).contains(v) || (0x200B...0x200F).contains(v) || (0xFE00...0xFE0F).contains(v) || v == 0x20E3 { return 0 }
        let wide: [ClosedRange<UInt32>] = [0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
                                           0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
                                           0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD]
        return wide.contains { $0.contains(v) } ? 2 : 1
    }

    /// Text safe to print: control characters (C0, DEL, C1) written as `\u{1B}`.
    static func safe(_ s: String) -> String { Quote.escapingControls(s) }

    /// A whole report made safe to print: like ``safe(_:)`` but keeping newlines and tabs.
    package static func printable(_ s: String) -> String { Quote.escapingControls(s, keeping: ["\n", "\t"]) }
}

