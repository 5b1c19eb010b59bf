/// Spec: core/binary/modules — encodes a module in the binary format.
///
/// The output is canonical, and byte for byte what `wasm-tools parse` (then `strip`) writes for
/// the same module: sections in the spec's order with empty ones left out, LEB128 integers in
/// their shortest form, runs of equal locals grouped, the shortest element and data segment forms.
/// Custom sections are put back after the section they followed.
public func encodeModule(_ module: Module) -> [UInt8] {
    ModuleEncoder.encode(module)
}

/// Spec: core/binary/modules — the module encoder.
public enum ModuleEncoder {
    /// Spec: core/binary/modules — the magic number, `\0asm`.
    public static let magic: [UInt8] = [0x00, 0x61, 0x73, 0x6D]
    /// Spec: core/binary/modules — the version, 1.
    public static let version: [UInt8] = [0x01, 0x00, 0x00, 0x00]

    /// Spec: core/binary/modules — the magic, the version, then the sections.
    public static func encode(_ module: Module) -> [UInt8] {
        var w = BinaryWriter()
        w.raw(magic)
        w.raw(version)
        customSections(of: module, after: 0, into: &w)
        for id in SectionID.order {
            if let contents = sectionContents(id, of: module) {
                w.byte(id.rawValue)
                w.length(contents.count)
                w.raw(contents)
            }
            // A custom section recorded after a section this encoding leaves out (an empty one)
            // still goes where that section would have been.
            customSections(of: module, after: id.rawValue, into: &w)
        }
        return w.bytes
    }

    /// Spec: core/binary/modules — custom sections: a name and uninterpreted bytes. Writes those
    /// recorded as following section `id`.
    static func customSections(of module: Module, after id: UInt8, into w: inout BinaryWriter) {
        for custom in module.customSections where custom.after == id {
            w.section(SectionID.custom.rawValue) { s in
                s.name(custom.name)
                s.raw(custom.bytes)
            }
        }
    }

    /// The contents of one section, or `nil` when the module has nothing to put in it.
    static func sectionContents(_ id: SectionID, of module: Module) -> [UInt8]? {
        var w = BinaryWriter()
        switch id {
        case .custom:
            return nil
        case .type:
            guard !module.recursionGroups.isEmpty else { return nil }
            w.vector(module.recursionGroups) { $0.recursionGroup($1) }
        case .import:
            guard !module.imports.isEmpty else { return nil }
            w.vector(module.imports) { $0.import($1) }
        case .function:
            guard !module.functions.isEmpty else { return nil }
            w.vector(module.functions) { $0.u32($1.typeIndex) }
        case .table:
            guard !module.tables.isEmpty else { return nil }
            w.vector(module.tables) { $0.table($1) }
        case .memory:
            guard !module.memories.isEmpty else { return nil }
            w.vector(module.memories) { $0.memoryType($1) }
        case .tag:
            guard !module.tags.isEmpty else { return nil }
            w.vector(module.tags) { $0.tag(typeIndex: $1) }
        case .global:
            guard !module.globals.isEmpty else { return nil }
            w.vector(module.globals) { w, global in
                w.globalType(global.type)
                w.expression(global.initializer)
            }
        case .export:
            guard !module.exports.isEmpty else { return nil }
            w.vector(module.exports) { $0.export($1) }
        case .start:
            guard let start = module.start else { return nil }
            w.u32(start)
        case .element:
            guard !module.elements.isEmpty else { return nil }
            w.vector(module.elements) { $0.elementSegment($1) }
        case .dataCount:
            guard module.hasDataCount else { return nil }
            w.length(module.data.count)
        case .code:
            guard !module.functions.isEmpty else { return nil }
            w.vector(module.functions) { $0.code($1) }
        case .data:
            guard !module.data.isEmpty else { return nil }
            w.vector(module.data) { $0.dataSegment($1) }
        }
        return w.bytes
    }
}

/// Spec: core/binary/modules — the entries of each section.
extension BinaryWriter {
    /// Spec: core/binary/modules — an import: module name, item name, description.
    mutating func `import`(_ i: Import) {
        name(i.module)
        name(i.name)
        switch i.descriptor {
        case .function(let x):
            byte(ExternalKindCode.function.rawValue)
            u32(x)
        case .table(let t):
            byte(ExternalKindCode.table.rawValue)
            tableType(t)
        case .memory(let m):
            byte(ExternalKindCode.memory.rawValue)
            memoryType(m)
        case .global(let g):
            byte(ExternalKindCode.global.rawValue)
            globalType(g)
        case .tag(let x):
            byte(ExternalKindCode.tag.rawValue)
            tag(typeIndex: x)
        }
    }

    /// Spec: core/binary/modules — an export: name and description.
    mutating func export(_ e: Export) {
        name(e.name)
        switch e.descriptor {
        case .function(let x):
            byte(ExternalKindCode.function.rawValue)
            u32(x)
        case .table(let x):
            byte(ExternalKindCode.table.rawValue)
            u32(x)
        case .memory(let x):
            byte(ExternalKindCode.memory.rawValue)
            u32(x)
        case .global(let x):
            byte(ExternalKindCode.global.rawValue)
            u32(x)
        case .tag(let x):
            byte(ExternalKindCode.tag.rawValue)
            u32(x)
        }
    }

    /// Exception handling — a tag type: the attribute 0x00 (exception), then a type index.
    mutating func tag(typeIndex: UInt32) {
        byte(0x00)
        u32(typeIndex)
    }

    /// Spec: core/binary/modules — a table: its type, or (typed function references) 0x40 0x00,
    /// its type and its initializer.
    mutating func table(_ t: Table) {
        guard let initializer = t.initializer else { return tableType(t.type) }
        byte(0x40)
        byte(0x00)
        tableType(t.type)
        expression(initializer)
    }

    /// Spec: core/binary/modules — a code entry: its size, then the locals (consecutive locals of
    /// one type form one run) and the body.
    mutating func code(_ f: Function) {
        var body = BinaryWriter()
        var runs: [(count: UInt32, type: ValueType)] = []
        for local in f.locals {
            if let last = runs.last, last.type == local, last.count < UInt32.max {
                runs[runs.count - 1].count += 1
            } else {
                runs.append((1, local))
            }
        }
        body.vector(runs) { w, run in
            w.u32(run.count)
            w.valueType(run.type)
        }
        body.expression(f.body)
        length(body.bytes.count)
        raw(body.bytes)
    }

    /// Spec: core/binary/modules — element segments, in the shortest of the eight forms that says
    /// the segment: flag bit 0 for passive or declarative, bit 1 for an explicit table index (or
    /// declarative), bit 2 for expressions; forms 0 and 4 leave out the table index 0 and `funcref`
    /// (unless the segment `namesTable`, as wasm-tools writes it when the text names the table).
    mutating func elementSegment(_ e: ElementSegment) {
        var items = e.items
        // Plain function indices can only be written for `funcref` segments (element kind 0x00).
        if case .functions(let indices) = items, e.type != .funcRef {
            items = .expressions(indices.map { [Instruction(.refFunc, .index($0))] })
        }
        let usesExpressions: Bool
        if case .expressions = items { usesExpressions = true } else { usesExpressions = false }
        var flags: UInt32 = usesExpressions ? 0x04 : 0
        var implicit = false
        switch e.mode {
        case .active(let table, _):
            if table == 0 && e.type == .funcRef && !e.namesTable { implicit = true } else { flags |= 0x02 }
        case .passive:
            flags |= 0x01
        case .declarative:
            flags |= 0x03
        }
        u32(flags)
        if case .active(let table, let offset) = e.mode {
            if !implicit { u32(table) }
            expression(offset)
        }
        if !implicit {
            if usesExpressions { referenceType(e.type) } else { byte(0x00) }
        }
        switch items {
        case .functions(let indices): vector(indices) { $0.u32($1) }
        case .expressions(let expressions): vector(expressions) { $0.expression($1) }
        }
    }

    /// Spec: core/binary/modules — data segments: active in memory 0 (form 0), passive (1), or
    /// active with an explicit memory index (2).
    mutating func dataSegment(_ d: DataSegment) {
        switch d.mode {
        case .active(0, let offset):
            u32(0)
            expression(offset)
        case .passive:
            u32(1)
        case .active(let memory, let offset):
            u32(2)
            u32(memory)
            expression(offset)
        }
        length(d.bytes.count)
        raw(d.bytes)
    }
}
