/// A transfer policy: decides orders for idle trucks.
///
/// The engine asks it every `policy.everyMinutes` while the trucks are in a shift, and whenever a
/// truck becomes idle during a shift. It returns orders for idle trucks only, at most one each;
/// an order for a busy or unknown truck is a programming error and stops the run. A policy value
/// is created for each replication (see ``Replications/run(model:seed:count:threads:recordTimeSeries:makePolicy:)``),
/// so it may keep state between calls.
public protocol TransferPolicy: Sendable {
    /// The name shown in reports.
    var name: String { get }
    /// Orders for some of the idle trucks (possibly none).
    mutating func decide(_ view: PolicyView) -> [TransferOrder]
}

/// The baseline: no transfers.
public struct NoTransfers: TransferPolicy {
    public init() {}
    public var name: String { "none" }
    public func decide(_ view: PolicyView) -> [TransferOrder] { [] }
}
