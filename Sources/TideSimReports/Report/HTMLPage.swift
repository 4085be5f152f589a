import TideSimIO
import TideSimEngine
import TideSimModel
import TideSimCore
/// The shell of a self-contained report page: one file, inline CSS, inline SVG, no script, no
/// network; readable on a laptop and printable.
enum HTMLPage {
    static let css = """
        body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;
        margin:0 auto;max-width:1100px;padding:16px 24px;color:#222;line-height:1.4}
        h1{font-size:1.5em;margin:.2em 0}h3{font-size:1em;margin:.8em 0 .2em}h2{font-size:1.15em;margin:1.4em 0 .4em;border-bottom:1px solid #ddd}
        .prov{color:#555;font-size:.9em}.note{color:#555;font-size:.9em}
        table{border-collapse:collapse;font-size:.88em;margin:.4em 0}th,td{padding:2px 8px;border-bottom:1px solid #eee;text-align:right}
        th{background:#f3f3f3}td{white-space:nowrap}td.l,th.l{text-align:left;white-space:normal}
        svg{max-width:100%;height:auto;font-size:10px;font-family:inherit}svg text{fill:#333}
        .grid{display:flex;flex-wrap:wrap;gap:16px}.grid>div{flex:1 1 460px}
        .kpi{display:inline-block;margin:4px 14px 4px 0}.kpi b{font-size:1.3em;display:block}
        .good{color:#1a7f37}.bad{color:#b42318}
        @media print{body{max-width:none;padding:0}h2{break-after:avoid}svg,table{break-inside:avoid}}
        """

    /// A page with a title, the provenance line and the body.
    static func page(title: String, provenance: Provenance, body: String, language: ReportLanguage = .en) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language == .zh ? "zh-CN" : "en")"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(SVG.escape(title))</title><style>\(css)</style></head>
        <body><h1>\(SVG.escape(title))</h1><p class="prov">\(SVG.escape(provenance.line(language)))</p>
        \(body)
        </body></html>

        """
    }

    /// A table: a header row and rows of cells; columns in `left` are left-aligned.
    static func table(_ header: [String], _ rows: [[String]], left: Set<Int> = [0]) -> String {
        var out = "<table><tr>"
        for (i, h) in header.enumerated() { out += "<th\(left.contains(i) ? " class=\"l\"" : "")>\(SVG.escape(h))</th>" }
        out += "</tr>"
        for row in rows {
            out += "<tr>"
            for (i, c) in row.enumerated() { out += "<td\(left.contains(i) ? " class=\"l\"" : "")>\(SVG.escape(c))</td>" }
            out += "</tr>"
        }
        return out + "</table>"
    }
}
