/// The position of each id in a list, looked up by the id's UTF-8 bytes: an open-addressing
/// table with FNV-1a hashing. A `[String: Int]` hashes every lookup with a seeded SipHash, which
/// for the short ids of zones costs several times more; a 140,000-flow table looks up its zones
/// 280,000 times when it is read and again when it is compiled.
public struct IDIndex: Sendable {
    private let ids: [String]
    /// Position in `ids` plus one; 0 is an empty slot.
    private let slots: [Int32]
    private let mask: Int

    /// Indexes `ids`; of repeated ids the first counts.
    public init(_ ids: [String]) {
        self.ids = ids
        var size = 16
        while size < 2 * ids.count { size *= 2 }
        mask = size - 1
        var slots = [Int32](repeating: 0, count: size)
        for (i, id) in ids.enumerated() {
            var s = IDIndex.hash(id) & mask
            while slots[s] != 0 {
                if ids[Int(slots[s]) - 1] == id { break }
                s = (s + 1) & mask
            }
            if slots[s] == 0 { slots[s] = Int32(i + 1) }
        }
        self.slots = slots
    }

    /// The position of `id`; nil when it is not in the list.
    public subscript(_ id: String) -> Int? {
        var s = IDIndex.hash(id) & mask
        while true {
            let k = Int(slots[s])
            if k == 0 { return nil }
            if ids[k - 1] == id { return k - 1 }
            s = (s + 1) & mask
        }
    }

    @inline(__always) static func hash(_ id: String) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        if let done = id.utf8.withContiguousStorageIfAvailable({ bytes -> UInt64 in
            var h = h
            for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
            return h
        }) {
            h = done
        } else {
            for b in id.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        }
        // Fold the high bits in: the mask keeps only the low ones.
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }
}
