import TideSim

/// A plain-text table with a header row: the first column left-aligned, the others right-aligned.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// Columns to align left (besides the first).
    var leftAligned: Set<Int> = [0]

    init(header: [String], leftAligned: Set<Int> = [0]) {
        self.header = header
        self.leftAligned = leftAligned
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    func render(indent: Int = 2) -> String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        let pad = String(repeating: " ", count: indent)
        return all.map { row in
            var cells: [String] = []
            for c in header.indices {
                let cell = c < row.count ? row[c] : ""
                let space = String(repeating: " ", count: widths[c] - cell.count)
                cells.append(leftAligned.contains(c) ? cell + space : space + cell)
            }
            var line = pad + cells.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n"
    }
}

/// The CLI's name for the library's number formatting.
typealias Format = NumberFormat
