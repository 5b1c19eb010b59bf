/// Spec: annotations proposal, custom annotations — `(@custom "name" place? datastring)`: a custom
/// section in the text format, placed `(before first)`, `(before sec)`, `(after sec)` or `(after last)`
/// (the default).
enum CustomAnnotation {
    /// The sections a custom section can be placed around, in binary order, with their ids.
    static let sections: [(name: String, id: UInt8)] = [
        ("type", 1), ("import", 2), ("func", 3), ("table", 4), ("memory", 5), ("tag", 13), ("global", 6),
        ("export", 7), ("start", 8), ("elem", 9), ("datacount", 12), ("code", 10), ("data", 11),
    ]

    /// Reads the annotation at `range` of `source` into a custom section.
    static func parse(_ source: [UInt8], _ range: Range<Int>, features: Features) throws -> CustomSection {
        // Lex the inside of the annotation, between `(@custom` and its closing `)`.
        let inner = (range.lowerBound + 8)..<Swift.max(range.lowerBound + 8, range.upperBound - 1)
        var lexer = Lexer(Array(source[inner]))
        var c = TextCursor(source: Array(source[inner]), tokens: try lexer.tokenize())
        let name = try c.expectName()
        var after: UInt8 = 11
        if c.takeLeftParen("before") || c.peekLeftParen("after") {
            let isAfter = c.takeLeftParen("after")
            let place = try c.expectAnyKeyword()
            if place == "first" && !isAfter {
                after = 0
            } else if place == "last" && isAfter {
                after = 11
            } else if let i = sections.firstIndex(where: { $0.name == place }) {
                after = isAfter ? sections[i].id : (i > 0 ? sections[i - 1].id : 0)
            } else {
                c.position -= 1
                throw c.unexpected()
            }
            try c.expectRightParen()
        }
        var bytes: [UInt8] = []
        while let s = c.takeString() { bytes += s }
        guard c.isAtEnd else { throw c.unexpected() }
        return CustomSection(name: name, bytes: bytes, after: after)
    }
}
