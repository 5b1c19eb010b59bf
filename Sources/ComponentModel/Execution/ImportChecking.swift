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
        case (.coreModule(let t), .coreModule(let module)):
            let i = Int(t)
            if i < scope.coreTypes.count, case .module(let declared) = scope.coreTypes[i] {
                try check(module, against: declared, in: scope, name: name)
            }
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

    /// Spec: Explainer.md#type-definitions — a core module matches a module type when it exports
    /// every declared export with a matching type and imports nothing the type does not declare
    /// (core/valid/types#import-subtyping: imports of the module's type must match the declared ones).
    func check(_ module: WasmCore.Module, against declarations: [CoreModuleDeclaration], in scope: InstanceFrame, name: String) throws {
        let actual: ModuleTypes
        do { actual = try validateModule(module, features: .all) } catch { throw linkError("core module `\(name)` is not valid: \(error)") }
        // The module type's own core type index space (definitions and outer aliases, in order).
        var types: [CoreType] = []
        var declaredImports: [(module: String, name: String, type: ExternalType)] = []
        var declaredExports: [(name: String, type: ExternalType)] = []
        func external(_ d: ImportDescriptor) throws -> ExternalType {
            switch d {
            case .function(let t), .tag(let t):
                guard Int(t) < types.count, case .function(let ft) = types[Int(t)] else {
                    throw linkError("core type index \(t) of module type `\(name)` is not a function type")
                }
                if case .tag = d { return .tag(ft) }
                return .function(ft)
            case .table(let t): return .table(t)
            case .memory(let m): return .memory(m)
            case .global(let g): return .global(g)
            }
        }
        for d in declarations {
            switch d {
            case .type(let t):
                types.append(t)
            case .outerTypeAlias(let count, let index):
                // count 0 is the module type itself; 1 the component scope it is written in, ...
                if count == 0 {
                    guard Int(index) < types.count else { throw linkError("core type index \(index) out of bounds") }
                    types.append(types[Int(index)])
                } else {
                    let target = try scope.outer(count - 1)
                    guard Int(index) < target.coreTypes.count else { throw linkError("core type index \(index) out of bounds") }
                    types.append(target.coreTypes[Int(index)])
                }
            case .import(let imp):
                declaredImports.append((imp.module, imp.name, try external(imp.descriptor)))
            case .export(let exportName, let d):
                declaredExports.append((exportName, try external(d)))
            }
        }
        for e in declaredExports {
            guard let found = actual.exports.first(where: { $0.name.utf8.elementsEqual(e.name.utf8) }) else {
                throw linkError("missing export `\(e.name)` of core module `\(name)`")
            }
            guard WasmCore.matches(found.type, e.type) else {
                throw linkError("type mismatch for export `\(e.name)` of core module `\(name)`")
            }
        }
        for imp in actual.imports {
            guard let declared = declaredImports.first(where: { $0.module == imp.module && $0.name == imp.name }) else {
                throw linkError("core module `\(name)` imports `\(imp.module)` `\(imp.name)`, which its type does not declare")
            }
            guard WasmCore.matches(declared.type, imp.type) else {
                throw linkError("type mismatch for import `\(imp.module)` `\(imp.name)` of core module `\(name)`")
            }
        }
    }
}
