/// A growable run of bytes in raw memory owned by one object: appending is a copy into it, with
/// no array append path or copy-on-write check per piece. For writers that build a file out of
/// many small pieces (``JSONWriter``, ``ByteSink``). Copies of a value holding it share the bytes.
final class ByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Room for `n` more bytes.
    @inline(__always) private func reserve(_ n: Int) {
        if count &+ n > capacity { grow(to: count + n) }
    }

    private func grow(to needed: Int) {
        (base, capacity) = base.movedToLarger(count: count, capacity: capacity, toHold: needed)
    }

    @inline(__always) func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count &+= 1
    }

    @inline(__always) func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count &+= bytes.count
    }

    /// Appends raw bytes (a copy of memory, whatever type it holds).
    @inline(__always) func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress else { return }
        reserve(bytes.count)
        UnsafeMutableRawPointer(base + count).copyMemory(from: source, byteCount: bytes.count)
        count &+= bytes.count
    }

    /// Forgets the bytes, keeping the memory.
    func removeAll() { count = 0 }

    /// Appends a whole number in decimal.
    @inline(__always) func append(int value: Int) {
        reserve(20)
        var p = base + count
        if value < 0 { p.pointee = UInt8(ascii: "-"); p += 1 }
        let v = UInt64(value.magnitude), n = ShortestDecimal.digitCount(v)
        ShortestDecimal.writeDigits(v, count: n, to: p)
        count = p + n - base
    }

    /// Appends a number as ``JSONWriter/format(_:)`` writes it, without a String: `null` when not
    /// finite, whole numbers as digits, others in their shortest round-trip form.
    @inline(__always) func append(number x: Double) {
        guard x.isFinite else { for b in "null".utf8 { append(b) }; return }
        // Whole (and below 1e15): digits. Int(x) truncates; equal back means nothing was cut.
        if abs(x) < 1e15, Double(Int(x)) == x { append(int: Int(x)) } else { append(shortest: x) }
    }

    /// The bytes as UTF-8 text.
    var string: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }
}

extension ByteBuffer {
    /// Appends a number's shortest round-trip form, exactly as `"\(x)"` writes it, without making
    /// a String: the standard library formats the digits into a stack buffer and hands them to
    /// ``ASCIIStream/_writeASCII(_:)``.
    func append(shortest x: Double) {
        if appendShortestDecimal(x) { return }
        var stream = ASCIIStream(buffer: self)
        x.write(to: &stream)
    }

    /// Appends `x` as `description` writes it; false (nothing written) outside the range that
    /// ``ShortestDecimal`` serves.
    @inline(__always)
    func appendShortestDecimal(_ x: Double) -> Bool {
        guard let (d, k) = ShortestDecimal.digits(x) else { return false }
        reserve(48)
        var p = base + count
        if x < 0 { p.pointee = UInt8(ascii: "-"); p += 1 }
        let n = ShortestDecimal.digitCount(d)
        if n <= k {
            // 0.000ddd
            p[0] = UInt8(ascii: "0"); p[1] = UInt8(ascii: ".")
            p += 2
            for i in 0..<(k &- n) { p[i] = UInt8(ascii: "0") }
            p += k &- n
            ShortestDecimal.writeDigits(d, count: n, to: p)
            p += n
        } else {
            // iii.fff: the whole part, the point, then k digits.
            let whole = d / ShortestDecimal.powerOfTen(k)
            ShortestDecimal.writeDigits(whole, count: n &- k, to: p)
            p += n &- k
            p.pointee = UInt8(ascii: ".")
            ShortestDecimal.writeDigits(d &- whole &* ShortestDecimal.powerOfTen(k), count: k, to: p + 1)
            p += k &+ 1
        }
        count = p - base
        return true
    }

    /// A text stream into the buffer.
    struct ASCIIStream: TextOutputStream {
        let buffer: ByteBuffer

        mutating func write(_ string: String) {
            var string = string
            string.withUTF8 { buffer.append($0) }
        }

        mutating func _writeASCII(_ bytes: UnsafeBufferPointer<UInt8>) { buffer.append(bytes) }
    }
}
