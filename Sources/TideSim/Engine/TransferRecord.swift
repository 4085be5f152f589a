/// What happened to one truck order, for `transfers.csv`.
public struct TransferRecord: Sendable, Equatable {
    public var order: TransferOrder
    /// Times in seconds from midnight of day 1 (NaN until reached).
    public var issued: Double
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
