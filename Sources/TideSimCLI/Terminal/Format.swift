import TideSim

/// The CLI's name for the library's number formatting.
typealias Format = NumberFormat
