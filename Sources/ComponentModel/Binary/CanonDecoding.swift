import WasmCore

/// Spec: Binary.md — Canonical Definitions, read by the immediates of `CanonBuiltin`'s table.
extension ComponentDecoder {
    /// Spec: Binary.md — `canon`.
    mutating func canon() throws -> Canon {
        let start = reader.position
        let opcode = try reader.byte()
        guard let builtin = CanonBuiltin.byOpcode[opcode] else {
            throw error("invalid leading byte (0x\(String(opcode, radix: 16))) for canonical function", at: start)
        }
        var canon = Canon(builtin)
        for immediate in builtin.immediates {
            switch immediate {
            case .coreFunction, .function:
                let s = reader.position
                guard try reader.byte() == 0x00 else { throw error("invalid leading byte for canonical function sort", at: s) }
                canon.function = try reader.u32()
            case .type, .coreType: canon.type = try reader.u32()
            case .table: canon.table = try reader.u32()
            case .memory: canon.memory = try reader.u32()
            case .options: canon.options = try list { try $0.canonOption() }
            case .resultList: canon.result = try resultList()
            case .contextSlot:
                canon.contextType = try reader.valueType(features)
                canon.contextIndex = try reader.u32()
            case .async: canon.isAsync = try flag("async")
            case .cancel: canon.isCancellable = try flag("cancellable")
            case .shared: canon.isShared = try flag("shared")
            }
        }
        return canon
    }

    /// Spec: Binary.md — `canonopt`.
    mutating func canonOption() throws -> CanonOption {
        let start = reader.position
        switch try reader.byte() {
        case 0x00: return .utf8
        case 0x01: return .utf16
        case 0x02: return .latin1UTF16
        case 0x03: return .memory(try reader.u32())
        case 0x04: return .realloc(try reader.u32())
        case 0x05: return .postReturn(try reader.u32())
        case 0x06: return .async
        case 0x07: return .callback(try reader.u32())
        case 0x08: return .coreType(try reader.u32())
        case 0x09: return .gc
        case let b: throw error("invalid leading byte (0x\(String(b, radix: 16))) for canonical option", at: start)
        }
    }
}
