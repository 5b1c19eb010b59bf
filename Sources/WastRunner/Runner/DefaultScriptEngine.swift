/// The execution engine scripts run with outside static mode.
///
/// `nil` while no interpreter is wired in: then execution commands are reported as skipped. The
/// interpreter's engine plugs in here, as a factory making one engine per script file.
public enum DefaultScriptEngine {
    public static let factory: ScriptEngineFactory? = ScriptExecution.factory
}
