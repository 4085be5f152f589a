import TideSimCore
import TideSimBuffers
/// A place a truck can go: a zone or a holding area, by dense index.
public enum Site: Hashable, Sendable, CustomStringConvertible {
    case zone(Int)
    case holding(Int)

    public var description: String {
        switch self {
        case .zone(let z): return "zone \(z)"
        case .holding(let h): return "holding area \(h)"
        }
    }
}
