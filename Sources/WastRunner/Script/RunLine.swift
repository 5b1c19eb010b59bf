import WasmCore

/// The features a script asks for in its `;; RUN:` line, as wasm-tools' test files write them.
///
/// The first `;; RUN:` line (continued on the next `;;` line after a trailing `\`) may switch
/// features on or off with `-f LIST`, `-f=LIST`, `--features LIST` or `--features=LIST`; they are
/// applied on top of the run's features. Scripts without such a line (the spec's core suite) run
/// with the run's features unchanged.
enum RunLine {
    /// The features for a script whose text is `source`, starting from `base`.
    static func features(in source: [UInt8], base: Features) throws -> Features {
        var result = base
        for list in featureLists(commandLine(in: source)) {
            result = try Features.parse(list, base: result)
        }
        return result
    }

    /// The text of the first `;; RUN:` line with its continuations, or "" if there is none.
    static func commandLine(in source: [UInt8]) -> String {
        var command = ""
        var continuing = false
        // The RUN line sits in the leading comments, before the first command.
        var start = 0
        while start < source.count {
            let end = source[start...].firstIndex(of: 0x0A) ?? source.count
            let line = String(decoding: source[start..<end], as: UTF8.self).trimmingSpaces
            start = end + 1
            if line.isEmpty && !continuing { continue }
            guard line.hasPrefix(";;") else { break }
            var text = String(line.dropFirst(2)).trimmingSpaces
            if !continuing {
                guard text.hasPrefix("RUN:") else { continue }
                text = String(text.dropFirst(4))
            }
            continuing = text.hasSuffix("\\")
            command += " " + (continuing ? String(text.dropLast()) : text)
            if !continuing { break }
        }
        return command
    }

    /// The values of the feature options in a command line.
    static func featureLists(_ command: String) -> [String] {
        let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        var lists: [String] = []
        var i = 0
        while i < words.count {
            let word = words[i]
            if word == "-f" || word == "--features", i + 1 < words.count {
                lists.append(words[i + 1])
                i += 1
            } else if word.hasPrefix("-f=") {
                lists.append(String(word.dropFirst(3)))
            } else if word.hasPrefix("--features=") {
                lists.append(String(word.dropFirst(11)))
            }
            i += 1
        }
        return lists
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and carriage returns.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
