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
