import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
/// Takes each replication's time series as the replication ends
/// (``Replications/run(model:seed:count:threads:recordTimeSeries:timeSeries:progress:makePolicy:)``),
/// writes its rows of `timeseries.csv` in replication order and adds it to the totals that the
/// report's charts draw: a run holds a few replications' series at a time, not all of them.
///
/// Series that end out of order wait for the ones before them, at most `window` of them; a
/// replication that ends while the window is full waits too (see ``OrderedHandOff``). The file
/// is byte for byte what ``ReportTables/timeSeries(_:)`` writes from held series, whatever the
/// number of threads.
public final class TimeSeriesStream: @unchecked Sendable {
    private var file: ByteSink?
    private let rows: TimeSeriesRows?
    private var totals: TimeSeriesTotals?
    private var handOff: OrderedHandOff<TimeSeries>?

    /// - Parameters:
    ///   - file: Where `timeseries.csv` goes (its header is written now), or nil for totals only.
    ///   - totals: Whether to add the series up (for the HTML report).
    ///   - window: Finished series held at most while an earlier one runs; the worker threads
    ///     are a good choice.
    public init(model: Model, file: ByteSink?, totals: Bool, window: Int) {
        self.file = file
        rows = file.map { TimeSeriesRows(model: model, spreadsheetSafe: $0.spreadsheetSafe) }
        self.totals = totals ? TimeSeriesTotals() : nil
        self.file?.row(TimeSeriesRows.header)
        handOff = OrderedHandOff(window: max(1, window)) { [unowned self] index, series in self.consume(index + 1, series) }
    }

    /// About how large `timeseries.csv` of `replications` replications will be, in bytes.
    public static func fileBytes(model: Model, replications: Int) -> Double {
        Double(TimeSeriesRows(model: model, spreadsheetSafe: false).bytesPerSample) * Double(model.sampleCount) * Double(replications)
    }

    /// The series of replication `replication` (1-based, each once), from any thread.
    public func take(_ replication: Int, _ series: TimeSeries) {
        handOff!.deliver(replication - 1, series)
    }

    /// Called for each replication in order, never concurrently.
    private func consume(_ replication: Int, _ series: TimeSeries) {
        if let rows, file != nil { rows.write(series, replication: replication, into: &file!) }
        totals?.add(series)
    }

    /// Ends the stream once every replication has been taken: the file's sink (for
    /// ``OutputDirectory/Staging/end(_:_:)``) and the totals.
    public func finish() -> (file: ByteSink?, totals: TimeSeriesTotals?) {
        handOff = nil
        defer { file = nil }
        return (file, totals)
    }
}
