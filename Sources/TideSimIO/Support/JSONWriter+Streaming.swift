import TideSimEngine
import TideSimModel
import TideSimCore
@_spi(RawBytes) import TideSimBuffers
/// Writing a large document piece by piece, without building its ``JSONValue`` tree first (the
/// tree of a 25,000-zone report is a million small values to build, walk and free). The pieces
/// give exactly the text ``JSONWriter/render(_:pretty:)`` gives for the same tree: the caller
/// opens and closes containers and says whether an array is inline, as the renderer decides it
/// (an array is inline when no element is an array or an object).
extension JSONWriter {
    /// Starts an object (a member's value, an array element, or the document).
    mutating func beginObject() {
        append("{")
        openContainers.append((0, false))
    }

    /// Starts a member of the open object: its key; its value follows.
    mutating func key(_ name: String) {
        let level = openContainers.count - 1
        if openContainers[level].count > 0 { append(",") }
        openContainers[level].count += 1
        newline(level + 1)
        quote(name)
        if indentUnit == nil { append(":") } else { append(": ") }
    }

    /// A key quoted once, for a document that writes it many times (a KPI's key in every zone).
    struct Key {
        let name: String
        let quoted: [UInt8]
        init(_ name: String) {
            self.name = name
            var w = JSONWriter()
            w.quote(name)
            quoted = Array(UnsafeBufferPointer(start: w.out.base, count: w.out.count))
        }
    }

    /// ``key(_:)`` with the key quoted beforehand.
    mutating func key(_ name: Key) {
        let level = openContainers.count - 1
        if openContainers[level].count > 0 { append(",") }
        openContainers[level].count += 1
        newline(level + 1)
        name.quoted.withUnsafeBufferPointer { out.append($0) }
        if indentUnit == nil { append(":") } else { append(": ") }
    }

    /// Closes the open object.
    mutating func endObject() {
        let closed = openContainers.removeLast()
        if closed.count > 0 { newline(openContainers.count) }
        append("}")
    }

    /// Starts an array; `inline` when no element will be an array or an object.
    mutating func beginArray(inline: Bool) {
        append("[")
        openContainers.append((0, inline))
    }

    /// Starts an element of the open array; its value follows.
    mutating func element() {
        let level = openContainers.count - 1
        let inline = openContainers[level].inline
        if openContainers[level].count > 0 { if inline && indentUnit != nil { append(", ") } else { append(",") } }
        openContainers[level].count += 1
        if !inline { newline(level + 1) }
    }

    /// Closes the open array.
    mutating func endArray() {
        let closed = openContainers.removeLast()
        if closed.count > 0 && !closed.inline { newline(openContainers.count) }
        append("]")
    }

    /// A whole value (a member's, an element's, or the document), as the renderer writes it there.
    mutating func value(_ v: JSONValue) { write(v, level: openContainers.count) }

    /// A string value.
    mutating func value(_ s: String) { quote(s) }

    /// An object of three members whose values are numbers (nil: null), as a value: the text of
    /// ``beginObject()``, three ``key(_:)`` and values, ``endObject()``, written without the
    /// bookkeeping of an open container (a report writes one per zone and KPI: half a million
    /// for a city of 23,000 zones).
    mutating func numberObject(_ a: Key, _ x: Double?, _ b: Key, _ y: Double?, _ c: Key, _ z: Double?) {
        let level = openContainers.count
        append("{")
        numberMember(a, x, level + 1)
        append(",")
        numberMember(b, y, level + 1)
        append(",")
        numberMember(c, z, level + 1)
        newline(level)
        append("}")
    }

    @inline(__always) private mutating func numberMember(_ name: Key, _ x: Double?, _ level: Int) {
        newline(level)
        name.quoted.withUnsafeBufferPointer { out.append($0) }
        if indentUnit == nil { append(":") } else { append(": ") }
        if let x { number(x) } else { append("null") }
    }

    /// A number value (null when not finite).
    mutating func value(_ x: Double) { number(x) }

    /// A member with a string value.
    mutating func member(_ name: String, _ s: String) { key(name); quote(s) }

    /// A member with a number value.
    mutating func member(_ name: String, _ x: Double) { key(name); number(x) }

    /// A member with any value.
    mutating func member(_ name: String, _ v: JSONValue) { key(name); value(v) }

    /// The document so far as text, with the final newline of a pretty document.
    mutating func finish() -> String {
        if indentUnit != nil { out.append(UInt8(ascii: "\n")) }
        return out.string
    }
}
