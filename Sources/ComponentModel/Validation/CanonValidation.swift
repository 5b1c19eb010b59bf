import WasmCore

/// The canon options of one definition, checked and resolved.
struct ResolvedCanonOptions {
    var memory: MemoryType?
    var realloc: Bool = false
    var postReturn: FunctionType?
    var isAsync = false
    var callback: Bool = false
    var stringEncodingSet = false
    var stringEncoding: StringEncodingOption = .utf8
    /// 🛸 `gc` and `core-type`.
    var gc = false
    var coreType: UInt32?
    /// 🛸 The types concrete heap types of the core function type index, when not the
    /// component's core types: a lifted function's module's defined types.
    var coreTypeSpace: [SubType]?
    var pointer: WasmCore.ValueType { memory?.limits.addressType == .i64 ? .i64 : .i32 }
}

extension ComponentValidator {
    /// Spec: CanonicalABI.md#canonopt-validation — each option at most once, each of its type.
    func resolveOptions(_ options: [CanonOption], allowed: Set<UInt8>, builtin: CanonBuiltin) throws -> ResolvedCanonOptions {
        var o = ResolvedCanonOptions()
        var seen = Set<UInt8>()
        var reallocType: FunctionType?
        // The options a built-in does not take are reported after the checks every option list
        // gets (wasmparser's order).
        var disallowed: CanonOption?
        var callbackType: FunctionType?
        for opt in options {
            let code = opt.opcode <= 2 ? 0 : opt.opcode
            guard seen.insert(code).inserted else {
                throw invalid(code == 0 ? "canonical encoding option `\(encodingName(options.first { $0.opcode <= 2 } ?? opt))` conflicts with option `\(encodingName(opt))`"
                              : "canonical option `\(opt.isCoreType ? "core type" : optionName(opt))` is specified more than once")
            }
            if !allowed.contains(code), disallowed == nil { disallowed = opt }
            switch opt {
            case .utf8, .utf16, .latin1UTF16:
                o.stringEncodingSet = true
                o.stringEncoding = opt.isUTF16 ? .utf16 : .utf8
            case .memory(let i):
                guard Int(i) < top.coreMemories.count else { throw invalid("unknown memory \(i): memory index out of bounds") }
                let m = top.coreMemories[Int(i)]
                // `memory` must be a subtype of `(memory 0)`, which is not shared.
                if m.limits.isShared { throw invalid("canonical option `memory` must be a subtype of `(memory 0)`: mismatch in the shared flag for memories") }
                if m.limits.addressType == .i64 { try require(.cm64, "64-bit memories require the `cm64` feature to be enabled") }
                o.memory = m
            case .realloc(let i):
                guard Int(i) < top.coreFunctions.count else { throw invalid("unknown core function \(i): function index out of bounds") }
                reallocType = top.coreFunctions[Int(i)]
                o.realloc = true
            case .postReturn(let i):
                guard Int(i) < top.coreFunctions.count else { throw invalid("unknown core function \(i): function index out of bounds") }
                o.postReturn = top.coreFunctions[Int(i)]
            case .async:
                try require(.cmAsync, "canonical option `async` requires the component model async feature")
                o.isAsync = true
            case .callback(let i):
                try require(.cmAsync, "canonical option `callback` requires the component model async feature")
                guard Int(i) < top.coreFunctions.count else { throw invalid("unknown core function \(i): function index out of bounds") }
                callbackType = top.coreFunctions[Int(i)]
                o.callback = true
            case .coreType(let i):
                try require(.cmGC, "canonical option `\(optionName(opt))` requires the component model gc feature")
                o.coreType = i
            case .gc:
                try require(.cmGC, "canonical option `\(optionName(opt))` requires the component model gc feature")
                o.gc = true
            }
        }
        if o.coreType != nil && !o.gc { throw invalid("cannot specify `core-type` without `gc`") }
        if let r = reallocType {
            let p = o.pointer
            guard r == FunctionType(parameters: [p, p, p, p], results: [p]) else {
                throw invalid("canonical option `realloc` uses a core function with an incorrect signature")
            }
            guard o.memory != nil else { throw invalid("canonical option `realloc` requires `memory` to also be specified") }
        }
        if o.callback && !o.isAsync { throw invalid("cannot specify callback without async") }
        if let t = callbackType, t != FunctionType(parameters: [.i32, .i32, .i32], results: [.i32]) {
            throw invalid("canonical option `callback` uses a core function with an incorrect signature")
        }
        if o.isAsync && o.postReturn != nil { throw invalid("cannot specify post-return function in async") }
        if let opt = disallowed {
            if builtin == .lower, opt.isPostReturn || opt.isCallback {
                throw invalid("canonical option `\(optionName(opt))` cannot be specified for lowerings")
            }
            throw invalid("cannot specify `\(optionName(opt))` option on `\(builtin.rawValue)`")
        }
        return o
    }

    func encodingName(_ o: CanonOption) -> String {
        switch o {
        case .utf8: return "utf8"
        case .utf16: return "utf16"
        default: return "latin1-utf16"
        }
    }

    func optionName(_ o: CanonOption) -> String {
        switch o {
        case .utf8, .utf16, .latin1UTF16: return "string-encoding"
        case .memory: return "memory"
        case .realloc: return "realloc"
        case .postReturn: return "post-return"
        case .async: return "async"
        case .callback: return "callback"
        case .coreType: return "core-type"
        case .gc: return "gc"
        }
    }

    /// Spec: CanonicalABI.md#flattening — `flatten_type`.
    func flatten(_ t: ValType, _ ptr: WasmCore.ValueType) -> [WasmCore.ValueType] {
        switch t {
        case .primitive(let p):
            switch p {
            case .s64, .u64: return [.i64]
            case .f32: return [.f32]
            case .f64: return [.f64]
            case .string: return [ptr, ptr]
            default: return [.i32]
            }
        case .list, .map: return [ptr, ptr]
        case .fixedLengthList(let e, let n):
            let one = flatten(e, ptr)
            return Int(n) * one.count > 1000 ? Array(repeating: .i32, count: 1000) : Array((0..<Int(n)).map { _ in one }.joined())
        case .record(let fs, _): return fs.flatMap { flatten($0.type, ptr) }
        case .tuple(let ts): return ts.flatMap { flatten($0, ptr) }
        case .variant(let cs, _): return flattenVariant(cs.map(\.type), ptr)
        case .option(let e): return flattenVariant([nil, e], ptr)
        case .result(let o, let e): return flattenVariant([o, e], ptr)
        case .enum, .flags, .own, .borrow, .stream, .future: return [.i32]
        }
    }

    /// Spec: CanonicalABI.md#flattening — `flatten_variant` with `join`.
    func flattenVariant(_ cs: [ValType?], _ ptr: WasmCore.ValueType) -> [WasmCore.ValueType] {
        var flat: [WasmCore.ValueType] = []
        for c in cs {
            guard let c else { continue }
            for (i, ft) in flatten(c, ptr).enumerated() {
                if i < flat.count {
                    let a = flat[i]
                    if a != ft { flat[i] = (a == .i32 && ft == .f32) || (a == .f32 && ft == .i32) ? .i32 : .i64 }
                } else {
                    flat.append(ft)
                }
            }
        }
        return [.i32] + flat
    }

    /// Spec: CanonicalABI.md#flattening — `flatten_functype`.
    func flattenFunctype(_ o: ResolvedCanonOptions, params: [ValType], results: [ValType], lift: Bool) -> FunctionType {
        let p = o.pointer
        var fp = params.flatMap { flatten($0, p) }
        var fr = results.flatMap { flatten($0, p) }
        if !o.isAsync {
            if fp.count > 16 { fp = [p] }
            if fr.count > 1 {
                if lift { fr = [p] } else { fp.append(p); fr = [] }
            }
        } else if lift {
            if fp.count > 16 { fp = [p] }
            fr = o.callback ? [.i32] : []
        } else {
            if fp.count > 4 { fp = [p] }
            if !fr.isEmpty { fp.append(p) }
            fr = [.i32]
        }
        return FunctionType(parameters: fp, results: fr)
    }

    /// Whether lifting or lowering `t` goes through memory: a string, list or map in it, not
    /// counting the payloads of streams and futures (passed as handles).
    func containsListOrString(_ t: ValType) -> Bool {
        switch t {
        case .primitive(let p): return p == .string
        case .list, .map: return true
        case .fixedLengthList(let e, _), .option(let e): return containsListOrString(e)
        case .record(let fs, _): return fs.contains { containsListOrString($0.type) }
        case .variant(let cs, _): return cs.contains { $0.type.map(containsListOrString) ?? false }
        case .tuple(let ts): return ts.contains(where: containsListOrString)
        case .result(let o, let e): return (o.map(containsListOrString) ?? false) || (e.map(containsListOrString) ?? false)
        case .flags, .enum, .own, .borrow, .stream, .future: return false
        }
    }

    /// `lower(T)`: needs `memory` for lists and strings.
    func requireForLower(_ t: ValType, _ o: ResolvedCanonOptions) throws {
        if containsListOrString(t) && o.memory == nil { throw invalid("canonical option `memory` is required") }
    }

    /// `lift(T)`: needs `realloc` (and so `memory`) for lists and strings.
    func requireForLift(_ t: ValType, _ o: ResolvedCanonOptions) throws {
        if containsListOrString(t) {
            if o.memory == nil { throw invalid("canonical option `memory` is required") }
            if !o.realloc { throw invalid("canonical option `realloc` is required") }
        }
    }

    func coreTypeName(_ t: WasmCore.ValueType) -> String {
        switch t {
        case .i32: return "I32"
        case .i64: return "I64"
        case .f32: return "F32"
        case .f64: return "F64"
        default: return "\(t)"
        }
    }

    func componentType(_ i: UInt32) throws -> TypeEntry {
        guard Int(i) < top.types.count else { throw invalid("unknown type \(i): type index out of bounds") }
        return top.types[Int(i)]
    }

    func localResource(_ i: UInt32) throws -> ResourceID {
        let r = try resourceOf(i)
        guard top.localResources.contains(r) else { throw invalid("type index \(i) is not a local resource") }
        return r
    }

    /// The element type of the stream or future type `i` a `stream.*`/`future.*` built-in names.
    func streamOrFuture(_ i: UInt32, stream: Bool, for builtin: CanonBuiltin) throws -> ValType? {
        let wrong = invalid("`\(builtin.rawValue)` requires a \(stream ? "stream" : "future") type")
        guard case .value(let v) = try componentType(i) else { throw wrong }
        switch (v, stream) {
        case (.stream(let e), true), (.future(let e), false): return e
        default: throw wrong
        }
    }

    func checkGate(_ b: CanonBuiltin) throws {
        guard let feature = b.row.feature else { return }
        let name: String
        switch feature {
        case .cmAsync: name = "async"
        case .cmErrorContext: name = "error-context"
        case .cmThreading: name = "threading"
        case .sharedEverythingThreads:
            // wasmparser spells this one with an underscore.
            let name = b == .threadAvailableParallelism ? "thread.available_parallelism" : b.rawValue
            try require(feature, "`\(name)` requires the shared-everything-threads proposal")
            return
        default: name = feature.rawValue
        }
        try require(feature, "`\(b.rawValue)` requires the component model \(name) feature")
    }

    /// Spec: CanonicalABI.md#canonical-definitions — a canon definition: its operands, options and
    /// the core function type it is given.
    func validateCanon(_ c: Canon) throws {
        try checkGate(c.builtin)
        let sig = FunctionType.init(parameters:results:)
        func core(_ p: [WasmCore.ValueType], _ r: [WasmCore.ValueType]) { top.coreFunctions.append(sig(p, r)) }
        switch c.builtin {
        case .lift:
            let f = c.function ?? 0, t = c.type ?? 0
            guard Int(f) < top.coreFunctions.count else { throw invalid("unknown core function \(f): function index out of bounds") }
            guard case .function(let ft) = try componentType(t) else { throw invalid("type index \(t) is not a function type") }
            var o = try resolveOptions(c.options, allowed: [0, 3, 4, 5, 6, 7, 8, 9], builtin: .lift)
            if o.isAsync && !o.callback { try require(.cmAsyncStackful, "requires the component model async stackful feature") }
            if o.isAsync && !ft.isAsync { throw invalid("the `async` canonical option requires an async function type") }
            if o.gc {
                // wasmparser's `check_lift`: the core function's own type is the `core-type`, which
                // must be the GC lowering of the component function type.
                if o.coreType != nil { throw invalid("canonical option `core-type` is not allowed in `canon lift`") }
                o.coreTypeSpace = top.coreFunctionTypeSpaces[Int(f)]
                try checkGCLowering(ft, coreType: top.coreFunctions[Int(f)], o)
                top.functions.append(ft)
                return
            }
            let params = ft.parameters.map(\.type), results = ft.result.map { [$0] } ?? []
            for p in params { try requireForLift(p, o) }
            for r in results { try requireForLower(r, o) }
            let flat = flattenFunctype(o, params: params, results: results, lift: true)
            let pflat = params.flatMap { flatten($0, o.pointer) }
            if pflat.count > 16 && !o.realloc { throw invalid("canonical option `realloc` is required") }
            if results.flatMap({ flatten($0, o.pointer) }).count > (o.isAsync ? 16 : 1) && o.memory == nil {
                throw invalid("canonical option `memory` is required")
            }
            let actual = top.coreFunctions[Int(f)]
            if actual.parameters != flat.parameters {
                throw invalid("lowered parameter types `[\(flat.parameters.map(coreTypeName).joined(separator: ", "))]` do not match parameter types `[\(actual.parameters.map(coreTypeName).joined(separator: ", "))]` of core function \(f)")
            }
            if actual.results != flat.results {
                throw invalid("lowered result types `[\(flat.results.map(coreTypeName).joined(separator: ", "))]` do not match result types `[\(actual.results.map(coreTypeName).joined(separator: ", "))]` of core function \(f)")
            }
            if let pr = o.postReturn, pr != FunctionType(parameters: flat.results, results: []) {
                throw invalid("canonical option `post-return` uses a core function with an incorrect signature")
            }
            top.functions.append(ft)
        case .lower:
            let f = c.function ?? 0
            guard Int(f) < top.functions.count else { throw invalid("unknown function \(f): function index out of bounds") }
            let ft = top.functions[Int(f)]
            let o = try resolveOptions(c.options, allowed: [0, 3, 4, 6, 8, 9], builtin: .lower)
            if o.gc {
                guard let t = o.coreType else {
                    throw invalid("cannot specify `gc` without also specifying a `core-type` for lowerings")
                }
                guard Int(t) < top.coreTypes.count else { throw invalid("unknown core type \(t): type index out of bounds") }
                guard let core = top.coreTypes[Int(t)].functionType else { throw invalid("core type index \(t) is not a function type") }
                try checkGCLowering(ft, coreType: core, o)
                top.coreFunctions.append(core)
                return
            }
            if o.isAsync && !ft.isAsync { throw invalid("the `async` canonical option requires an async function type") }
            let params = ft.parameters.map(\.type), results = ft.result.map { [$0] } ?? []
            for p in params { try requireForLower(p, o) }
            for r in results { try requireForLift(r, o) }
            let flat = flattenFunctype(o, params: params, results: results, lift: false)
            if params.flatMap({ flatten($0, o.pointer) }).count > (o.isAsync ? 4 : 16) && o.memory == nil {
                throw invalid("canonical option `memory` is required")
            }
            if results.flatMap({ flatten($0, o.pointer) }).count > (o.isAsync ? 0 : 1) && o.memory == nil {
                throw invalid("canonical option `memory` is required")
            }
            top.coreFunctions.append(flat)
        case .resourceNew:
            let r = try localResource(c.type ?? 0)
            core([resourceRep[r] ?? .i32], [.i32])
        case .resourceDrop:
            _ = try resourceOf(c.type ?? 0)
            core([.i32], [])
        case .resourceRep:
            let r = try localResource(c.type ?? 0)
            core([.i32], [resourceRep[r] ?? .i32])
        case .backpressureInc, .backpressureDec:
            core([], [])
        case .taskReturn:
            let o = try resolveOptions(c.options, allowed: [0, 3], builtin: .taskReturn)
            let results = try c.result.map { [try resolveValType($0)] } ?? []
            // The result is lowered as the parameter of a `func(v: T)` is: `memory` for a list
            // or string, no `realloc` (which task.return does not take).
            for r in results { try requireForLower(r, o) }
            var fp = results.flatMap { flatten($0, o.pointer) }
            if fp.count > 16 {
                if o.memory == nil { throw invalid("canonical option `memory` is required") }
                fp = [o.pointer]
            }
            core(fp, [])
        case .taskCancel:
            core([], [])
        case .contextGet, .contextSet:
            let t = c.contextType ?? .i32
            if t == .i64 {
                try require(.cm64, "64-bit `\(c.builtin.rawValue)` requires the component model 64-bit feature")
            } else if t != .i32 {
                throw invalid("`\(c.builtin.rawValue)` only supports `i32` or `i64`")
            }
            if let previous = top.contextType, previous != t { throw invalid("type must match previous context type") }
            top.contextType = t
            let i = c.contextIndex ?? 0
            if features.contains(.cmThreading) {
                guard i < 2 else { throw invalid("immediate must be zero or one: \(i)") }
            } else {
                guard i == 0 else { throw invalid("immediate must be zero: \(i)") }
            }
            if c.builtin == .contextGet { core([], [t]) } else { core([t], []) }
        case .subtaskCancel:
            if c.isAsync { try require(.cmMoreAsyncBuiltins, "async `\(c.builtin.rawValue)` requires the component model more async builtins feature") }
            core([.i32], [.i32])
        case .subtaskDrop:
            core([.i32], [])
        case .streamNew, .futureNew:
            _ = try streamOrFuture(c.type ?? 0, stream: c.builtin == .streamNew, for: c.builtin)
            core([], [.i64])
        case .streamRead, .streamWrite, .futureRead, .futureWrite:
            let isStream = c.builtin == .streamRead || c.builtin == .streamWrite
            let e = try streamOrFuture(c.type ?? 0, stream: isStream, for: c.builtin)
            let o = try resolveOptions(c.options, allowed: [0, 3, 4, 6], builtin: c.builtin)
            if e == nil && !o.isAsync { try require(.cmMoreAsyncBuiltins, "synchronous `\(c.builtin.rawValue)` without a payload type requires the component model more async builtins feature") }
                        if let e {
                if c.builtin == .streamWrite || c.builtin == .futureWrite { try requireForLower(e, o) } else { try requireForLift(e, o) }
                if o.memory == nil { throw invalid("canonical option `memory` is required") }
            }
            core(isStream ? [.i32, o.pointer, o.pointer] : [.i32, o.pointer], [isStream ? o.pointer : .i32])
        case .streamCancelRead, .streamCancelWrite, .futureCancelRead, .futureCancelWrite:
            let isStream = c.builtin == .streamCancelRead || c.builtin == .streamCancelWrite
            _ = try streamOrFuture(c.type ?? 0, stream: isStream, for: c.builtin)
            if c.isAsync { try require(.cmMoreAsyncBuiltins, "async `\(c.builtin.rawValue)` requires the component model more async builtins feature") }
            core([.i32], [.i32])
        case .streamDropReadable, .streamDropWritable, .futureDropReadable, .futureDropWritable:
            _ = try streamOrFuture(c.type ?? 0, stream: c.builtin == .streamDropReadable || c.builtin == .streamDropWritable, for: c.builtin)
            core([.i32], [])
        case .errorContextNew:
            let o = try resolveOptions(c.options, allowed: [0, 3, 4], builtin: c.builtin)
            if o.memory == nil { throw invalid("canonical option `memory` is required") }
            core([o.pointer, o.pointer], [.i32])
        case .errorContextDebugMessage:
            let o = try resolveOptions(c.options, allowed: [0, 3, 4], builtin: c.builtin)
            if o.memory == nil { throw invalid("canonical option `memory` is required") }
            if !o.realloc { throw invalid("canonical option `realloc` is required") }
            core([.i32, o.pointer], [])
        case .errorContextDrop:
            core([.i32], [])
        case .waitableSetNew:
            core([], [.i32])
        case .waitableSetWait, .waitableSetPoll:
            let m = c.memory ?? 0
            guard Int(m) < top.coreMemories.count else { throw invalid("unknown memory \(m): memory index out of bounds") }
            let p: WasmCore.ValueType = top.coreMemories[Int(m)].limits.addressType == .i64 ? .i64 : .i32
            core([.i32, p], [.i32])
        case .waitableSetDrop:
            core([.i32], [])
        case .waitableJoin:
            core([.i32, .i32], [])
        case .threadIndex:
            core([], [.i32])
        case .threadNewIndirect:
            let t = c.type ?? 0, tab = c.table ?? 0
            guard Int(t) < top.coreTypes.count else { throw invalid("unknown core type \(t): type index out of bounds") }
            guard let ft = top.coreTypes[Int(t)].functionType else { throw invalid("core type index \(t) is not a function type") }
            guard ft == FunctionType(parameters: [.i32], results: []) else { throw invalid("start function must take a single `i32` argument (currently)") }
            guard Int(tab) < top.coreTables.count else { throw invalid("unknown table \(tab): table index out of bounds") }
            core([.i32, .i32], [.i32])
        case .threadResumeLater:
            core([.i32], [])
        case .threadSuspend, .threadYield:
            core([], [.i32])
        case .threadSuspendThenResume, .threadYieldThenResume, .threadSuspendThenPromote, .threadYieldThenPromote:
            core([.i32], [.i32])
        case .threadSpawnRef:
            core([.i32, .i32], [.i32])
        case .threadSpawnIndirect:
            core([.i32, .i32], [.i32])
        case .threadAvailableParallelism:
            core([], [.i32])
        }
    }
}

/// The string encodings, as far as GC lowering tells them apart.
enum StringEncodingOption { case utf8, utf16 }

private extension CanonOption {
    var isUTF16: Bool { if case .utf16 = self { return true } else { return false } }
    var isCoreType: Bool { if case .coreType = self { return true } else { return false } }
    var isPostReturn: Bool { if case .postReturn = self { return true } else { return false } }
    var isCallback: Bool { if case .callback = self { return true } else { return false } }
}
