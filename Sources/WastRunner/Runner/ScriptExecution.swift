import WasmCore

/// The execution half of the script runner: one store per script file, its module instances by name,
/// the registered import namespaces, and the assertions over actions and instantiation.
///
/// Spec: interpreter/README.md, "Scripts" — `module`, `module definition` / `module instance`,
/// `register`, `invoke`, `get`, `assert_return`, `assert_trap`, `assert_exhaustion`, `assert_exception`,
/// `assert_unlinkable`.
public struct ScriptExecution: ScriptEngine {
    public let features: Features
    public let file: String
    let store: Store
    /// Import namespaces: `spectest` and every `register`ed instance, as exports by name.
    /// Names are keyed by their UTF-8 bytes: Swift's `String` equality would merge canonically
    /// equivalent names that wasm keeps apart.
    var registered: [[UInt8]: [[UInt8]: ExternalValue]] = [:]
    /// Instances by their script name.
    var instances: [String: ModuleInstance] = [:]
    /// The most recent instance: the target of actions that name no module.
    var current: ModuleInstance?
    /// Module definitions by name, and the most recent one.
    var definitions: [String: Module] = [:]
    var lastDefinition: Module?
    /// The component half: component definitions, instances and calls (ComponentScriptExecution.swift).
    let components: ComponentScriptExecution

    /// The bounds scripts run under: generous, but a runaway loop ends as an exhaustion.
    public static var defaultBounds: Store.Bounds {
        var b = Store.Bounds()
        b.fuel = 1 << 31
        return b
    }

    public init(features: Features, file: String, bounds: Store.Bounds = ScriptExecution.defaultBounds) {
        self.features = features
        self.file = file
        self.store = Store(bounds: bounds)
        self.components = ComponentScriptExecution(bounds: bounds)
        if let spectest = try? Spectest.instantiate(in: store) {
            registered[Array("spectest".utf8)] = Dictionary(spectest.map { (Array($0.key.utf8), $0.value) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// The factory the runner uses: one engine per file.
    public static let factory: ScriptEngineFactory = { features, file in ScriptExecution(features: features, file: file) }

    public mutating func execute(_ command: Command, module: Module?) -> Verdict {
        switch command.kind {
        case .module(let m):
            guard let module else { return .failed("no module") }
            if m.isDefinition {
                if let name = m.name { definitions[name] = module }
                lastDefinition = module
                return .passed
            }
            switch instantiate(module) {
            case .success(let instance):
                current = instance
                if let name = m.name { instances[name] = instance }
                return .passed
            case .failure(let e):
                return .failed("expected instantiation, got \(describe(e))")
            }

        case .instance(let name, let definition):
            let found = definition.map { definitions[$0] } ?? lastDefinition
            guard let module = found else { return .failed("unknown module definition \(definition ?? "(last)")") }
            switch instantiate(module) {
            case .success(let instance):
                current = instance
                if let name { instances[name] = instance }
                return .passed
            case .failure(let e):
                return .failed("expected instantiation, got \(describe(e))")
            }

        case .register(let namespace, let name):
            guard let instance = lookup(name) else { return .failed("unknown module \(name ?? "(current)")") }
            var exports: [[UInt8]: ExternalValue] = [:]
            for (n, v) in instance.exports where exports[Array(n.utf8)] == nil { exports[Array(n.utf8)] = v }
            registered[Array(namespace.utf8)] = exports
            return .passed

        case .action(let action):
            switch perform(action) {
            case .success: return .passed
            case .failure(let e): return .failed("expected the action to complete, got \(describe(e))")
            }

        case .assertReturn(let action, let patterns):
            switch perform(action) {
            case .failure(let e):
                return .failed("expected \(patterns), got \(describe(e))")
            case .success(let values):
                guard values.count == patterns.count, zip(values, patterns).allSatisfy({ Self.value($0, matches: $1) }) else {
                    return .failed("expected \(patterns), got \(values)")
                }
                return .passed
            }

        case .assertTrap(let action, let failure):
            return expectError(.trap, failure, perform(action).map { _ in () })

        case .assertExhaustion(let action, let failure):
            return expectError(.exhaustion, failure, perform(action).map { _ in () })

        case .assertException(let action):
            switch perform(action) {
            case .success(let values): return .failed("expected an uncaught exception, got \(values)")
            case .failure(let e) where e.kind == .exception: return .passed
            case .failure(let e): return .failed("expected an uncaught exception, got \(describe(e))")
            }

        case .assertModuleTrap(_, let failure):
            guard let module else { return .failed("no module") }
            return expectError(.trap, failure, instantiate(module).map { _ in () })

        case .assertUnlinkable(_, let failure):
            guard let module else { return .failed("no module") }
            return expectError(.unlinkable, failure, instantiate(module).map { _ in () })

        case .assertMalformed, .assertInvalid:
            return .passed
        case .component:
            return .skipped("component commands are not supported yet")
        case .unparsable(_, let e):
            return .failed("expected a command, got \(describe(e))")
        }
    }

    // MARK: - Instantiation and actions

    /// Resolves the module's imports from the registered namespaces, then instantiates it.
    func instantiate(_ module: Module) -> Result<ModuleInstance, WasmError> {
        Result {
            var externals: [ExternalValue] = []
            for imp in module.imports {
                guard let value = registered[Array(imp.module.utf8)]?[Array(imp.name.utf8)] else {
                    throw WasmError(.unlinkable, "unknown import \"\(imp.module)\" \"\(imp.name)\"")
                }
                externals.append(value)
            }
            return try store.instantiate(module, imports: externals)
        }.mapError(ModulePipeline.asWasmError)
    }

    func lookup(_ name: String?) -> ModuleInstance? {
        guard let name else { return current }
        return instances[name]
    }

    /// Runs an `invoke` or `get`, returning its values.
    func perform(_ action: Action) -> Result<[Value], WasmError> {
        Result {
            switch action {
            case .invoke(let name, let export, let arguments):
                guard let instance = lookup(name) else { throw WasmError(.usage, "unknown module \(name ?? "(current)")") }
                guard case .function(let f)? = instance.export(export) else {
                    throw WasmError(.usage, "no function export \"\(export)\"")
                }
                return try store.invoke(f, arguments.map(Self.value))
            case .get(let name, let export):
                guard let instance = lookup(name) else { throw WasmError(.usage, "unknown module \(name ?? "(current)")") }
                guard case .global(let g)? = instance.export(export) else {
                    throw WasmError(.usage, "no global export \"\(export)\"")
                }
                return [g.value]
            }
        }.mapError(ModulePipeline.asWasmError)
    }

    func expectError(_ kind: WasmError.Kind, _ failure: String, _ result: Result<Void, WasmError>) -> Verdict {
        let expected = "expected \(kind.rawValue) \"\(failure)\""
        switch result {
        case .success:
            return .failed("\(expected), got success")
        case .failure(let e) where e.kind == kind && Expectation.matches(expected: failure, actual: e.message):
            return .passed
        case .failure(let e):
            return .failed("\(expected), got \(describe(e))")
        }
    }

    func describe(_ e: WasmError) -> String { Expectation.describe(e) }

    // MARK: - Values

    /// A script argument as a runtime value.
    static func value(_ v: ScriptValue) -> Value {
        switch v {
        case .i32(let x): return .i32(x)
        case .i64(let x): return .i64(x)
        case .f32(let x): return .f32(x)
        case .f64(let x): return .f64(x)
        case .v128(let x): return .v128(x)
        case .refNull(let h): return .ref(.null(h))
        case .refExtern(let n): return .ref(.extern(n))
        }
    }

    /// Spec: interpreter/README.md, "Scripts" — whether a result matches its pattern (NaN classes for floats).
    static func value(_ v: Value, matches pattern: ResultPattern) -> Bool {
        switch (v, pattern) {
        case (.i32(let a), .i32(let b)): return a == b
        case (.i64(let a), .i64(let b)): return a == b
        case (.f32(let a), .f32(let p)): return p.matches(UInt64(a), bitWidth: 32)
        case (.f64(let a), .f64(let p)): return p.matches(a, bitWidth: 64)
        case (.v128(let a), .v128(let shape, let lanes)):
            let actual = a.lanes(shape)
            return lanes.count == actual.count && zip(actual, lanes).allSatisfy { $1.matches($0, bitWidth: shape.laneBits) }
        case (.ref(.null), .refNull): return true
        case (.ref(.extern(let a)), .refExtern(let b)): return b == nil || b == a
        case (.ref(.function), .refFunc): return true
        default: return false
        }
    }
}
