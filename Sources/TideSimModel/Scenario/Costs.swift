import TideSimCore

/// What the levers cost a day (`"costs"` in a scenario, docs/scenario-format.md): a truck, a holding
/// area, a bike of the fleet. A run reports the day's cost of the levers it used; `plan` looks for
/// the cheapest levers that meet its targets.
public struct Costs: Sendable, Equatable {
    /// The currency the amounts are in (`CNY`, `EUR`): a label, never converted.
    public var currency: String
    public var truckPerDay: Double
    public var holdingAreaPerDay: Double
    public var bikePerDay: Double

    public init(currency: String = "CNY", truckPerDay: Double = 0, holdingAreaPerDay: Double = 0, bikePerDay: Double = 0) {
        self.currency = currency
        self.truckPerDay = truckPerDay
        self.holdingAreaPerDay = holdingAreaPerDay
        self.bikePerDay = bikePerDay
    }

    /// The levers a day's cost counts, and what each costs.
    public struct Day: Sendable, Equatable {
        public let currency: String
        /// Trucks in service (the trucks of every fleet).
        public let trucks: Int
        /// Holding areas that can hold bikes (capacity above 0: a lot closed by a what-if with
        /// `capacity=0` costs nothing).
        public let holdingAreas: Int
        /// Bikes in the fleet at the start.
        public let bikes: Int
        public let truckCost: Double, holdingAreaCost: Double, bikeCost: Double

        /// The day's cost of all the levers.
        public var total: Double { truckCost + holdingAreaCost + bikeCost }
    }

    /// The day's cost of a scenario's levers.
    public func day(trucks: Int, holdingAreas: Int, bikes: Int) -> Day {
        Day(currency: currency, trucks: trucks, holdingAreas: holdingAreas, bikes: bikes, truckCost: Double(trucks) * truckPerDay,
            holdingAreaCost: Double(holdingAreas) * holdingAreaPerDay, bikeCost: Double(bikes) * bikePerDay)
    }
}

extension Scenario {
    /// The day's cost of the levers, or nil when the scenario states no costs.
    public var costPerDay: Costs.Day? {
        costs?.day(trucks: truckCount, holdingAreas: holdingAreas.filter { $0.capacity > 0 }.count, bikes: deployedFleet)
    }
}
