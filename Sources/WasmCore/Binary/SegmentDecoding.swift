/// Spec: core/binary/modules — the entries of the import, export, table, tag, element and data sections.
extension ByteReader {
    /// Spec: core/binary/modules#import-section — module name, item name, descriptor.
    public mutating func `import`(_ features: Features) throws -> Import {
        let module = try name()
        let item = try name()
        let start = position
        let descriptor: ImportDescriptor
        switch ExternalKindCode(rawValue: try byte()) {
        case .function: descriptor = .function(typeIndex: try u32())
        case .table: descriptor = .table(try tableType(features))
        case .memory: descriptor = .memory(try memoryType(features))
        case .global: descriptor = .global(try globalType(features))
        case .tag where features.contains(.exceptions): descriptor = .tag(typeIndex: try tagType())
        default: throw error("malformed import kind", at: start)
        }
        return Import(module: module, name: item, descriptor: descriptor)
    }

    /// Spec: core/binary/modules#export-section — name and descriptor.
    mutating func export(_ features: Features) throws -> Export {
        let name = try name()
        let start = position
        let kind = ExternalKindCode(rawValue: try byte())
        let index = try u32()
        let descriptor: ExportDescriptor
        switch kind {
        case .function: descriptor = .function(index)
        case .table: descriptor = .table(index)
        case .memory: descriptor = .memory(index)
        case .global: descriptor = .global(index)
        case .tag where features.contains(.exceptions): descriptor = .tag(index)
        default: throw error("malformed export kind", at: start)
        }
        return Export(name: name, descriptor: descriptor)
    }

    /// Spec: core/binary/modules#table-section — a table type, or (typed references) 0x40 0x00,
    /// a table type and an initializer expression.
    mutating func table(_ features: Features) throws -> Table {
        if features.contains(.functionReferences), peek() == 0x40 {
            position += 1
            let start = position
            guard try byte() == 0x00 else { throw error("malformed table", at: start) }
            let type = try tableType(features)
            return Table(type: type, initializer: try expression(features))
        }
        return Table(type: try tableType(features))
    }

    /// Exception handling: a tag type, an attribute byte (0, exception) and a type index.
    public mutating func tagType() throws -> UInt32 {
        let start = position
        guard try byte() == 0x00 else { throw error("malformed tag attribute", at: start) }
        return try u32()
    }

    /// Spec: core/binary/modules#element-section — a segment, by its flags 0–7: bit 0 passive or
    /// declarative, bit 1 an explicit table (active) or declarative (otherwise), bit 2 expressions.
    /// Forms 2 and 6 are recorded as naming their table, so the encoder writes them back.
    mutating func elementSegment(_ features: Features) throws -> ElementSegment {
        let start = position
        let flags = try u32()
        guard flags <= 7, flags == 0 || features.contains(.bulkMemory) || features.contains(.referenceTypes) else {
            throw error("malformed elements segment kind", at: start)
        }
        let mode: ElementSegment.Mode
        switch flags & 0b011 {
        case 0b000: mode = .active(table: 0, offset: try expression(features))
        case 0b010:
            let table = try u32()
            mode = .active(table: table, offset: try expression(features))
        case 0b001: mode = .passive
        default: mode = .declarative
        }
        let usesExpressions = flags & 0b100 != 0
        var type = ReferenceType.funcRef
        if flags & 0b011 != 0 {
            if usesExpressions {
                type = try referenceType(features)
            } else {
                let kindStart = position
                guard try byte() == 0x00 else { throw error("malformed element kind", at: kindStart) }
            }
        }
        let items: ElementSegment.Items = usesExpressions
            ? .expressions(try vector { try $0.expression(features) })
            : .functions(try vector { try $0.u32() })
        return ElementSegment(type: type, items: items, mode: mode, namesTable: flags & 0b011 == 0b010)
    }

    /// Spec: core/binary/modules#data-section — a segment, by its flags: 0 active in memory 0,
    /// 1 passive, 2 active with a memory index.
    mutating func dataSegment(_ features: Features) throws -> DataSegment {
        let start = position
        let flags = try u32()
        let mode: DataSegment.Mode
        switch flags {
        case 0: mode = .active(memory: 0, offset: try expression(features))
        case 1 where features.contains(.bulkMemory): mode = .passive
        case 2 where features.contains(.bulkMemory):
            let memory = try u32()
            mode = .active(memory: memory, offset: try expression(features))
        default: throw error("malformed data segment kind", at: start)
        }
        let n = try length()
        return DataSegment(bytes: try bytes(n), mode: mode)
    }
}
