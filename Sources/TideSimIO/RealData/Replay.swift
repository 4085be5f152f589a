import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
/// A real day's trip attempts from records (`run --replay TRIPS --date D`): every record of that
/// date matched to zones is one attempt, at its start time, from its origin to its destination,
/// with its recorded duration.
public enum Replay {
    /// The attempts of one day, in time order (ties: origin, destination, duration), so the same
    /// file gives the same run whatever its row order.
    ///
    /// A record without a usable duration (the Mobike records have none; a non-positive one is
    /// an error in the file) rides for the scenario's mean ride time of that pair: the flow's
    /// `minutes` where the scenario has such a flow, else the distance at `demand.ride`.
    public static func attempts(_ records: TripRecords, scenario: Scenario) -> [TripAttempt] {
        var flowMinutes: [Int64: Double] = [:]
        var index: [String: Int32] = [:]
        for (i, z) in scenario.zones.enumerated() { index[z.id] = Int32(i) }
        for f in scenario.demand.flows {
            if let m = f.minutes, let o = index[f.from], let d = index[f.to] { flowMinutes[Int64(o) << 32 | Int64(d)] = m }
        }
        let ride = scenario.demand.ride
        func meanSeconds(_ o: Int32, _ d: Int32) -> Double {
            if let m = flowMinutes[Int64(o) << 32 | Int64(d)] { return m * 60 }
            var meters = 0.0
            if o != d, let a = scenario.zones[Int(o)].coordinate, let b = scenario.zones[Int(d)].coordinate { meters = a.distanceMeters(to: b) }
            return ride.meanSeconds(overMeters: meters)
        }
        var attempts = records.trips.map { t in
            TripAttempt(time: t.start, flow: -1, origin: t.origin, destination: t.destination,
                        duration: t.duration.isFinite ? t.duration : meanSeconds(t.origin, t.destination))
        }
        attempts.sort {
            ($0.time, $0.origin, $0.destination, $0.duration) < ($1.time, $1.origin, $1.destination, $1.duration)
        }
        return attempts
    }

    /// The records of `date` in the trip file at `path`, matched to the scenario's zones, for a
    /// replay.
    /// - Throws: A usage error when the file holds no trip on that day (naming the days it
    ///   holds), or what reading the file throws.
    public static func records(of date: CivilDate, path: String, scenario: Scenario, options: TripReader.Options) throws(TideSimError) -> TripRecords {
        var options = options
        options.from = date
        options.to = date
        let records = try TripReader.read(path: path, zones: scenario.zones, options: options)
        guard records.records - records.notSelected > 0 else {
            let range = records.firstDate.map { " (they run from \($0) to \(records.lastDate!))" } ?? ""
            throw .usage("--date \(date): the records hold no trip on that day\(range)")
        }
        return records
    }

    /// The model replaying a day's records in place of its drawn demand.
    /// - Throws: When no record matched a zone: a run of no riders would only look like an answer
    ///   (as in `calibrate`).
    public static func model(_ model: Model, replaying records: TripRecords, of date: CivilDate, path: String, scenario: Scenario,
                             snapMeters: Double) throws(TideSimError) -> Model {
        guard !records.trips.isEmpty else {
            throw .invalidScenario([ScenarioIssue(Place(file: path, jsonPath: "", csvLine: 0, csvColumn: nil), "none of the \(NumberFormat.number(Double(records.records - records.notSelected))) records of \(date) "
                + "matches a zone of the scenario (by station id, else by coordinates within --snap \(Int(snapMeters)) m); "
                + "are these records of this city, and are its zone ids the station ids?")])
        }
        return model.replaying(attempts(records, scenario: scenario))
    }
}
