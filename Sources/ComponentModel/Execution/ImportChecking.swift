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
        case (.coreModule, .coreModule), (.value, .value), (.component, .component):
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
}
