/// An order for one idle truck: go to `pickup`, load up to `bikes`, go to `dropoff`, unload.
///
/// At the pickup the truck loads `min(bikes, bikes there on arrival, free room on the truck)`;
/// at a holding area it unloads what fits and keeps the rest on board; a zone takes every bike.
/// An order with `bikes: 0` just moves the truck (and unloads what it carries at `dropoff`).
public struct TransferOrder: Sendable, Equatable {
    /// Index of the truck (0-based).
    public var truck: Int
    public var pickup: Site
    public var dropoff: Site
    /// Bikes asked for at the pickup.
    public var bikes: Int

    public init(truck: Int, pickup: Site, dropoff: Site, bikes: Int) {
        self.truck = truck
        self.pickup = pickup
        self.dropoff = dropoff
        self.bikes = bikes
    }
}

/// Where a truck is in its order.
public enum TruckPhase: Sendable, Equatable {
    /// Waiting for an order at `site`.
    case idle
    /// Driving to the pickup.
    case toPickup
    /// Loading at the pickup.
    case loading
    /// Driving to the drop-off with its load.
    case toDropoff
    /// Unloading at the drop-off.
    case unloading
}

/// What a policy sees of one truck.
public struct TruckStatus: Sendable, Equatable {
    public let index: Int
    /// Where the truck is, or where it is driving to (its pickup, then its drop-off).
    public let site: Site
    public let phase: TruckPhase
    /// Bikes on board. On an idle truck these are bikes its last drop-off could not take: the
    /// policy is told this way, and should send them somewhere.
    public let load: Int
    public let capacity: Int
    /// The order under way; nil when idle.
    public let order: TransferOrder?
    /// When the current phase ends (arrival, or end of loading or unloading); the current time when idle.
    public let phaseEnds: Double

    /// Whether the truck can take an order now.
    public var isIdle: Bool { phase == .idle }
    /// Room left on board.
    public var freeCapacity: Int { capacity - load }
}
