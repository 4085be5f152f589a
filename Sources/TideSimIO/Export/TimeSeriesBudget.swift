import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
/// What recording a run's time series costs, checked before the run: the memory its series take
/// while replications are in flight, and the disk `timeseries.csv` takes. A run that could not
/// finish is refused up front rather than failing late.
public enum TimeSeriesBudget {
    /// The most memory the time series of the replications in flight, and what `--html` keeps of
    /// them, may take (bytes).
    public static let memoryLimit = 4e9

    /// What a run holds of its time series (bytes): the series of the `held` replications in
    /// flight (those running and those waiting for an earlier one to be written, see
    /// ``TimeSeriesStream``), and with `html` their running totals and means (8 bytes a site and
    /// sample each) and the page's heatmap (about 500 bytes a sample for each of its rows).
    public static func memory(_ model: Model, held: Int, html: Bool, heatmapRows: Int) -> Double {
        let one = model.timeSeriesBytes(replications: 1)
        return Double(held) * one + (html ? 4 * one + 500 * Double(model.sampleCount) * Double(min(heatmapRows, model.zoneCount)) : 0)
    }

    /// Refuses a run whose time series cannot be held in memory (a usage error: the remedy is a
    /// setting) or whose `timeseries.csv` would not fit in the free space of `outDir`.
    /// - Parameters:
    ///   - workers: Replications that run at once.
    ///   - outDir: Where `run --out` writes, or nil; `html`: whether an HTML report is made.
    public static func check(_ model: Model, replications: Int, workers: Int, outDir: String?, html: Bool,
                             heatmapRows: Int) throws(TideSimError) {
        let held = outDir == nil ? min(replications, workers) : min(replications, 2 * workers + 1)
        let bytes = memory(model, held: held, html: html, heatmapRows: heatmapRows)
        let sites = "\(model.sampleCount) samples × \(model.zoneCount + model.holdingCount + 2) sites"
        if bytes > memoryLimit {
            let what = outDir != nil && html ? "--out and --html hold" : (html ? "--html holds" : "--out holds")
            let kept = html ? "; the report's totals, means and heatmap besides" : ""
            // What each sample holds in memory: a count per site, riding, on trucks, busy trucks.
            let numbers = "\(model.sampleCount) samples × \(model.zoneCount + model.holdingCount + 3) numbers"
            throw .usage("\(what) the time series of up to \(held) replication\(held == 1 ? "" : "s") in memory at once "
                + "(those running and those waiting to be written\(kept)): \(held) × \(numbers) comes to about "
                + "\(NumberFormat.number(bytes / 1e9)) GB, more than \(NumberFormat.number(memoryLimit / 1e9)) GB; "
                + "raise sampleMinutes, measure fewer days or use fewer --threads")
        }
        guard let outDir, let free = OutputDirectory.freeBytes(at: outDir) else { return }
        let fileBytes = TimeSeriesStream.fileBytes(model: model, replications: replications)
        if fileBytes > free {
            let path = FilePath.join(outDir, "timeseries.csv")
            throw .cannotCreateOutput(path: path, reason: "it would take about \(NumberFormat.number(fileBytes / 1e9)) GB "
                + "(\(replications) replication\(replications == 1 ? "" : "s") × \(sites)), more than the "
                + "\(NumberFormat.number(free / 1e9)) GB free there; raise sampleMinutes, measure fewer days or run fewer replications")
        }
    }
}
