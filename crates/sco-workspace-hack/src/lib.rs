//! Feature unification for the workspace, with no code of its own.
//!
//! The `sco` binary depends on this crate so that `cargo run -p sco` (the README's first command)
//! resolves the same features of shared dependencies as `cargo test --workspace` (its second), and the
//! second command reuses the first one's build instead of compiling the dependencies again. See
//! `Cargo.toml` for which feature each entry asks for and why.
