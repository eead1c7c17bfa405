//! The HTTP API and web dashboard of SCO Twin: the command line's JSON, served over HTTP.
//!
//! Why a crate of its own: people who do not use a terminal, and programs that would rather
//! speak HTTP than run a binary, get the same answers as `sco ... --json`: both build their
//! documents with `sco-views` (over `sco-ledger`, `sco-indicators` and `sco-lab`). This crate
//! knows HTTP, routes, query parameters and the dashboard page; it knows nothing of how the
//! documents, the rules, the indicators or the models work inside.
//!
//! - [`router`] builds the read-only API and the dashboard (`GET /`) on an [`AppState`] that
//!   holds the ledger, its replay and the cases, loaded once at start-up.
//! - [`serve`] listens on an address until Ctrl-C; [`serve_with`] also reports the address
//!   bound; [`serve_blocking`] does the same from synchronous code (the `sco serve` command).
//!
//! Every error is a JSON body `{"error": "..."}` with 400 (bad input), 404 (nothing there),
//! 405 (not GET) or 500 (the server's own data failed); see `docs/api.md`.

mod api;
mod error;
mod params;
mod state;

use std::net::SocketAddr;

pub use api::router;
pub use error::{ApiError, ServerError};
pub use state::{AppState, Clock};

/// Serves the API and the dashboard on `addr` until Ctrl-C.
pub async fn serve(addr: SocketAddr, state: AppState) -> Result<(), ServerError> {
    serve_with(addr, state, |_| {}).await
}

/// [`serve`], calling `on_listening` with the address actually bound (useful with port 0) once
/// requests are accepted.
pub async fn serve_with(
    addr: SocketAddr,
    state: AppState,
    on_listening: impl FnOnce(SocketAddr),
) -> Result<(), ServerError> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| ServerError::Bind { addr, source })?;
    let bound = listener.local_addr()?;
    on_listening(bound);
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            // If the signal cannot be listened for, the server runs until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
        .await?;
    Ok(())
}

/// [`serve_with`] on a multi-threaded runtime of its own, blocking until Ctrl-C.
pub fn serve_blocking(
    addr: SocketAddr,
    state: AppState,
    on_listening: impl FnOnce(SocketAddr),
) -> Result<(), ServerError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_io()
        .build()?;
    runtime.block_on(serve_with(addr, state, on_listening))
}
