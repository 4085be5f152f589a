import TideSimIO
import TideSimEngine
import TideSimModel
import TideSimCore
/// The KPIs' labels and units in the reports' other languages, by KPI key: the words are the
/// reports', the KPI table (`KPIInfo`) keeps only what files and the engine need.
enum KPIWords {
    /// Labels in Chinese (`--lang zh`), by KPI key (a key in two tables has one label).
    static let chineseLabels: [String: String] = [
        "inspections": "检查次数", "overCapacityFound": "发现超容的检查", "detectionRate": "被发现的超容事件", "minutesToDetection": "发现前分钟数",
        "workOrders": "整改工单", "ordersMetInTime": "按时完成的工单", "ordersLate": "逾期工单", "penaltyPoints": "扣分",
        "tripAttempts": "出行尝试",
        "tripsServed": "完成出行",
        "tripsLost": "流失出行",
        "tripsWalked": "步行换点出行",
        "serviceLevel": "服务水平",
        "failedReturns": "还车失败",
        "overflowBikeHours": "溢出车辆·小时",
        "peakOverflowBikes": "峰值溢出车辆",
        "hotspotZones": "热点区域",
        "bikesToHolding": "运入停放区车辆",
        "bikesFromHolding": "运出停放区车辆",
        "holdingPeakFill": "停放区峰值占用率",
        "truckKm": "货车里程",
        "truckBusyHours": "货车作业时长",
        "turnover": "周转率",
        "fleet": "车队规模",
        "clearanceBreaches": "超时未清理",
        "minutesOverCapacity": "超容时长",
        "emptyMinutes": "无车时长",
        "peakPressure": "峰值压力（车辆/容量）",
        "meanBikes": "平均车辆数",
        "rentals": "借车",
        "returns": "还车",
        "lostRentals": "流失借车",
        "walkedFrom": "步行离开",
        "overflowEpisodes": "超容次数",
        "longestOverflowMinutes": "最长超容",
        "peakFill": "峰值占用率",
        "bikesIn": "运入",
        "bikesOut": "运出",
    ]

    /// Units in Chinese, by the English unit.
    static let chineseUnits: [String: String] = [
        "trips": "次",
        "%": "%",
        "returns": "次",
        "bike-h": "辆·小时",
        "bikes": "辆",
        "zones": "个",
        "km": "公里",
        "h": "小时",
        "trips per bike per day": "次/辆/日",
        "episodes per day": "次/日",
        "min": "分钟",
        "ratio": "倍",
        "episodes": "次",
        "visits": "次", "orders": "单", "points": "分",
    ]
}

extension KPIInfo {
    /// The label in a report's language.
    public func label(_ language: ReportLanguage) -> String { language == .zh ? KPIWords.chineseLabels[key] ?? label : label }
    /// The unit in a report's language.
    public func unit(_ language: ReportLanguage) -> String { language == .zh ? KPIWords.chineseUnits[unit] ?? unit : unit }
}

extension SystemKPI {
    /// The label for a run that measures `days` days: totals say over how many days, rates say
    /// per day (a one-day run needs neither).
    public func label(measuredDays days: Int, _ language: ReportLanguage = .en) -> String {
        let label = info.label(language)
        guard days > 1 else { return label }
        switch (info.scope, language) {
        case (.total, .en): return "\(label) (over \(days) days)"
        case (.total, .zh): return "\(label)（\(days) 日合计）"
        case (.perDay, .en): return "\(label) (per day)"
        case (.perDay, .zh): return "\(label)（每日）"
        case (.state, _): return label
        }
    }
}

extension ZoneClock {
    /// The label of reports.
    public func label(_ language: ReportLanguage = .en) -> String {
        switch (self, language) {
        case (.peakTime, .en): return "peak time"
        case (.firstOverCapacity, .en): return "first over cap"
        case (.lastOverCapacity, .en): return "last over cap"
        case (.peakTime, .zh): return "峰值时刻"
        case (.firstOverCapacity, .zh): return "首次超容"
        case (.lastOverCapacity, .zh): return "最后超容"
        }
    }
}
