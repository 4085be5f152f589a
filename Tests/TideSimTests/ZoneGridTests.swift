import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

/// The grid's ring search finds exactly what measuring every zone finds.
final class ZoneGridTests: XCTestCase {
    private func brute(_ k: Int, to z: Int, _ coords: [Coordinate?], accept: (Int) -> Bool) -> [(Int32, Double)] {
        guard let c = coords[z] else { return [] }
        let all = coords.indices.compactMap { y -> (Int32, Double)? in
            guard y != z, accept(y), let cy = coords[y] else { return nil }
            return (Int32(y), c.distanceMeters(to: cy))
        }
        return Array(all.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(k))
    }

    /// Cities of different shapes: a spread-out square, a long thin line, a tight cluster with a
    /// far outlier, points stacked on one spot (ties by file order) and zones without
    /// coordinates; every k from 1 past the number of zones; with and without a filter.
    func testRingSearchEqualsTheFullScan() {
        var rng = SplitMix64(seed: 9)
        func u() -> Double { Double(rng.next() >> 11) * 0x1p-53 }
        let shapes: [(String, Int, () -> Coordinate?)] = [
            ("square", 400, { Coordinate(lat: 30.4 + 0.3 * u(), lon: 114.2 + 0.3 * u()) }),
            ("line", 300, { Coordinate(lat: 30.5 + 0.001 * u(), lon: 114.0 + 0.8 * u()) }),
            ("cluster", 300, { u() < 0.01 ? Coordinate(lat: 31.5, lon: 115.5) : Coordinate(lat: 30.5 + 0.01 * u(), lon: 114.3 + 0.01 * u()) }),
            ("stacked", 120, { u() < 0.1 ? nil : Coordinate(lat: 30.5 + 0.002 * Double(Int(u() * 4)), lon: 114.3 + 0.002 * Double(Int(u() * 4))) }),
            ("north", 200, { Coordinate(lat: 69.6 + 0.2 * u(), lon: 18.8 + 0.4 * u()) }),
        ]
        for (name, n, make) in shapes {
            let coords = (0..<n).map { _ in make() }
            let grid = ZoneGrid(unit: coords.map { $0.map(Model.unitVector) })
            let open = (0..<n).map { _ in u() < 0.2 }
            for z in stride(from: 0, to: n, by: 7) {
                guard let c = coords[z] else { continue }
                func meters(_ y: Int) -> Double { c.distanceMeters(to: coords[y]!) }
                for k in [1, 2, 24, n + 5] {
                    let got = grid.nearest(k, to: z, accept: { _ in true }, meters: meters).map { ($0.zone, $0.meters) }
                    let want = brute(k, to: z, coords) { _ in true }
                    XCTAssertTrue(got.count == want.count && zip(got, want).allSatisfy { $0 == $1 }, "\(name) zone \(z) k \(k)")
                }
                let got = grid.nearest(1, to: z, accept: { open[$0] }, meters: meters).map { ($0.zone, $0.meters) }
                let want = brute(1, to: z, coords) { open[$0] }
                XCTAssertTrue(got.count == want.count && zip(got, want).allSatisfy { $0 == $1 }, "\(name) zone \(z), filtered")
            }
        }
    }
}
