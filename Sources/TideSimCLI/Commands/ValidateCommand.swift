import ArgumentParsing
import TideSim

/// `tidesim validate`: check a scenario and say what it holds.
enum ValidateCommand {
    static let spec = CommandSpec(
        name: "tidesim validate",
        abstract: "Check a scenario file and print what it holds.",
        discussion: "Every problem is listed, one per line, as file: place: what was expected; the exit code is then 65.",
        arguments: [ArgumentSpec("scenario", "The scenario file (JSON).")],
        options: ScenarioOptions.whatIf)

    static func execute(_ arguments: [String]) throws(CommandFailure) {
        let args: ParsedArguments
        do { args = try ArgumentParser.parse(arguments, spec: spec) } catch { throw CommandFailure(error) }
        if args.helpRequested { Console.out(HelpRenderer.help(spec)); return }
        let scenario = try ScenarioOptions.load(args, command: spec.name)
        Console.out(render(scenario, file: args.positionals[0]))
    }

    /// The profiles used, the first few by name (a calibrated city has hundreds).
    static func profileList(_ names: [String]) -> String {
        if names.isEmpty { return "none; add demand with tidesim calibrate" }
        if names.count <= 8 { return names.joined(separator: ", ") }
        return names.prefix(6).joined(separator: ", ") + " and \(Format.number(Double(names.count - 6))) more"
    }

    static func render(_ s: Scenario, file: String) -> String {
        let sum = ScenarioSummary(s)
        let n = { (x: Int) in Format.number(Double(x)) }
        var t = TextTable(header: ["", ""], leftAligned: [0, 1])
        t.add(["name", s.name])
        t.add(["zones", "\(n(sum.zones)) (parking capacity \(n(sum.zoneCapacity)); \(n(sum.zonesWithCoordinates)) with coordinates; \(n(sum.dockedZones)) docked)"])
        t.add(["holding areas", "\(n(sum.holdingAreas)) (capacity \(n(sum.holdingCapacity)); \(n(sum.holdingBikes)) bikes at the start)"])
        let scale = s.demand.scale == 1 ? "" : " after scale \(Format.number(s.demand.scale, decimals: 2))"
        t.add(["flows", "\(n(sum.flows)) (\(Format.number(sum.tripsPerDay)) trip attempts per day\(scale); profiles \(profileList(sum.profilesUsed)))"])
        var fleet = "\(n(sum.fleet)) bikes"
        if let cap = s.fleetCap {
            fleet += " against a cap of \(n(cap))" + (cap > 0 ? " (\(Format.percent(Double(sum.fleet) / Double(cap))))" : "")
        }
        t.add(["fleet", fleet])
        t.add(["days", "\(s.days) (\(s.warmupDays) warm-up), samples every \(s.sampleMinutes) min, seed \(s.seed)"])
        if let trucks = s.trucks {
            let shifts = trucks.shifts.isEmpty ? "all day" : trucks.shifts.map(\.description).joined(separator: ", ")
            t.add(["trucks", "\(trucks.count) × \(trucks.capacity) bikes at \(Format.number(trucks.speedKmh)) km/h, depot \(trucks.depot), shifts \(shifts)"])
        } else {
            t.add(["trucks", "none"])
        }
        let p = s.policy
        t.add(["policy", "\(p.name) (high \(Format.number(p.high, decimals: 2)), target \(Format.number(p.target, decimals: 2)), low \(Format.number(p.low, decimals: 2)); \(p.zones.count) zone override\(p.zones.count == 1 ? "" : "s"))"])
        let release = formatClock(s.releaseFrom)
        t.add(["rules", "held bikes go back out first from \(release); a zone over capacity must be cleared within \(Format.number(p.clearanceMinutes)) min"])
        let body = t.render().split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
        return "\(file): valid\n" + body
    }
}
