import CanonicalABI
import WasmCore

/// Spec: Explainer.md#import-and-export-definitions — an import's argument must be of the import's
/// type. Validation proves this for arguments supplied inside a component; the arguments the host
/// supplies are checked here, at link time: the sort, function signatures, resource identities of
/// `eq` bounds, and, for an instance, every export its type declares (recursively). A mismatch is a
/// linking error (`unlinkable`).
extension ComponentRuntime {
    func check(_ value: ComponentExtern, against type: ExternType, in scope: InstanceFrame, name: String) throws {
        switch (type, value) {
        case (.function(let t), .function(let f)):
            if case .function(let expected) = try scope.type(t), !sameSignature(expected, f.type) {
                throw linkError("type mismatch for `\(name)`: expected \(describe(expected)), found \(describe(f.type))")
            }
        case (.type(.equal(let t)), .type(let actual)):
            switch (try scope.type(t), actual) {
            case (.resource(let expected), .resource(let r)):
                if r !== expected { throw linkError("type mismatch for `\(name)`: resource types are not the same") }
            case (.value(let expected), .value(let v)):
                if v != expected { throw linkError("type mismatch for `\(name)`: expected \(expected), found \(v)") }
            case (.resource, _), (.value, _):
                throw linkError("type mismatch for `\(name)`: types are not the same")
            default:
                break
            }
        case (.type(.subResource), .type(let actual)):
            guard case .resource = actual else { throw linkError("type mismatch for `\(name)`: expected a resource type") }
        case (.instance(let t), .instance(let provided)):
            if case .instance(let declared) = try scope.type(t) {
                try check(provided, against: declared, name: name)
            }
        case (.coreModule(let t), .coreModule(let m)):
            try check(m, against: t, in: scope, name: name)
        case (.value, .value), (.component, .component):
            break
        default:
            throw linkError("type mismatch for `\(name)`: expected \(type.sort.keyword), found \(value.kindName)")
        }
    }

    /// Checks an instance against the declarations of an instance type, binding each exported type
    /// to the provided one as it goes (so later declarations see the provided resource types).
    func check(_ provided: ComponentInstanceValue, against declared: InstanceTypeDeclarations, name: String) throws {
        let local = InstanceFrame(runtime: self, state: declared.scope.state, enclosing: declared.scope)
        for d in declared.declarations {
            switch d {
            case .coreType(let t):
                local.coreTypes.append(t)
            case .type(let t):
                local.types.append(try runtimeType(t, in: local))
            case .alias(let a):
                try alias(a, in: local)
            case .import:
                throw linkError("an instance type has no imports")
            case .export(let exportName, let type):
                guard let value = provided.export(exportName.name) else {
                    throw linkError("missing export `\(exportName.name)` of instance `\(name)`")
                }
                try check(value, against: type, in: local, name: "\(name).\(exportName.name)")
                try local.push(value, as: type.sort)
            }
        }
    }

    /// Spec: Explainer.md#type-checking — a core module the host supplies for an import of module type
    /// `index`: each of the module's imports must be one the type declares (the type's import matching the
    /// module's), and each export the type declares must be one of the module's, of a matching type.
    func check(_ module: WasmCore.Module, against index: UInt32, in scope: InstanceFrame, name: String) throws {
        guard Int(index) < scope.coreTypes.count, case .module(let declarations) = scope.coreTypes[Int(index)] else {
            throw linkError("type mismatch for `\(name)`: core type \(index) is not a module type")
        }
        let actual = try validateModule(module, features: .all)
        var functionTypes: [FunctionType?] = []
        func external(_ d: ImportDescriptor) throws -> ExternalType {
            func function(_ i: UInt32) throws -> FunctionType {
                guard Int(i) < functionTypes.count, let f = functionTypes[Int(i)] else {
                    throw linkError("type mismatch for `\(name)`: core type \(i) is not a function type")
                }
                return f
            }
            switch d {
            case .function(let i): return .function(try function(i))
            case .table(let t): return .table(t)
            case .memory(let m): return .memory(m)
            case .global(let g): return .global(g)
            case .tag(let i): return .tag(try function(i))
            }
        }
        var imports: [(module: String, name: String, type: ExternalType)] = []
        var exports: [(name: String, type: ExternalType)] = []
        for d in declarations {
            switch d {
            case .type(let t):
                if case .function(let f) = t { functionTypes.append(f) } else { functionTypes.append(nil) }
            case .outerTypeAlias(let count, let i):
                let frame = try scope.outer(count == 0 ? 0 : count - 1)
                if Int(i) < frame.coreTypes.count, case .function(let f) = frame.coreTypes[Int(i)] {
                    functionTypes.append(f)
                } else {
                    functionTypes.append(nil)
                }
            case .import(let imp):
                imports.append((imp.module, imp.name, try external(imp.descriptor)))
            case .export(let exportName, let desc):
                exports.append((exportName, try external(desc)))
            }
        }
        for imp in actual.imports {
            guard let declared = imports.first(where: { $0.module == imp.module && $0.name == imp.name }) else {
                throw linkError("type mismatch for `\(name)`: module import `\(imp.module)::\(imp.name)` is not in the expected type")
            }
            if !WasmCore.matches(declared.type, imp.type) {
                throw linkError("type mismatch for `\(name)`: type mismatch in import `\(imp.module)::\(imp.name)`")
            }
        }
        for exp in exports {
            guard let provided = actual.exports.first(where: { $0.name == exp.name }) else {
                throw linkError("type mismatch for `\(name)`: missing expected export `\(exp.name)`")
            }
            if !WasmCore.matches(provided.type, exp.type) {
                throw linkError("type mismatch for `\(name)`: type mismatch in export `\(exp.name)`")
            }
        }
    }
}
