/// A streaming gzip decoder (RFC 1952 members holding RFC 1951 DEFLATE data), ours: no system
/// library a fresh machine may lack. It reads compressed bytes from a source as it needs them
/// and hands out the decompressed bytes in the order asked, keeping only the 32 KiB window that
/// back-references reach, so a gigabyte of trips is read in bounded memory. Concatenated members
/// (what `cat a.gz b.gz` makes) are read one after another; each member's CRC-32 and length are
/// checked.
final class GzipDecoder {
    /// A problem in the stream, said in words.
    struct Failure: Error, Equatable {
        let message: String
    }

    /// Fills the buffer with compressed bytes and returns how many (0 at the end).
    private let source: (UnsafeMutableRawBufferPointer) -> Int
    private var input = [UInt8](repeating: 0, count: 1 << 16)
    private var inputPosition = 0, inputEnd = 0, inputEOF = false
    private var bits: UInt64 = 0
    private var bitCount = 0

    /// Decoded bytes, `output[0..<count]`; `output[served..<count]` are not yet handed out. The
    /// last 32 KiB stay for back-references when the rest is dropped. Raw memory: a byte is a
    /// store, with no array bounds or uniqueness check (a step writes at most 64 KiB + 258).
    private static let capacity = 1 << 21
    private let output = UnsafeMutablePointer<UInt8>.allocate(capacity: GzipDecoder.capacity)
    private var count = 0
    private var served = 0

    private enum State { case header, blockHeader, stored(remaining: Int), huffman, trailer, end }
    private var outputFloor = 0
    private var state = State.header
    private var lastBlock = false
    private var literals = HuffmanTable.empty, distances = HuffmanTable.empty
    private var crc: UInt32 = 0xFFFF_FFFF
    private var memberLength: UInt32 = 0
    private var members = 0

    init(source: @escaping (UnsafeMutableRawBufferPointer) -> Int) {
        self.source = source
    }

    deinit { output.deallocate() }

    /// Whether bytes start a gzip member (the magic number 1F 8B).
    static func isGzip(_ bytes: UnsafeRawBufferPointer) -> Bool { bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B }

    /// Copies decoded bytes into `destination`; 0 at the end of the last member.
    func read(into destination: UnsafeMutableRawBufferPointer) throws(Failure) -> Int {
        while count - served == 0 {
            if case .end = state { return 0 }
            if count > 1 << 20 {
                // Keep only the window back-references can reach (all else is served).
                let drop = count - (1 << 15)
                output.update(from: output + drop, count: 1 << 15)
                count -= drop
                served -= drop
                outputFloor = max(0, outputFloor - drop)
            }
            try step()
        }
        let n = min(destination.count, count - served)
        destination.baseAddress!.copyMemory(from: output + served, byteCount: n)
        served += n
        return n
    }

    // MARK: - Decoding

    /// Decodes a piece: a header, a block header, or up to 64 KiB of a block.
    private func step() throws(Failure) {
        switch state {
        case .header:
            try readHeader()
        case .blockHeader:
            lastBlock = try take(1) == 1
            switch try take(2) {
            case 0:
                dropToByte()
                let length = try take(16), complement = try take(16)
                guard length == ~complement & 0xFFFF else { throw Failure(message: "a stored block's length does not match its complement") }
                state = .stored(remaining: Int(length))
            case 1:
                (literals, distances) = (HuffmanTable.fixedLiterals, HuffmanTable.fixedDistances)
                state = .huffman
            case 2:
                try readDynamicTables()
                state = .huffman
            default:
                throw Failure(message: "a block of the reserved type 3")
            }
        case .stored(let remaining):
            let n = min(remaining, 1 << 16)
            let start = count
            for _ in 0..<n { output[count] = UInt8(try take(8)); count += 1 }
            updateCRC(from: start)
            state = remaining - n > 0 ? .stored(remaining: remaining - n) : endOfBlock()
        case .huffman:
            let start = count
            while count - start < 1 << 16 {
                let symbol = try decode(literals)
                if symbol < 256 {
                    output[count] = UInt8(truncatingIfNeeded: symbol)
                    count += 1
                } else if symbol == 256 {
                    state = endOfBlock()
                    break
                } else {
                    let li = symbol - 257
                    guard li < 29 else { throw Failure(message: "an invalid length code \(symbol)") }
                    let length = Int(Deflate.lengthBase[li]) + Int(try take(Int(Deflate.lengthExtra[li])))
                    let di = try decode(distances)
                    guard di < 30 else { throw Failure(message: "an invalid distance code \(di)") }
                    let distance = Int(Deflate.distanceBase[di]) + Int(try take(Int(Deflate.distanceExtra[di])))
                    guard distance <= count - outputFloor else { throw Failure(message: "a distance of \(distance) reaches before the start of the data") }
                    // Byte by byte: a copy may overlap what it writes (distance < length repeats).
                    var from = output + (count - distance), to = output + count
                    for _ in 0..<length { to.pointee = from.pointee; to += 1; from += 1 }
                    count += length
                }
            }
            updateCRC(from: start)
        case .trailer:
            dropToByte()
            let crcLow = try take(16), crcHigh = try take(16), lengthLow = try take(16), lengthHigh = try take(16)
            let expectedCRC = crcLow | crcHigh << 16, expectedLength = lengthLow | lengthHigh << 16
            guard expectedCRC == ~crc else { throw Failure(message: "the CRC-32 of member \(members) does not match its data (a corrupt file)") }
            guard expectedLength == memberLength else { throw Failure(message: "member \(members) holds \(memberLength) bytes, its trailer says \(expectedLength)") }
            state = try atEnd() ? .end : .header
        case .end:
            return
        }
    }


    private func endOfBlock() -> State { lastBlock ? .trailer : .blockHeader }

    private func readHeader() throws(Failure) {
        let id1 = try take(8), id2 = try take(8)
        guard id1 == 0x1F && id2 == 0x8B else {
            throw Failure(message: members == 0 ? "not a gzip file" : "data after member \(members) that is not another gzip member")
        }
        guard try take(8) == 8 else { throw Failure(message: "a compression method other than DEFLATE") }
        let flags = try take(8)
        guard flags & 0xE0 == 0 else { throw Failure(message: "reserved header flags are set") }
        for _ in 0..<6 { _ = try take(8) }   // modification time, extra flags, operating system
        if flags & 0x04 != 0 { let n = try take(16); for _ in 0..<n { _ = try take(8) } }   // FEXTRA
        if flags & 0x08 != 0 { while try take(8) != 0 {} }   // FNAME
        if flags & 0x10 != 0 { while try take(8) != 0 {} }   // FCOMMENT
        if flags & 0x02 != 0 { _ = try take(16) }   // FHCRC
        members += 1
        crc = 0xFFFF_FFFF
        memberLength = 0
        outputFloor = count
        state = .blockHeader
    }

    private func readDynamicTables() throws(Failure) {
        let literalCount = Int(try take(5)) + 257, distanceCount = Int(try take(5)) + 1, codeCount = Int(try take(4)) + 4
        guard literalCount <= 286, distanceCount <= 30 else { throw Failure(message: "too many literal or distance codes") }
        var codeLengths = [UInt8](repeating: 0, count: 19)
        for i in 0..<codeCount { codeLengths[Int(Deflate.codeLengthOrder[i])] = UInt8(try take(3)) }
        guard let codeTable = HuffmanTable(lengths: codeLengths) else { throw Failure(message: "an invalid code-length code") }
        var lengths: [UInt8] = []
        lengths.reserveCapacity(literalCount + distanceCount)
        while lengths.count < literalCount + distanceCount {
            let symbol = try decode(codeTable)
            switch symbol {
            case 0..<16: lengths.append(UInt8(symbol))
            case 16:
                guard let last = lengths.last else { throw Failure(message: "a repeat with no length before it") }
                lengths += repeatElement(last, count: 3 + Int(try take(2)))
            case 17: lengths += repeatElement(0, count: 3 + Int(try take(3)))
            default: lengths += repeatElement(0, count: 11 + Int(try take(7)))
            }
        }
        guard lengths.count == literalCount + distanceCount, lengths[256] > 0 else { throw Failure(message: "invalid code lengths") }
        guard let l = HuffmanTable(lengths: Array(lengths[..<literalCount])), let d = HuffmanTable(lengths: Array(lengths[literalCount...]), allowEmpty: true) else {
            throw Failure(message: "an invalid Huffman code")
        }
        (literals, distances) = (l, d)
    }

    private func updateCRC(from start: Int) {
        crc = CRC32.update(crc, UnsafeBufferPointer(start: output + start, count: count - start)[...])
        memberLength &+= UInt32(truncatingIfNeeded: count - start)
    }

    // MARK: - Bits

    /// The next `n` bits (n ≤ 32), least significant first.
    @inline(__always) private func take(_ n: Int) throws(Failure) -> UInt32 {
        if bitCount < n { try fill(n) }
        let value = UInt32(truncatingIfNeeded: bits & ((1 << UInt64(n)) - 1))
        bits >>= UInt64(n)
        bitCount -= n
        return value
    }

    private func fill(_ n: Int) throws(Failure) {
        while bitCount < n {
            if inputPosition == inputEnd {
                guard try refill() else { throw Failure(message: "the file ends in the middle of a gzip member (truncated)") }
            }
            bits |= UInt64(input[inputPosition]) << UInt64(bitCount)
            inputPosition += 1
            bitCount += 8
        }
    }

    private func refill() throws(Failure) -> Bool {
        if inputEOF { return false }
        let n = input.withUnsafeMutableBytes { source($0) }
        if n <= 0 { inputEOF = true; return false }
        inputPosition = 0
        inputEnd = n
        return true
    }

    private func dropToByte() {
        let drop = bitCount % 8
        bits >>= UInt64(drop)
        bitCount -= drop
    }

    /// Whether nothing follows (a trailing run of zero bytes, as some tools pad, counts as nothing).
    private func atEnd() throws(Failure) -> Bool {
        if bitCount > 0 { return false }
        while true {
            if inputPosition == inputEnd { guard try refill() else { return true } }
            if input[inputPosition] != 0 { return false }
            inputPosition += 1
        }
    }

    /// One symbol of a Huffman code, by table lookup on the next bits.
    @inline(__always) private func decode(_ table: HuffmanTable) throws(Failure) -> Int {
        if bitCount < table.maxBits {
            // Near the end of the data there may be fewer bits left than the longest code.
            while bitCount < table.maxBits {
                if inputPosition == inputEnd { guard try refill() else { break } }
                bits |= UInt64(input[inputPosition]) << UInt64(bitCount)
                inputPosition += 1
                bitCount += 8
            }
        }
        let entry = table.entries[Int(bits & UInt64(table.mask))]
        let length = Int(entry & 0xF)
        guard length > 0, length <= bitCount else {
            throw Failure(message: length == 0 ? "an invalid Huffman code in the data" : "the file ends in the middle of a gzip member (truncated)")
        }
        bits >>= UInt64(length)
        bitCount -= length
        return Int(entry >> 4)
    }
}

/// A canonical Huffman code as a lookup table indexed by the next `maxBits` bits (reversed, as
/// DEFLATE packs codes): each entry is `symbol << 4 | length` (length 0 for no code).
struct HuffmanTable {
    let entries: [UInt32]
    let maxBits: Int
    var mask: UInt32 { (1 << UInt32(maxBits)) - 1 }

    static let empty = HuffmanTable(entries: [0, 0], maxBits: 1)

    private init(entries: [UInt32], maxBits: Int) {
        self.entries = entries
        self.maxBits = maxBits
    }

    /// The code of the code lengths (0: no code); nil when they over-subscribe the code space,
    /// or, unless `allowEmpty`, describe no code at all. An incomplete code is allowed (RFC 1951
    /// permits one distance code of length 1), its unused entries left empty.
    init?(lengths: [UInt8], allowEmpty: Bool = false) {
        let maxBits = Int(lengths.max() ?? 0)
        if maxBits == 0 {
            guard allowEmpty else { return nil }
            self = .empty
            return
        }
        var counts = [Int](repeating: 0, count: 16)
        for l in lengths where l > 0 { counts[Int(l)] += 1 }
        var left = 1
        for bits in 1...15 {
            left = left * 2 - counts[bits]
            if left < 0 { return nil }
        }
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for bits in 1...15 {
            code = (code + counts[bits - 1]) << 1
            next[bits] = code
        }
        var entries = [UInt32](repeating: 0, count: 1 << maxBits)
        for (symbol, l) in lengths.enumerated() where l > 0 {
            let length = Int(l)
            var reversed = 0, c = next[length]
            next[length] += 1
            for _ in 0..<length { reversed = reversed << 1 | (c & 1); c >>= 1 }
            // Every index whose low `length` bits are the reversed code.
            var i = reversed
            while i < entries.count {
                entries[i] = UInt32(symbol) << 4 | UInt32(length)
                i += 1 << length
            }
        }
        self.init(entries: entries, maxBits: maxBits)
    }

    static let fixedLiterals = HuffmanTable(lengths: (0..<288).map { $0 < 144 ? 8 : ($0 < 256 ? 9 : ($0 < 280 ? 7 : 8)) })!
    static let fixedDistances = HuffmanTable(lengths: [UInt8](repeating: 5, count: 30))!
}

/// DEFLATE's constant tables (RFC 1951 section 3.2.5).
enum Deflate {
    static let lengthBase: [UInt16] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase: [UInt16] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                                         4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra: [UInt8] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    static let codeLengthOrder: [UInt8] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
}

/// CRC-32 (IEEE 802.3, reflected, as gzip uses), by a byte table.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// Continues a running CRC (start with 0xFFFFFFFF, finish with its complement).
    static func update(_ crc: UInt32, _ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> UInt32 {
        var c = crc
        table.withUnsafeBufferPointer { t in
            for b in bytes { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        }
        return c
    }
}
