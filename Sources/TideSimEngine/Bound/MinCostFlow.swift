/// A minimum-cost flow solver by successive shortest paths (issue 19's first piece: the bound's
/// relaxation is a time-expanded network, solved to optimality by this; tested alone against
/// hand-solved networks and brute force before it is wired in).
///
/// Capacities and costs are real numbers (a fluid relaxation moves fractions of bikes); costs
/// may be negative (a served rider is a reward) as long as the network has no cycle of negative
/// cost, which a time-expanded network cannot have (every arc goes forward in time or stays).
/// Potentials start from Bellman-Ford and are kept by Dijkstra on reduced costs, so each
/// augmentation costs O(E log V).
public struct MinCostFlow: Sendable {
    /// An arc in the residual network; arcs come in pairs (`k` and `k ^ 1`).
    private struct Arc: Sendable {
        let to: Int
        var capacity: Double
        let cost: Double
    }

    public let nodeCount: Int
    private var arcs: [Arc] = []
    private var outgoing: [[Int]]
    /// Flows closer to 0 than this count as 0 (real capacities add and subtract).
    static let epsilon = 1e-9

    public init(nodes: Int) {
        nodeCount = nodes
        outgoing = Array(repeating: [], count: nodes)
    }

    /// Adds an arc from `a` to `b` that carries up to `capacity` at `cost` per unit; returns its id.
    @discardableResult
    public mutating func addArc(from a: Int, to b: Int, capacity: Double, cost: Double) -> Int {
        precondition(a >= 0 && a < nodeCount && b >= 0 && b < nodeCount && capacity >= 0 && cost.isFinite)
        let id = arcs.count
        arcs.append(Arc(to: b, capacity: capacity, cost: cost))
        arcs.append(Arc(to: a, capacity: 0, cost: -cost))
        outgoing[a].append(id)
        outgoing[b].append(id + 1)
        return id / 2
    }

    /// The flow on arc `id` (as returned by ``addArc(from:to:capacity:cost:)``) after ``solve``.
    public func flow(onArc id: Int) -> Double { arcs[2 * id + 1].capacity }

    /// Sends flow from `source` to `sink` along cheapest paths: at most `limit` units, and, with
    /// `onlyWhileProfitable`, only while a path costs less than 0 (the cheapest flow of any
    /// amount). Returns the flow sent and its cost, optimal for that amount.
    public mutating func solve(source: Int, sink: Int, limit: Double = .infinity, onlyWhileProfitable: Bool = false)
        -> (flow: Double, cost: Double)
    {
        var potential = bellmanFord(from: source)
        var sent = 0.0, cost = 0.0
        while sent < limit - MinCostFlow.epsilon {
            let (distance, via) = dijkstra(from: source, potential: potential)
            guard distance[sink].isFinite else { break }
            for v in 0..<nodeCount where distance[v].isFinite { potential[v] += distance[v] }
            let pathCost = potential[sink] - potential[source]
            if onlyWhileProfitable && pathCost >= -MinCostFlow.epsilon { break }
            // The bottleneck along the path.
            var push = limit - sent
            var v = sink
            while v != source {
                let k = via[v]
                push = min(push, arcs[k].capacity)
                v = arcs[k ^ 1].to
            }
            guard push > MinCostFlow.epsilon else { break }
            v = sink
            while v != source {
                let k = via[v]
                arcs[k].capacity -= push
                arcs[k ^ 1].capacity += push
                v = arcs[k ^ 1].to
            }
            sent += push
            cost += push * pathCost
        }
        return (sent, cost)
    }

    /// Cheapest path costs from `source` over arcs with room (negative costs allowed, no
    /// negative cycle): the first potentials.
    private func bellmanFord(from source: Int) -> [Double] {
        var d = [Double](repeating: .infinity, count: nodeCount)
        d[source] = 0
        for _ in 0..<max(1, nodeCount) {
            var changed = false
            for u in 0..<nodeCount where d[u].isFinite {
                for k in outgoing[u] where arcs[k].capacity > MinCostFlow.epsilon && d[u] + arcs[k].cost < d[arcs[k].to] - 1e-12 {
                    d[arcs[k].to] = d[u] + arcs[k].cost
                    changed = true
                }
            }
            if !changed { break }
        }
        // Unreached nodes keep a potential of 0: no path uses them until one reaches them, and
        // then Dijkstra's reduced costs from reached nodes are what matter.
        return d.map { $0.isFinite ? $0 : 0 }
    }

    /// Dijkstra on reduced costs (`cost + p[u] - p[v]`, never negative on arcs with room): the
    /// distances and, per node, the arc it was reached by.
    private func dijkstra(from source: Int, potential p: [Double]) -> ([Double], [Int]) {
        var d = [Double](repeating: .infinity, count: nodeCount)
        var via = [Int](repeating: -1, count: nodeCount)
        var heap = BinaryHeap()
        d[source] = 0
        heap.push((0, source))
        while let (du, u) = heap.pop() {
            guard du <= d[u] else { continue }
            for k in outgoing[u] where arcs[k].capacity > MinCostFlow.epsilon {
                let v = arcs[k].to
                // Reduced costs are never negative in exact arithmetic; clamp rounding noise.
                let nd = du + max(0, arcs[k].cost + p[u] - p[v])
                if nd < d[v] - 1e-12 {
                    d[v] = nd
                    via[v] = k
                    heap.push((nd, v))
                }
            }
        }
        return (d, via)
    }

    /// A min-heap of (distance, node).
    private struct BinaryHeap {
        var items: [(Double, Int)] = []
        mutating func push(_ x: (Double, Int)) {
            items.append(x)
            var i = items.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard items[i].0 < items[parent].0 else { break }
                items.swapAt(i, parent)
                i = parent
            }
        }
        mutating func pop() -> (Double, Int)? {
            guard let top = items.first else { return nil }
            let last = items.removeLast()
            if !items.isEmpty {
                items[0] = last
                var i = 0
                while true {
                    let l = 2 * i + 1, r = l + 1
                    var m = i
                    if l < items.count && items[l].0 < items[m].0 { m = l }
                    if r < items.count && items[r].0 < items[m].0 { m = r }
                    if m == i { break }
                    items.swapAt(i, m)
                    i = m
                }
            }
            return top
        }
    }
}
