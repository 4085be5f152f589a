import TideSimModel
import TideSimCore
import TideSimBuffers
/// What happened to one truck order, for `transfers.csv`.
public struct TransferRecord: Sendable, Equatable {
    public var order: TransferOrder
    public init(order: TransferOrder, issued: Double, toDepot: Bool) {
        self.order = order
        self.issued = issued
        self.toDepot = toDepot
    }

    /// Times in seconds from midnight of day 1 (NaN until reached).
    public var issued: Double
    /// True for the engine's own order sending an idle truck back to its depot outside its
    /// shifts; false for the policy's orders.
    public var toDepot = false
    public var atPickup: Double = .nan
    public var atDropoff: Double = .nan
    public var finished: Double = .nan
    public var loaded = 0
    public var unloaded = 0
    /// Bikes the drop-off could not take, left on the truck.
    public var leftOnTruck = 0
    /// Road kilometres driven for the order (both legs).
    public var km = 0.0
}
