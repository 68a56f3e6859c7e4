//! The DStream Playground app: components, kept apart from `main.rs` so browser tests can mount them.
