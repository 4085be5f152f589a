/// A growable run of bytes in raw memory owned by one object: appending is a copy into it, with
/// no array append path or copy-on-write check per piece. For writers that build a document out
/// of many small pieces (``JSONWriter``). Copies of a value holding it share the bytes.
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
        var bigger = capacity * 2
        while bigger < needed { bigger *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = bigger
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
        var v = value.magnitude
        if value < 0 { base[count] = UInt8(ascii: "-"); count &+= 1 }
        var digits = 1, t = v
        while t >= 10 { t /= 10; digits &+= 1 }
        var i = count &+ digits
        repeat { i &-= 1; base[i] = UInt8(truncatingIfNeeded: 48 &+ v % 10); v /= 10 } while v > 0
        count &+= digits
    }

    /// Appends a number as ``JSONWriter/format(_:)`` writes it, without a String: `null` when not
    /// finite, whole numbers as digits, others in their shortest round-trip form.
    @inline(__always) func append(number x: Double) {
        guard x.isFinite else { for b in "null".utf8 { append(b) }; return }
        if x == x.rounded() && abs(x) < 1e15 { append(int: Int(x)) } else { append(shortest: x) }
    }

    /// The bytes as UTF-8 text.
    var string: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }
}

extension ByteBuffer {
    /// Appends a number's shortest round-trip form, exactly as `"\(x)"` writes it, without making
    /// a String: the standard library formats the digits into a stack buffer and hands them to
    /// ``ASCIIStream/_writeASCII(_:)``.
    func append(shortest x: Double) {
        var stream = ASCIIStream(buffer: self)
        x.write(to: &stream)
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
