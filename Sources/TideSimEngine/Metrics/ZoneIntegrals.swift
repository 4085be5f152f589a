import TideSimModel
import TideSimCore
import TideSimBuffers
/// One zone's capacity and exact integrals, packed into one 64-byte record so that a change of
/// the zone's count touches one cache line rather than eight arrays.
struct ZoneIntegrals {
    /// The capacity in force (a rush-hour cap changes it).
    var capacity: Int32
    /// The bikes at the highest pressure (bikes / capacity in force) of the measured window (-1
    /// before it), first reached at ``peakTime`` with ``peakCapacity`` in force.
    var peakBikes: Int32 = -1
    var peakCapacity: Int32
    /// Whether the zone was above capacity at some moment of the measured window.
    var everOver = false
    var lastChange = 0.0
    var bikeSeconds = 0.0          // integral of b
    var overflowSeconds = 0.0      // integral of max(0, b - cap), bike-seconds
    var overSeconds = 0.0          // time with b > cap
    var emptySeconds = 0.0         // time with b = 0
    var peakTime = 0.0

    /// The highest bikes / capacity of the measured window (-1 before it). The peak is kept as
    /// bikes and the capacity then, so that a change costs two integer products, not a division.
    var peakPressure: Double { peakBikes < 0 ? -1 : Double(peakBikes) / Double(peakCapacity) }

    init(capacity: Int) {
        self.capacity = Int32(clamping: capacity)
        peakCapacity = self.capacity
    }

    /// Adds the state `b` held since the last change, up to `t` (measured time only).
    @inline(__always)
    mutating func accumulate(bikes b: Int, to t: Double, measuring: Bool) {
        let from = lastChange
        lastChange = t
        guard measuring, t > from else { return }
        let dt = t - from
        let cap = Int(capacity)
        bikeSeconds += Double(b) * dt
        if b > cap {
            overflowSeconds += Double(b - cap) * dt
            overSeconds += dt
        } else if b == 0 {
            emptySeconds += dt
        }
    }

    /// Records a new count `b` at `t` for the peak and the hotspot flag.
    @inline(__always)
    /// Returns whether it is a new peak.
    @discardableResult
    mutating func checkPeak(bikes b: Int, at t: Double) -> Bool {
        let cap = Int(capacity)
        if b > cap { everOver = true }
        guard cap > 0 else { return false }
        // b / cap > peakBikes / peakCapacity, without a division (the same as b > peakBikes while
        // the capacity stays as it was).
        if b * Int(peakCapacity) > Int(peakBikes) * cap {
            peakBikes = Int32(clamping: b)
            peakCapacity = capacity
            peakTime = t
            return true
        }
        return false
    }
}
