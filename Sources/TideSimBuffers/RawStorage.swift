extension UnsafeMutablePointer {
    /// Moves the first `count` elements into a new allocation of at least `needed` elements (the
    /// capacity doubled until it holds them) and frees this one: the growth step of the raw
    /// buffers (``ByteBuffer``, the event list's buckets). Returns the new memory and capacity.
    @_spi(RawBytes) public func movedToLarger(count: Int, capacity: Int, toHold needed: Int) -> (UnsafeMutablePointer, Int) {
        var bigger = Swift.max(capacity, 1)
        while bigger < needed { bigger *= 2 }
        let moved = UnsafeMutablePointer.allocate(capacity: bigger)
        moved.moveInitialize(from: self, count: count)
        deallocate()
        return (moved, bigger)
    }
}
