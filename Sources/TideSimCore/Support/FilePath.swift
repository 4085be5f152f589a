import TideSimBuffers
/// Path arithmetic on plain strings, by POSIX rules (`dirname`, `basename`).
///
/// Foundation's `NSString` path methods trap on Linux for some short paths (a one-character
/// path such as `h` or `-`), so tidesim never calls them.
public enum FilePath {
    /// The directory part: `x/y` for `x/y/z`, `.` for `z`, `/` for `/z` and for `/`. Trailing
    /// slashes are not a component (`a/b/` has the parent `a`).
    public static func parent(_ path: String) -> String {
        let bytes = Array(trimmingTrailingSlashes(path).utf8)
        guard !bytes.isEmpty else { return path.isEmpty ? "." : "/" }
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        var end = slash
        while end > 0 && bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
        return end == 0 ? "/" : String(decoding: bytes[..<end], as: UTF8.self)
    }

    /// The directory part as the user wrote it: empty for a bare file name (`city.json`), so that
    /// paths made from it read as the user's own (`zones.csv`, not `./zones.csv`).
    public static func directoryPart(_ path: String) -> String {
        path.contains("/") ? parent(path) : ""
    }

    /// The last component: `z` for `x/y/z` and for `z/`, `/` for `/`, empty for an empty path.
    public static func lastComponent(_ path: String) -> String {
        let trimmed = trimmingTrailingSlashes(path)
        if trimmed.isEmpty { return path.isEmpty ? "" : "/" }
        let bytes = Array(trimmed.utf8)
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return trimmed }
        return String(decoding: bytes[(slash + 1)...], as: UTF8.self)
    }

    /// `directory/name`; `name` alone when it is absolute or the directory is empty.
    public static func join(_ directory: String, _ name: String) -> String {
        if name.hasPrefix("/") || directory.isEmpty { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// A file name without its extension: `city` for `city.json`; a leading dot is not one
    /// (`.json` stays `.json`).
    public static func removingExtension(_ name: String) -> String {
        let bytes = Array(name.utf8)
        guard let dot = bytes.lastIndex(of: UInt8(ascii: ".")), dot > 0 else { return name }
        return String(decoding: bytes[..<dot], as: UTF8.self)
    }

    private static func trimmingTrailingSlashes(_ path: String) -> String {
        var s = Substring(path)
        while s.count > 0 && s.hasSuffix("/") { s = s.dropLast() }
        return String(s)
    }
}
