import TideSimBuffers
/// The version of tidesim, printed by `--version` and written into every JSON document.
public enum TideSimVersion {
    public static let string = "0.4.0"
}
