import TideSimModel
import TideSimCore
import TideSimBuffers
/// An order an inspector gave an operator: bring its bikes in `zone` down to its fair share by
/// `deadline` (DESIGN.md section 2b). Policies see the open ones (``PolicyView/workOrders``).
public struct WorkOrder: Sendable, Equatable {
    public let zone: Int
    /// The operator (0 without operators: the city's one fleet).
    public let operatorIndex: Int
    public let issued: Double, deadline: Double

    public init(zone: Int, operatorIndex: Int, issued: Double, deadline: Double) {
        self.zone = zone
        self.operatorIndex = operatorIndex
        self.issued = issued
        self.deadline = deadline
    }
}

/// The city's work orders in a replication: every order given, which are open (at most one per
/// operator and zone), and what each operator was given, met in time, let run late and scored.
struct WorkOrderBook {
    /// Operators (1 without operators).
    let operators: Int
    private(set) var orders: [WorkOrder] = []
    /// Whether each order is still open, and whether it was given in the measured window.
    private(set) var isOpen: [Bool] = []
    private var measured: [Bool] = []
    /// The open order of operator o in zone z (`z * operators + o`), or -1.
    private var openAt: [Int32]
    /// Open orders per zone, and in all.
    private var openInZone: [Int32]
    private(set) var openCount = 0
    /// Per operator, over the measured window.
    private(set) var given: [Int], metInTime: [Int], late: [Int], points: [Double]

    init(zones: Int, operators: Int) {
        self.operators = operators
        openAt = Array(repeating: -1, count: zones * operators)
        openInZone = Array(repeating: 0, count: zones)
        given = Array(repeating: 0, count: operators)
        metInTime = given
        late = given
        points = Array(repeating: 0, count: operators)
    }

    /// Whether zone z has an open order.
    @inline(__always) func hasOpen(inZone z: Int) -> Bool { openInZone[z] > 0 }

    /// Whether operator o has an open order in zone z.
    func isOpen(zone z: Int, operator o: Int) -> Bool { openAt[z * operators + o] >= 0 }

    /// Gives operator o an order for zone z at t; returns its index.
    mutating func give(zone z: Int, operator o: Int, at t: Double, respondSeconds: Double, points p: Double, measuring: Bool) -> Int {
        let k = orders.count
        orders.append(WorkOrder(zone: z, operatorIndex: o, issued: t, deadline: t + respondSeconds))
        isOpen.append(true)
        measured.append(measuring)
        openAt[z * operators + o] = Int32(k)
        openInZone[z] += 1
        openCount += 1
        if measuring {
            given[o] += 1
            points[o] += p
        }
        return k
    }

    /// The operators with an open order in zone z.
    func openOperators(inZone z: Int) -> [Int] { (0..<operators).filter { openAt[z * operators + $0] >= 0 } }

    /// Order k is met (before its deadline).
    mutating func meet(_ k: Int) {
        close(k)
        if measured[k] { metInTime[orders[k].operatorIndex] += 1 }
    }

    /// Order k's deadline has come: if still open, it is late and closes.
    mutating func deadline(_ k: Int, latePoints: Double) {
        guard isOpen[k] else { return }
        close(k)
        if measured[k] {
            late[orders[k].operatorIndex] += 1
            points[orders[k].operatorIndex] += latePoints
        }
    }

    private mutating func close(_ k: Int) {
        let order = orders[k]
        isOpen[k] = false
        openAt[order.zone * operators + order.operatorIndex] = -1
        openInZone[order.zone] -= 1
        openCount -= 1
    }

    /// The open orders of operator o (of every operator when nil), soonest deadline first.
    func open(of o: Int?) -> [WorkOrder] {
        guard openCount > 0 else { return [] }
        return orders.indices.filter { isOpen[$0] && (o == nil || orders[$0].operatorIndex == o) }.map { orders[$0] }
            .sorted { $0.deadline != $1.deadline ? $0.deadline < $1.deadline : $0.zone < $1.zone }
    }

    /// Order index of operator o's open order in zone z, or nil.
    func openOrder(zone z: Int, operator o: Int) -> Int? {
        let k = openAt[z * operators + o]
        return k >= 0 ? Int(k) : nil
    }
}
