import TideSimBuffers
/// The xoshiro256** generator of Blackman and Vigna: fast, 256 bits of state, and ours, so that
/// seeded results survive toolchain upgrades (the standard library's generator is unspecified).
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    @usableFromInline var s0, s1, s2, s3: UInt64

    /// Seeds the four state words from SplitMix64, as the authors recommend.
    @inlinable public init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        s0 = mixer.next(); s1 = mixer.next(); s2 = mixer.next(); s3 = mixer.next()
    }

    /// One independent stream per (seed, replication, purpose): the three numbers are mixed
    /// through SplitMix64 so that neighbouring seeds or replications give unrelated streams.
    @inlinable public init(seed: UInt64, replication: Int, purpose: RandomPurpose) {
        var mixer = SplitMix64(seed: seed)
        var key = mixer.next()
        mixer = SplitMix64(seed: key ^ UInt64(truncatingIfNeeded: replication))
        key = mixer.next()
        mixer = SplitMix64(seed: key ^ purpose.rawValue)
        self.init(seed: mixer.next())
    }

    /// Returns the next 64 random bits.
    @inlinable @inline(__always) public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inlinable @inline(__always) func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }
}

/// What a random stream is used for. Each purpose gets its own stream, so that adding draws for
/// one purpose never shifts the numbers of another.
public enum RandomPurpose: UInt64, Sendable {
    /// Trip attempts: times, flows (origin and destination) and ride durations.
    case demand = 0x6465_6D61_6E64
    /// Reserved for policies that randomise (none of the built-in ones do).
    case policy = 0x706F_6C69_6379
    /// With operators: each rider's preferred operator and whether it takes another's bike.
    case riders = 0x7269_6465_7273
    /// The city's inspectors: where they start and where they go next.
    case inspections = 0x696E_7370_6563
}
