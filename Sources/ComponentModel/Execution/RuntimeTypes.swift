import CanonicalABI
import WasmCore

/// Spec: Explainer.md#type-definitions — a type definition evaluated in a running instance: the
/// component's value and function types become CanonicalABI's types, with each `own`/`borrow`
/// naming the runtime `ResourceType` its type index holds.
///
/// This is the one conversion from the component syntax's types to the Canonical ABI's. Validation
/// has already checked every index and constraint; a broken one here is reported, never trusted.
/// Resource types are made here: a `(resource ...)` definition makes a fresh `ResourceType` for
/// every instance that runs it (Explainer.md#resource-types: "generative").
extension ComponentRuntime {
    func runtimeType(_ t: TypeDefinition, in frame: InstanceFrame) throws -> RuntimeType {
        switch t {
        case .value(let d): return .value(try valType(d, in: frame))
        case .function(let f): return .function(try funcType(f, in: frame))
        case .component: return .component
        case .instance(let ds): return .instance(InstanceTypeDeclarations(declarations: ds, scope: frame))
        case .resource(let r):
            // Spec: CanonicalABI.md#resource-state — ResourceType(impl = this instance, dtor).
            // The destructor reports each call to `destructorCalled` before it runs.
            let made = ResourceTypeReference()
            let dtor = try r.destructor.map { index -> CoreFuncInst in
                let body = coreFuncInst(try frame.coreFunction(index))
                return { [weak self] args in
                    if let type = made.type, case .i32(let rep)? = args.first { self?.destructorCalled?(type, rep) }
                    return try body(args)
                }
            }
            let type = CanonicalABI.ResourceType(frame.state, dtor, name: "resource")
            made.type = type
            return .resource(type)
        }
    }

    /// Spec: Explainer.md#type-definitions — `functype`: labelled parameters, an optional result.
    func funcType(_ f: ComponentFunctionType, in frame: InstanceFrame) throws -> CanonicalABI.FuncType {
        CanonicalABI.FuncType(
            named: try f.parameters.map { ($0.label, try valType($0.type, in: frame)) },
            try f.result.map { [try valType($0, in: frame)] } ?? [],
            async_: f.isAsync)
    }

    /// A `valtype`: a primitive, or the value type a type index holds.
    func valType(_ t: ComponentValueType, in frame: InstanceFrame) throws -> CanonicalABI.ValType {
        switch t {
        case .primitive(let p): return p.abiType
        case .index(let i):
            switch try frame.type(i) {
            case .value(let v): return v
            default: throw linkError("type index \(i) is not a value type")
            }
        }
    }

    /// A `defvaltype`, constructor by constructor.
    func valType(_ d: DefinedValueType, in frame: InstanceFrame) throws -> CanonicalABI.ValType {
        func v(_ t: ComponentValueType) throws -> CanonicalABI.ValType { try valType(t, in: frame) }
        func resource(_ i: UInt32) throws -> CanonicalABI.ResourceType {
            guard case .resource(let r) = try frame.type(i) else { throw linkError("type index \(i) is not a resource type") }
            return r
        }
        switch d {
        case .primitive(let p): return p.abiType
        case .record(let fields): return .record(try fields.map { FieldType($0.label, try v($0.type)) })
        case .variant(let cases): return .variant(try cases.map { CaseType($0.label, try $0.type.map(v)) })
        case .list(let t): return .list(try v(t), nil)
        case .fixedLengthList(let t, let n): return .list(try v(t), Int(n))
        case .tuple(let ts): return .tuple(try ts.map(v))
        case .flags(let labels): return .flags(labels)
        case .enum(let labels): return .enum_(labels)
        case .option(let t): return .option(try v(t))
        case .result(let ok, let error): return .result(try ok.map(v), try error.map(v))
        case .own(let i): return .own(try resource(i))
        case .borrow(let i): return .borrow(try resource(i))
        case .stream(let t): return .stream(try t.map(v))
        case .future(let t): return .future(try t.map(v))
        case .map(let k, let value): return .map(try v(k), try v(value))
        }
    }
}

/// The resource type a destructor belongs to, set once the type is made (the destructor is made first).
private final class ResourceTypeReference {
    weak var type: CanonicalABI.ResourceType?
}
