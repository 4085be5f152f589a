import TideSimIO
import TideSimEngine
import TideSimModel
import TideSimCore
/// The language of the text and HTML reports: English (the default) or Chinese, chosen with
/// `--lang` or the `TIDESIM_LANG` environment variable. Files (CSV, JSON, GeoJSON) keep their
/// English keys in every language.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case en, zh

    /// `--lang` if given, else `TIDESIM_LANG`, else English. `zh_CN.UTF-8` and the like read as `zh`.
    /// - Throws: ``TideSimError/usage(_:)`` for a language that is not one of these.
    public static func choose(flag: String?, environment: String?) throws(TideSimError) -> ReportLanguage {
        if let flag {
            guard let l = ReportLanguage(rawValue: flag.lowercased()) else {
                throw .usage("--lang expects en or zh, got \(Quote.input(flag))")
            }
            return l
        }
        guard let env = environment?.lowercased(), !env.isEmpty else { return .en }
        if let l = ReportLanguage(rawValue: env) { return l }
        if env.hasPrefix("zh") { return .zh }
        // Any other setting (fr_FR.UTF-8, a locale the reports lack) reads English: an
        // environment variable must not stop every run.
        return .en
    }
}

/// The words of the reports in their language: English text is the key, and `{0}`, `{1}`, ...
/// in it are filled in order. A phrase without a translation stays English (a test renders every
/// report in Chinese and checks that no English phrase is left).
public struct ReportWords: Sendable {
    public let language: ReportLanguage

    public init(_ language: ReportLanguage) { self.language = language }

    /// The phrase in the report's language, with its placeholders filled.
    public func callAsFunction(_ english: String, _ values: CustomStringConvertible...) -> String {
        var text = language == .zh ? (ReportWords.chinese[english] ?? english) : english
        for (i, v) in values.enumerated() { text = text.replacingOccurrences(of: "{\(i)}", with: v.description) }
        return text
    }

    /// `1 replication`, `3 replications`; in Chinese the count and the one word.
    public func count(_ n: Int, _ one: String, _ many: String) -> String {
        "\(NumberFormat.number(Double(n))) " + (language == .zh ? (ReportWords.chinese["#" + many] ?? many) : (n == 1 ? one : many))
    }

    static let chinese: [String: String] = [
        // Counted things.
        "#replications": "次重复", "#days": "天", "#warm-up days": "天预热",
        // Run report.
        "policy {0}, seed {1}, {2}, {3} measured": "策略 {0}，随机种子 {1}，{2}，统计 {3}",
        " after {0}": "（另有 {0}）",
        "what-ifs: {0}": "情景设定：{0}",
        "no demand: the scenario has no flows; add them with tidesim calibrate, or replay a real day with --replay":
            "无需求：情景中没有出行流；可用 tidesim calibrate 添加，或用 --replay 回放真实的一天",
        "values are means ± the half-width of the 95% confidence interval": "数值为均值 ± 95% 置信区间半宽",
        "System": "系统指标", "of which walked": "其中步行换点", "(over {0} days)": "（{0} 日合计）",
        "clearance breaches per day (> {0} min)": "超时未清理（每日，> {0} 分钟）",
        "Fleet {0} bikes": "车队 {0} 辆", " against a cap of {0} ({1})": "，总量上限 {0}（{1}）", " against a cap of 0": "，总量上限 0",
        ", {0} over the cap": "，超出上限 {0} 辆", " (no fleet.cap in the scenario)": "（情景未设总量上限 fleet.cap）",
        "Turnover {0} trips per bike per day": "周转率 {0} 次/辆/日",
        "overflow bike-hours, then failed returns": "溢出车辆·小时，其次还车失败", "overflow bike-hours": "溢出车辆·小时",
        "Hotspots (top {0} of {1} zones by {2}; peak = most bikes / capacity)": "热点区域（{1} 个区域中按{2}排名前 {0}；峰值 = 最多车辆 / 容量）",
        "zone": "区域", "name": "名称", "capacity": "容量", "peak": "峰值", "peak time": "峰值时刻", "over cap": "超容时段",
        "minutes over cap": "超容分钟", "episodes": "超容次数", "longest min": "最长(分钟)", "breaches": "超时次数",
        "overflow bike-h": "溢出车辆·小时", "failed returns": "还车失败", "lost rentals": "流失借车",
        "Holding areas": "临时停放区", "Holding areas (the {0} busiest of {1} by bikes in)": "临时停放区（{1} 个中运入最多的 {0} 个）",
        "area": "停放区", "open": "开放时间", "all day": "全天", "peak fill": "峰值占用率", "mean bikes": "平均车辆数",
        "bikes in": "运入", "bikes out": "运出",
        // Compare report.
        "{0} per policy, seed {1}; every policy faces the same riders": "每种策略 {0}，随机种子 {1}；各策略面对完全相同的骑行需求",
        "System KPIs": "系统指标", "KPI": "指标",
        "Paired differences against {0} (same riders; an interval that excludes 0 is a real difference)": "相对 {0} 的配对差值（相同骑行需求；区间不含 0 即为真实差异）",
        "What each policy trades against {0}": "各策略相对 {0} 的得失",
        // The dispatch bound (--bound).
        "bound": "下界", "{0} closes": "{0} 缩小差距",
        "The best any dispatch could do (lower bounds on the same riders, docs/bound.md)": "任何调度所能达到的最好结果（相同骑行需求下的下界，见 docs/bound.md）",
        "{0} closes {1}": "{0} 缩小了{1}", "{0} of what any dispatch could on {1}": "{1}上与最优调度之间差距的 {0}", "{0} on {1}": "{1}上的 {0}",
        "{0}: no gap between none and the bound": "{0}：无调度与下界之间没有差距", ", ": "，",
        "The best any dispatch could do": "任何调度所能达到的最好结果",
        "Lower bounds on the same riders that no dispatch with these trucks, shifts and holding areas can beat (docs/bound.md), and the share of the gap between none and the bound that each policy closes.": "在相同骑行需求下，使用这些货车、班次和临时停放区的任何调度都无法突破的下界（见 docs/bound.md），以及各策略缩小的“无调度”与下界之间差距的比例。",
        "Share of the gap each policy closes": "各策略缩小差距的比例", "In {0}:": "在 {0} 中：",
        "bound: what no dispatch can beat": "下界：任何调度都无法突破",
        // Maps of spread systems.
        "Area {0}: {1} zones around {2}": "区域 {0}：{2} 周边 {1} 个区域",
        " The zones lie in {0} areas far apart: each has a map of its own.": " 各区域分布在 {0} 个相距较远的片区：每个片区单独成图。",
        // Costs.
        "Cost of the levers {0} {1} a day: {2} {3}, {4} {5}, {6} {7}": "调控手段每日成本 {0} {1}：{2} {3}，{4} {5}，{6} {7}",
        "#trucks": "辆货车", "#holding areas": "个停放区", "#bikes": "辆车",
        "cost of the levers a day": "调控手段每日成本",
        // Comparison of variants.
        "variants": "方案", "Variants": "方案",
        "the scenario as it is": "场景原样",
        "{0} per variant and policy, seed {1}; every variant and policy faces the same riders": "每个方案与策略 {0}，随机种子 {1}；各方案与策略面对完全相同的骑行需求",
        "Policy {0}": "策略 {0}",
        "Paired differences against {0} (same riders, same policy)": "相对 {0} 的配对差值（相同骑行需求，相同策略）",
        "In {0}, what each policy trades against {1}": "在 {0} 中，各策略相对 {1} 的得失",
        "Hotspots side by side (top {0} zones by overflow bike-hours under {1})": "热点区域对比（按 {1} 下溢出车辆·小时排名前 {0}）",
        "over capacity, first to last (median over replications)": "超容时段，首次至最后（各次重复的中位数）",
        "loses": "多流失", "saves": "少流失", "adds": "增加", "clears": "减少", "avoids": "避免", "drives": "多行驶", "drives less by": "少行驶",
        "no clear change in {0}": "{0}无明显变化", "{0} undefined": "{0}无定义", "(one replication)": "（仅一次重复）",
        // HTML.
        "At a glance": "概览", "Where: the map": "哪里：地图", "When: pressure by time of day": "何时：各时段压力",
        "The day's state": "全天状态", "Holding areas: how full": "临时停放区占用", "Trucks at work": "货车作业",
        "Hotspots": "热点区域", "What produced this": "生成信息",
        "Circles are zones, sized by capacity and coloured by peak pressure (most bikes over capacity); squares are holding areas. Hover for names and numbers.":
            "圆点为区域，大小表示容量，颜色表示峰值压力（最多车辆 / 容量）；方块为临时停放区。鼠标悬停可见名称与数据。",
        " The {0} zones with the least overflow are left out.": " 溢出最少的 {0} 个区域未画出。",
        "No zone has coordinates, so there is no map.": "没有区域带坐标，无法绘制地图。",
        "Bikes / capacity, averaged over the replications: the {0} zones with the most overflow, then those that run empty longest": "车辆 / 容量，各次重复取平均：溢出最多的 {0} 个区域，以及无车时间最长的区域",
        " ({0} other zones not shown)": "（另有 {0} 个区域未显示）",
        "No time series was recorded.": "未记录时间序列。",
        "Where the {0} bikes are, averaged over the replications.": "{0} 辆车分布在何处（各次重复取平均）。",
        "The {0} busiest of {1} holding areas.": "{1} 个临时停放区中最繁忙的 {0} 个。",
        "Trucks on an order (driving, loading or unloading), of {0}, averaged over the replications.": "执行任务中的货车（行驶、装车或卸车），共 {0} 辆，各次重复取平均。",
        "The {0} of {1} zones with the most overflow. Peak = most bikes / capacity. A breach is an episode over capacity longer than {2} minutes.":
            "{1} 个区域中溢出最多的 {0} 个。峰值 = 最多车辆 / 容量。超时指超容持续超过 {2} 分钟。",
        "first over": "首次超容", "last over": "最后超容", "value": "数值", "unit": "单位",
        "The {0} of {1} zones with the most failed returns, then lost rentals. Peak = most bikes / capacity.":
            "{1} 个区域中还车失败最多（其次为流失借车）的 {0} 个。峰值 = 最多车辆 / 容量。",
        "failed returns, then lost rentals": "还车失败，其次流失借车",
        "Hotspots side by side (top {0} zones by failed returns under {1})": "热点区域对比（按 {1} 下还车失败排名前 {0}）",
        "minutes empty": "无车时长",
        "Means ± the half-width of the 95% confidence interval over {0} replications.": "{0} 次重复的均值 ± 95% 置信区间半宽。",
        "tidesim": "tidesim", "scenario file": "情景文件", "scenario": "情景", "seed": "随机种子", "policy": "策略",
        "replications": "重复次数", "policies": "策略", "days": "天数", "what-ifs": "情景设定", "none": "无",
        "{0} ({1} warm-up), samples every {2} min": "{0} 天（{1} 天预热），每 {2} 分钟采样",
        "bikes / capacity": "车辆 / 容量", "bikes": "车辆", "fill": "占用率", "trucks": "货车",
        "parked in zones": "停在区域", "in holding areas": "在停放区", "on trucks": "在货车上", "being ridden": "骑行中",
        "trucks on an order": "执行任务的货车", "depot": "车场", "Map of the zones": "区域地图",
        "Pressure by zone and time of day": "各区域各时段压力",
        // Compare HTML.
        "Paired differences over the same riders; a change is named only when its 95% interval excludes 0.": "基于相同骑行需求的配对差值；仅当 95% 区间不含 0 时才列出变化。",
        "Means ± the half-width of the 95% confidence interval over {0} replications per policy.": "每种策略 {0} 次重复的均值 ± 95% 置信区间半宽。",
        "Paired differences against {0}": "相对 {0} 的配对差值", "Green is better, red worse, where the interval excludes 0.": "区间不含 0 时，绿色为改善，红色为变差。",
        "Hotspots side by side": "热点区域对比",
        "The {0} of {1} zones with the most overflow under {2}: overflow bike-hours, lost rentals, and when the zone was over capacity (first to last, median over replications).":
            "{2} 下 {1} 个区域中溢出最多的 {0} 个：溢出车辆·小时、流失借车，以及超容时段（首次至最后，各次重复的中位数）。",
        "Overflow bike-hours": "溢出车辆·小时", "Lost rentals": "流失借车", "Over capacity, first to last": "超容时段（首次至最后）",
        "Failed returns": "还车失败", "Minutes empty": "无车时长",
        "The {0} of {1} zones with the most failed returns under {2}: failed returns, lost rentals and minutes empty.":
            "{2} 下还车失败最多的 {0} 个区域（共 {1} 个）：还车失败、流失借车与无车时长。",
        "more trips lost than {0} →": "比 {0} 多流失的出行 →", "more overflow bike-hours →": "更多溢出车辆·小时 →",
        "Trade-off of each policy": "各策略的取舍",
        "policy {0}": "策略 {0}", "{0} vs {1}": "{0} 对比 {1}", "seed {0}": "随机种子 {0}", "policies {0}": "策略 {0}",
        "no what-ifs": "无情景设定",
        "{0} ({1}, {2}): capacity {3}": "{0}（{1}，{2}）：容量 {3}", ", peak {0}× at {1}": "，峰值 {0} 倍于 {1}",
        ", {0} overflow bike-h, {1} lost rentals": "，溢出 {0} 辆·小时，流失借车 {1} 次",
        "{0} ({1}): holding area, capacity {2}, peak fill {3}": "{0}（{1}）：临时停放区，容量 {2}，峰值占用率 {3}",
        ", truck depot": "，货车车场",
        // Operators.
        "operator": "运营商", "share": "份额", "quota": "配额", "fleet": "车队",
        "trips served": "完成出行", "trips lost": "流失出行", "service level": "服务水平",
        "bike-h above fair share": "超出公平份额的车辆·小时", "breaches answered": "应负责的超时次数", "placed": "投放",
        "Placed above the quota and not deployed: {0}": "超出配额未投放：{0}", "truck km": "货车里程",
        
        "Operators' quotas total {0} bikes": "各运营商配额合计 {0} 辆", ", {0} the cap of {1}": "，{0}总量上限 {1}",
        "above": "超出", "within": "未超出",
        "Operators": "运营商", "hour": "时段", "found over capacity": "发现超容",
        "Over the day: visits, visits that found the zone over capacity, and work orders, by hour.": "全天：各时段的检查次数、发现超容次数与整改工单。", ", {0} inspector visits, {1} work orders": "，检查 {0} 次，整改工单 {1} 张",
        " Purple rings: zones where inspectors gave work orders.": " 紫色圆环：检查员开出整改工单的区域。", "Inspections": "飞行检查", "Inspections: {0}": "飞行检查：{0}",
        "{0} on a {1} route, shifts {2}; {3} minutes to respond": "{0}，{1}路线，班次 {2}；限时 {3} 分钟整改",
        "#inspectors": "名检查员", "random": "随机", "watchlist": "重点名单",
        "visits": "检查次数", "work orders": "整改工单", "orders late": "逾期工单", "penalty points": "扣分",
        "Where the inspectors went (the {0} zones with the most work orders, then visits)": "检查员去了哪里（工单最多、其次检查最多的 {0} 个区域）", "bikes at the peak ({0})": "峰值时车辆（{0}）", "Who is responsible for the piles": "堆积由谁负责",
        "An operator answers for the bikes above its fair share (share × capacity) of a zone over capacity.":
            "区域超容时，运营商对其超出公平份额（份额 × 容量）的车辆负责。",
        "Bike-hours above each operator's fair share while the zone was over capacity, and its part, at the worst hotspots.":
            "最严重热点区域超容期间，各运营商超出公平份额的车辆·小时及占比。",
        "Operators (an operator answers for the bikes above its fair share, share × capacity, of a zone over capacity)":
            "运营商（区域超容时，运营商对其超出公平份额（份额 × 容量）的车辆负责）",
        "Who is responsible for the piles (bike-hours above each operator's fair share, and its part)":
            "堆积由谁负责（各运营商超出公平份额的车辆·小时及占比）", "{0} {1}: {2} bikes, {3}×": "{0} {1}：{2} 辆，{3} 倍",
    ]
}
