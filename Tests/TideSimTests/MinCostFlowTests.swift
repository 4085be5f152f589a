import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

/// Issue 19's solver, alone: minimum-cost flow by successive shortest paths, against networks
/// solved by hand and against brute force on tiny ones.
final class MinCostFlowTests: XCTestCase {
    /// Two routes from s to t: s-a-t costs 1 + 1 (capacity 2), s-b-t costs 2 + 2 (capacity 3), and
    /// a shortcut a-b. Sending 4: 2 by the cheap route (cost 4), 2 by the dear one (cost 8): 12.
    func testTwoRoutesByHand() {
        var g = MinCostFlow(nodes: 4)   // s 0, a 1, b 2, t 3
        let sa = g.addArc(from: 0, to: 1, capacity: 2, cost: 1)
        g.addArc(from: 1, to: 3, capacity: 5, cost: 1)
        let sb = g.addArc(from: 0, to: 2, capacity: 3, cost: 2)
        g.addArc(from: 2, to: 3, capacity: 5, cost: 2)
        g.addArc(from: 1, to: 2, capacity: 1, cost: 0)
        let r = g.solve(source: 0, sink: 3, limit: 4)
        XCTAssertEqual(r.flow, 4, accuracy: 1e-12)
        XCTAssertEqual(r.cost, 12, accuracy: 1e-12)
        XCTAssertEqual(g.flow(onArc: sa), 2, accuracy: 1e-12)
        XCTAssertEqual(g.flow(onArc: sb), 2, accuracy: 1e-12)
        // The most it can send is 5 (the source's arcs), at 2 × 2 + 3 × 4 = 16.
        var h = MinCostFlow(nodes: 4)
        h.addArc(from: 0, to: 1, capacity: 2, cost: 1); h.addArc(from: 1, to: 3, capacity: 5, cost: 1)
        h.addArc(from: 0, to: 2, capacity: 3, cost: 2); h.addArc(from: 2, to: 3, capacity: 5, cost: 2)
        let all = h.solve(source: 0, sink: 3)
        XCTAssertEqual(all.flow, 5, accuracy: 1e-12)
        XCTAssertEqual(all.cost, 16, accuracy: 1e-12)
    }

    /// Negative costs (rewards), taken only while profitable: a path paying -3 and one paying +1:
    /// the cheapest flow of any amount takes the first only.
    func testRewardsOnlyWhileProfitable() {
        var g = MinCostFlow(nodes: 3)
        g.addArc(from: 0, to: 1, capacity: 2.5, cost: -3)
        g.addArc(from: 1, to: 2, capacity: 10, cost: 0)
        g.addArc(from: 0, to: 2, capacity: 4, cost: 1)
        let r = g.solve(source: 0, sink: 2, onlyWhileProfitable: true)
        XCTAssertEqual(r.flow, 2.5, accuracy: 1e-12)
        XCTAssertEqual(r.cost, -7.5, accuracy: 1e-12)
    }

    /// A cheaper route found only by undoing flow (a reverse arc): the classic case where a greedy
    /// path is not optimal. s→a→b→t is cheapest at first; then s→b and a→t need a's flow moved.
    func testFlowIsRerouted() {
        var g = MinCostFlow(nodes: 4)   // s 0, a 1, b 2, t 3
        g.addArc(from: 0, to: 1, capacity: 1, cost: 1)
        g.addArc(from: 1, to: 2, capacity: 1, cost: 1)
        g.addArc(from: 2, to: 3, capacity: 1, cost: 1)
        g.addArc(from: 0, to: 2, capacity: 1, cost: 5)
        g.addArc(from: 1, to: 3, capacity: 1, cost: 5)
        let r = g.solve(source: 0, sink: 3)
        // Two units: s-a-t (6) and s-b-t (6) = 12, which beats keeping s-a-b-t (3) and ... none left.
        XCTAssertEqual(r.flow, 2, accuracy: 1e-12)
        XCTAssertEqual(r.cost, 12, accuracy: 1e-12)
    }

    /// Tiny random networks (5 nodes, up to 7 arcs of capacity 0-2, costs -3 to 5, forward only so
    /// no cycle): for each amount the solver's cost is the least over every integer assignment of
    /// flows that conserves flow and sends that amount (brute force).
    func testAgreesWithBruteForce() {
        var rng = SplitMix64(seed: 19)
        for _ in 0..<300 {
            let n = 5
            var arcs: [(Int, Int, Int, Double)] = []
            for _ in 0..<(3 + Int(rng.next() % 5)) {
                let a = Int(rng.next() % UInt64(n - 1))
                let b = a + 1 + Int(rng.next() % UInt64(n - 1 - a))
                arcs.append((a, b, Int(rng.next() % 3), Double(Int(rng.next() % 9) - 3)))
            }
            // Brute force: the least cost of each amount sent from 0 to n-1.
            var best: [Int: Double] = [:]
            var flows = [Int](repeating: 0, count: arcs.count)
            func visit(_ i: Int) {
                if i == arcs.count {
                    var balance = [Int](repeating: 0, count: n)
                    var cost = 0.0
                    for (k, arc) in arcs.enumerated() { balance[arc.0] -= flows[k]; balance[arc.1] += flows[k]; cost += Double(flows[k]) * arc.3 }
                    guard (1..<(n - 1)).allSatisfy({ balance[$0] == 0 }) else { return }
                    let amount = balance[n - 1]
                    best[amount] = min(best[amount] ?? .infinity, cost)
                    return
                }
                for f in 0...arcs[i].2 { flows[i] = f; visit(i + 1) }
            }
            visit(0)
            let most = best.keys.max() ?? 0
            for amount in 0...most {
                var g = MinCostFlow(nodes: n)
                for arc in arcs { g.addArc(from: arc.0, to: arc.1, capacity: Double(arc.2), cost: arc.3) }
                let r = g.solve(source: 0, sink: n - 1, limit: Double(amount))
                XCTAssertEqual(r.flow, Double(amount), accuracy: 1e-9, "\(arcs)")
                XCTAssertEqual(r.cost, best[amount]!, accuracy: 1e-9, "\(arcs) amount \(amount)")
            }
            // And the cheapest flow of any amount.
            var g = MinCostFlow(nodes: n)
            for arc in arcs { g.addArc(from: arc.0, to: arc.1, capacity: Double(arc.2), cost: arc.3) }
            let r = g.solve(source: 0, sink: n - 1, onlyWhileProfitable: true)
            XCTAssertEqual(r.cost, best.values.min()!, accuracy: 1e-9, "\(arcs)")
        }
    }
}
