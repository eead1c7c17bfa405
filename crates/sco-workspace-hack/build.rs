//! Empty on purpose: the build-dependencies in `Cargo.toml` exist for feature unification only.
fn main() {}
