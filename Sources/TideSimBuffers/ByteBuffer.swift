/// A growable run of bytes in raw memory owned by one object: appending is a copy into it, with
/// no array append path or copy-on-write check per piece. For writers that build a file out of
/// many small pieces (`JSONWriter`, `ByteSink`). Copies of a value holding it share the bytes.
///
/// The appends are `@inlinable public` (the writers call them from another module, and only
/// public inlinable code is inlined there), on storage without run-time exclusivity checks (one
/// writer owns a buffer). What takes or gives raw memory is SPI (`@_spi(RawBytes)`): no pointer
/// is part of the public API.
public final class ByteBuffer {
    @usableFromInline @exclusivity(unchecked) var storage: UnsafeMutablePointer<UInt8>
    @usableFromInline @exclusivity(unchecked) var used = 0
    @usableFromInline @exclusivity(unchecked) var capacity: Int

    public init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 16)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    /// The bytes written.
    @inlinable public var count: Int { used }

    /// Where the bytes are (valid until the next append).
    @_spi(RawBytes) @inlinable public var base: UnsafeMutablePointer<UInt8> { storage }

    /// Room for `n` more bytes.
    @inlinable @inline(__always) func reserve(_ n: Int) {
        if used &+ n > capacity { grow(to: used + n) }
    }

    @usableFromInline func grow(to needed: Int) {
        (storage, capacity) = storage.movedToLarger(count: used, capacity: capacity, toHold: needed)
    }

    @inlinable @inline(__always) public func append(_ byte: UInt8) {
        reserve(1)
        storage[used] = byte
        used &+= 1
    }

    @_spi(RawBytes) @inlinable @inline(__always) public func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        reserve(bytes.count)
        (storage + used).update(from: source, count: bytes.count)
        used &+= bytes.count
    }

    /// Appends raw bytes (a copy of memory, whatever type it holds).
    @_spi(RawBytes) @inlinable @inline(__always) public func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress else { return }
        reserve(bytes.count)
        UnsafeMutableRawPointer(storage + used).copyMemory(from: source, byteCount: bytes.count)
        used &+= bytes.count
    }

    /// Appends the UTF-8 of a text.
    public func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Forgets the bytes, keeping the memory.
    public func removeAll() { used = 0 }

    /// Appends a whole number in decimal.
    @inlinable @inline(__always) public func append(int value: Int) {
        reserve(20)
        var p = storage + used
        if value < 0 { p.pointee = UInt8(ascii: "-"); p += 1 }
        let v = UInt64(value.magnitude), n = ShortestDecimal.digitCount(v)
        ShortestDecimal.writeDigits(v, count: n, to: p)
        used = p + n - storage
    }

    /// Appends a number as `JSONWriter.format(_:)` writes it, without a String: `null` when not
    /// finite, whole numbers as digits, others in their shortest round-trip form.
    @inlinable @inline(__always) public func append(number x: Double) {
        guard x.isFinite else { for b in "null".utf8 { append(b) }; return }
        // Whole (and below 1e15): digits. Int(x) truncates; equal back means nothing was cut.
        if abs(x) < 1e15, Double(Int(x)) == x { append(int: Int(x)) } else { append(shortest: x) }
    }

    /// The bytes as UTF-8 text.
    public var string: String { String(decoding: UnsafeBufferPointer(start: storage, count: used), as: UTF8.self) }
}

extension ByteBuffer {
    /// Appends a number's shortest round-trip form, exactly as `"\(x)"` writes it, without making
    /// a String: the standard library formats the digits into a stack buffer and hands them to
    /// ``ASCIIStream/_writeASCII(_:)``.
    public func append(shortest x: Double) {
        if appendShortestDecimal(x) { return }
        var stream = ASCIIStream(buffer: self)
        x.write(to: &stream)
    }

    /// Appends `x` as `description` writes it; false (nothing written) outside the range that
    /// ``ShortestDecimal`` serves.
    func appendShortestDecimal(_ x: Double) -> Bool {
        guard let (d, k) = ShortestDecimal.digits(x) else { return false }
        reserve(48)
        var p = storage + used
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
        used = p - storage
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
