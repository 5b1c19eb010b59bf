import WasmCore

/// The `spectest` module every core script may import from: print functions, four globals, a table
/// and a memory.
///
/// Spec: interpreter/host/spectest.ml (the reference interpreter's host module) — same names, types and
/// values. The print functions print nothing here: a suite run's output is its report.
enum Spectest {
    /// Allocates the module's objects in `store` and returns them as exports by name.
    static func instantiate(in store: Store) throws -> [String: ExternalValue] {
        var exports: [String: ExternalValue] = [:]
        func function(_ name: String, _ parameters: [ValueType]) {
            exports[name] = .function(store.allocateHostFunction(type: FunctionType(parameters: parameters)) { _, _ in [] })
        }
        function("print", [])
        function("print_i32", [.i32])
        function("print_i64", [.i64])
        function("print_f32", [.f32])
        function("print_f64", [.f64])
        function("print_i32_f32", [.i32, .f32])
        function("print_f64_f64", [.f64, .f64])
        exports["global_i32"] = .global(store.allocateGlobal(type: GlobalType(mutability: .constant, valueType: .i32), value: .i32(666)))
        exports["global_i64"] = .global(store.allocateGlobal(type: GlobalType(mutability: .constant, valueType: .i64), value: .i64(666)))
        exports["global_f32"] = .global(store.allocateGlobal(
            type: GlobalType(mutability: .constant, valueType: .f32), value: .f32(Float(666.6).bitPattern)))
        exports["global_f64"] = .global(store.allocateGlobal(
            type: GlobalType(mutability: .constant, valueType: .f64), value: .f64(Double(666.6).bitPattern)))
        exports["table"] = .table(try store.allocateTable(
            type: TableType(limits: Limits(min: 10, max: 20), elementType: .funcRef)))
        exports["memory"] = .memory(try store.allocateMemory(type: MemoryType(limits: Limits(min: 1, max: 2))))
        return exports
    }
}
