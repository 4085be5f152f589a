/// A fixed-size array of the engine's per-replication state, in a buffer owned by one object.
///
/// Writing an element of an `Array` stored in the simulation costs a copy-on-write uniqueness
/// check each time (the compiler cannot prove the array unshared across the calls of the event
/// loop); this buffer has reference semantics instead, so a write is a store. It is for state
/// that one replication owns and never copies: copies of a value holding it share the elements.
///
/// Its accessors are `@inlinable public`: the engine reads and writes it in its hot loop from
/// another module, and only public inlinable code is inlined across modules (an `@inlinable
/// package` declaration is not).
public struct FixedArray<Element>: @unchecked Sendable {
    @usableFromInline final class Storage {
        @usableFromInline let base: UnsafeMutablePointer<Element>
        @usableFromInline let count: Int
        init(count: Int, initialise: (UnsafeMutablePointer<Element>) -> Void) {
            self.count = count
            base = .allocate(capacity: max(1, count))
            initialise(base)
        }
        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }
    }

    @usableFromInline let storage: Storage

    /// `count` copies of `value`.
    public init(repeating value: Element, count: Int) {
        storage = Storage(count: count) { $0.initialize(repeating: value, count: count) }
    }

    /// The elements of an array.
    public init(_ elements: [Element]) {
        storage = Storage(count: elements.count) { base in
            elements.withUnsafeBufferPointer { _ = UnsafeMutableBufferPointer(start: base, count: elements.count).initialize(from: $0) }
        }
    }

    @inlinable public var count: Int { storage.count }
    @inlinable public var indices: Range<Int> { 0..<storage.count }

    @inlinable public subscript(i: Int) -> Element {
        @inline(__always) get { storage.base[i] }
        @inline(__always) nonmutating _modify { yield &storage.base[i] }
        @inline(__always) nonmutating set { storage.base[i] = newValue }
    }

    /// The first element's address, valid while this buffer (or a copy of it) lives: for a hot
    /// loop that must not retain the buffer at each read.
    @_spi(RawBytes) @inlinable public var baseAddress: UnsafeMutablePointer<Element> { storage.base }

    /// The elements as an array.
    public var array: [Element] { Array(UnsafeBufferPointer(start: storage.base, count: storage.count)) }
}
