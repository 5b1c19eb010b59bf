// CanonicalABI: see Docs/architecture.md. Filled in by later issues.
