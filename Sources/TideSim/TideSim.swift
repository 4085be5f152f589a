// The library users import: every layer of tidesim, re-exported. The layers, from the bottom:
// TideSimBuffers (raw buffers) → TideSimCore (ids, coordinates, time windows, errors, random
// numbers) → TideSimModel (scenario, model, demand) → TideSimEngine (event loop, actors,
// policies, metrics, replications) → TideSimIO (scenario files, real-data readers, writers) →
// TideSimReports (text, HTML/SVG, languages). docs/architecture.md draws them.
@_exported import TideSimBuffers
@_exported import TideSimCore
@_exported import TideSimModel
@_exported import TideSimEngine
@_exported import TideSimIO
@_exported import TideSimReports
