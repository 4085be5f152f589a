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

    /// Walking neighbours: every zone within a radius, nearest first, as a scan finds them; and the
    /// nearest zone to a point within a radius (the real-data readers' question), on the same
    /// shapes, with points inside, at the edge of and far outside the zones.
    func testRadiusSearchesEqualTheFullScan() {
        var rng = SplitMix64(seed: 11)
        func u() -> Double { Double(rng.next() >> 11) * 0x1p-53 }
        let shapes: [(String, Int, () -> Coordinate?)] = [
            ("square", 400, { Coordinate(lat: 30.4 + 0.3 * u(), lon: 114.2 + 0.3 * u()) }),
            ("line", 300, { Coordinate(lat: 30.5, lon: 114.0 + 0.8 * u()) }),
            ("cluster", 300, { u() < 0.01 ? Coordinate(lat: 31.5, lon: 115.5) : Coordinate(lat: 30.5 + 0.01 * u(), lon: 114.3 + 0.01 * u()) }),
            ("stacked", 120, { u() < 0.1 ? nil : Coordinate(lat: 30.5 + 0.002 * Double(Int(u() * 4)), lon: 114.3 + 0.002 * Double(Int(u() * 4))) }),
        ]
        var found = 0
        for (name, n, make) in shapes {
            let coords = (0..<n).map { _ in make() }
            let units = coords.map { $0.map(Model.unitVector) }
            let grid = ZoneGrid(unit: units)
            for radius in [50.0, 400, 3_000] {
                for z in stride(from: 0, to: n, by: 5) {
                    guard let c = coords[z] else { continue }
                    let got = grid.within(radius, of: z, unit: units[z]!) { c.distanceMeters(to: coords[$0]!) }
                    let want = coords.indices.compactMap { y -> (Double, Int32)? in
                        guard y != z, let cy = coords[y], c.distanceMeters(to: cy) <= radius else { return nil }
                        return (c.distanceMeters(to: cy), Int32(y))
                    }.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.map(\.1)
                    XCTAssertEqual(got, want, "\(name) zone \(z) radius \(radius)")
                    found += got.count
                }
                let locator = ZoneLocator(coordinates: coords, radius: radius)
                for _ in 0..<200 {
                    let p = Coordinate(lat: 30.3 + 1.4 * u() * u(), lon: 114.1 + 1.5 * u() * u())
                    let up = Model.unitVector(p)
                    let brute = coords.indices.compactMap { y -> (Double, Int32)? in
                        guard let cy = coords[y] else { return nil }
                        let v = Model.unitVector(cy) - up
                        return ((v * v).sum(), Int32(y))
                    }.filter { $0.0 <= 4 * pow(sin(radius / Coordinate.earthRadiusMeters / 2), 2) }
                     .min { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }?.1
                    XCTAssertEqual(locator.nearest(to: p), brute, "\(name) point \(p) radius \(radius)")
                }
            }
        }
        XCTAssertGreaterThan(found, 1_000, "the radii reach neighbours")
    }
}
