import TideSimModel
import TideSimCore
import TideSimBuffers
import Dispatch
import Foundation

/// Runs replications of a model, in parallel when asked, with results in replication order, so
/// that the output is byte-identical whatever the number of threads.
public enum Replications {
    /// Runs replications first...first + count - 1 (1...count by default): a planner that adds
    /// replications to a design in batches runs the later ones on their own, on the same riders as
    /// any other design's replications of those numbers.
    /// - Parameters:
    ///   - threads: Worker threads (at least 1). Each replication owns its state and its random
    ///     streams, so they share nothing but the read-only model.
    ///   - recordTimeSeries: Whether to keep the sampled state (for `timeseries.csv`).
    ///   - timeSeries: When given, each replication's sampled state is recorded and handed to it
    ///     (replication number and series, from the thread that ran it, as soon as it ends)
    ///     instead of being kept in the result: how `run --out` streams its time series.
    ///   - progress: Called after each replication with the number done so far (from any thread).
    ///   - makePolicy: Creates the policy for a replication (1-based), so that stateful policies
    ///     start fresh in each.
    public static func run<P: TransferPolicy>(model: Model, seed: UInt64, count: Int, first: Int = 1, threads: Int = 1,
                                              recordTimeSeries: Bool = false,
                                              timeSeries: (@Sendable (Int, TimeSeries) -> Void)? = nil,
                                              progress: (@Sendable (Int) -> Void)? = nil,
                                              makePolicy: @escaping @Sendable (Int) -> P) -> [ReplicationResult] {
        let operators = max(1, model.operators.count)
        return run(model: model, seed: seed, count: count, first: first, threads: threads, recordTimeSeries: recordTimeSeries,
                   timeSeries: timeSeries, progress: progress) { r in Array(repeating: makePolicy(r), count: operators) }
    }

    /// Runs replications (see ``run(model:seed:count:first:threads:recordTimeSeries:timeSeries:progress:makePolicy:)``)
    /// with a policy for each operator: `makePolicies` returns them in operator order (one, without operators).
    public static func run<P: TransferPolicy>(model: Model, seed: UInt64, count: Int, first: Int = 1, threads: Int = 1,
                                              recordTimeSeries: Bool = false,
                                              timeSeries: (@Sendable (Int, TimeSeries) -> Void)? = nil,
                                              progress: (@Sendable (Int) -> Void)? = nil,
                                              makePolicies: @escaping @Sendable (Int) -> [P]) -> [ReplicationResult] {
        precondition(count >= 1 && threads >= 1)
        return inOrder(count: count, threads: threads, progress: progress) { i in
            let r = i + 1
            var sim = Simulation(model: model, seed: seed, replication: first - 1 + r, policies: makePolicies(first - 1 + r),
                                 recordTimeSeries: recordTimeSeries || timeSeries != nil)
            let result = sim.run()
            guard let timeSeries, let series = result.timeSeries else { return result }
            timeSeries(r, series)
            return result.withoutTimeSeries()
        }
    }

    /// `body(i)` for every i in 0..<count on up to `threads` workers, each taking the next index
    /// when it is free; the results in index order, whatever the number of workers.
    /// - Parameter progress: Called after each with the number done so far (from any thread).
    static func inOrder<T>(count: Int, threads: Int, progress: (@Sendable (Int) -> Void)?,
                           _ body: @escaping @Sendable (Int) -> T) -> [T] {
        let box = ResultBox<T>(count: count)
        let workers = min(threads, count)
        if workers <= 1 {
            // (Stored first: `progress?(...)` would skip evaluating its argument when nil.)
            for i in 0..<count {
                let done = box.store(body(i), at: i)
                progress?(done)
            }
        } else {
            let next = Counter()
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while let i = next.take(below: count) {
                    let done = box.store(body(i), at: i)
                    progress?(done)
                }
            }
        }
        return box.results()
    }

    /// Runs replications with a built-in policy by name (parameters from the scenario): `name` for
    /// every operator's trucks; nil: the scenario's (each operator's own, else `policy.name`).
    public static func run(model: Model, policy name: String?, seed: UInt64, count: Int, first: Int = 1, threads: Int = 1,
                           recordTimeSeries: Bool = false, timeSeries: (@Sendable (Int, TimeSeries) -> Void)? = nil,
                           progress: (@Sendable (Int) -> Void)? = nil) -> [ReplicationResult] {
        let policies = model.policyNames(overriddenBy: name).map { n -> BuiltInPolicy in
            guard let policy = BuiltInPolicy(name: n, parameters: model.policyParameters) else { preconditionFailure("unknown policy '\(n)'") }
            return policy
        }
        return run(model: model, seed: seed, count: count, first: first, threads: threads, recordTimeSeries: recordTimeSeries,
                   timeSeries: timeSeries, progress: progress) { _ in policies }
    }

    /// Runs replications without transfers (policy `none`).
    public static func run(model: Model, seed: UInt64, count: Int, threads: Int = 1,
                           recordTimeSeries: Bool = false) -> [ReplicationResult] {
        run(model: model, seed: seed, count: count, threads: threads, recordTimeSeries: recordTimeSeries) { _ in NoTransfers() }
    }

    /// The number of processors, the default for `--threads`.
    public static var defaultThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}

/// Slots for results written by worker threads, each slot once.
private final class ResultBox<Element>: @unchecked Sendable {
    private var slots: [Element?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    private var stored = 0

    /// Stores a result and returns how many are stored.
    func store(_ result: Element, at i: Int) -> Int {
        lock.lock(); defer { lock.unlock() }
        slots[i] = result
        stored += 1
        return stored
    }

    func results() -> [Element] { slots.map { $0! } }
}

/// Hands out replication indices to workers.
private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func take(below limit: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}
