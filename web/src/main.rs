//! Mounts the playground app. Nothing else lives here.
fn main() {}
