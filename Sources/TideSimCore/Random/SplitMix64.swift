import TideSimBuffers
/// SplitMix64, used only to expand a seed into the state of a ``Xoshiro256StarStar`` generator
/// and to derive independent stream seeds.
///
/// Reference: Steele, Lea and Flood, "Fast splittable pseudorandom number generators" (2014).
public struct SplitMix64: Sendable {
    @usableFromInline var state: UInt64

    /// Creates a generator whose first output depends on `seed` alone.
    @inlinable public init(seed: UInt64) { state = seed }

    /// Returns the next 64 random bits.
    @inlinable public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
