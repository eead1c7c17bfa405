//! The HTTP API and web dashboard of SCO Twin: the command line's JSON, served over HTTP.
//!
//! Why a crate of its own: people who do not use a terminal, and programs that would rather
//! speak HTTP than run a binary, get the same answers as `sco ... --json`: both build their
//! documents with `sco-documents` (over `sco-ledger`, `sco-indicators` and `sco-lab`). This crate
//! knows HTTP, routes, query parameters and the dashboard page; it knows nothing of how the
//! documents, the rules, the indicators or the models work inside.
//!
//! - [`router`] builds the read-only API and the dashboard (`GET /`) on an [`AppState`] that
//!   holds the ledger, its replay and the cases, loaded once at start-up.
//! - [`serve`] listens on an address until SIGINT or SIGTERM; [`serve_with`] also reports the
//!   address bound; [`serve_blocking`] does the same from synchronous code (the `sco serve`
//!   command); [`serve_until`] stops when a future of the caller's completes.
//! - [`Limits`] (held by the [`AppState`]) caps what one client can take: time, connections,
//!   expensive computations, request size, and the `Host` names answered (`docs/security.md`).
//!
//! Every error is a JSON body `{"error": "..."}` with 400 (bad input), 403 (a `Host` not
//! served), 404 (nothing there), 405 (not GET), 414/431 (request too large), 503 (busy or too
//! slow) or 500 (the server's own data failed); see `docs/api.md`.

mod api;
mod dashboard;
mod error;
mod guard;
mod hyper_errors;
mod limits;
mod params;
mod provenance;
mod state;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

pub use api::router;
pub use error::{ApiError, ServerError};
pub use guard::CONTENT_SECURITY_POLICY;
pub use limits::{open_file_limit, Limits, LOOPBACK_HOSTS};
pub use state::{AppState, Clock};

/// How long the accept loop pauses when `accept` fails (out of descriptors, out of memory).
const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);

/// Serves the API and the dashboard on `addr` until SIGINT or SIGTERM.
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
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|source| ServerError::Bind { addr, source })?;
    on_listening(listener.local_addr()?);
    serve_until(listener, state, shutdown_signal()).await
}

/// Serves on `listener` until `shutdown` completes, then lets the requests in flight finish
/// for up to [`Limits::shutdown_grace`] (a second signal ends the wait at once).
///
/// Each connection is driven by hyper with a header-read timeout (which also closes idle
/// keep-alive connections) and a bounded read buffer; at most [`Limits::max_connections`]
/// (lowered to fit the open-file limit) are open at once, further clients waiting in the
/// listen queue. A failing `accept` (no descriptor left) pauses the loop briefly instead of
/// ending the server.
pub async fn serve_until(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()>,
) -> Result<(), ServerError> {
    let limits = state.limits().clone();
    let bound = listener.local_addr()?;
    let provenance = guard::Provenance {
        ledger_digest: state.ledger().digest.clone(),
        data_digest: sco_data::embedded::digest().to_string(),
    };
    let app = guard::harden(router(state), guard::Guard::new(&limits, bound), provenance);
    let connections = Arc::new(Semaphore::new(
        limits.connections_for(open_file_limit()).max(1),
    ));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .max_buf_size(limits.max_buffer_bytes.max(8192))
        .max_headers(limits.max_header_count.saturating_mul(2).max(16))
        .keep_alive(true);
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = connections.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(error) if is_per_connection(&error) => continue,
            Err(_) => {
                // Out of descriptors or memory: wait for connections to close, then retry.
                tokio::select! {
                    () = tokio::time::sleep(ACCEPT_BACKOFF) => continue,
                    () = &mut shutdown => break,
                }
            }
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(app.clone());
        let stream = hyper_errors::JsonErrorBodies::new(
            stream,
            hyper_errors::Described {
                max_buffer_bytes: limits.max_buffer_bytes.max(8192),
            },
        );
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // A connection's error (reset, timeout, bad request) concerns that client only.
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(limits.shutdown_grace) => {}
        () = shutdown_signal() => {}
    }
    Ok(())
}

/// Errors of `accept` that concern one connection only: accept the next at once.
fn is_per_connection(error: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        error.kind(),
        ConnectionAborted | ConnectionReset | ConnectionRefused | Interrupted | WouldBlock
    )
}

/// Completes on SIGINT (Ctrl-C) or, on Unix, SIGTERM. If neither can be listened for, it
/// never completes and the server runs until killed.
pub async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}

/// [`serve_with`] on a multi-threaded runtime of its own (with timers), blocking until SIGINT
/// or SIGTERM. Computations still running on the blocking pool after the grace period are
/// abandoned, not waited for.
pub fn serve_blocking(
    addr: SocketAddr,
    state: AppState,
    on_listening: impl FnOnce(SocketAddr),
) -> Result<(), ServerError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_io()
        .enable_time()
        .build()?;
    let result = runtime.block_on(serve_with(addr, state, on_listening));
    runtime.shutdown_timeout(Duration::from_millis(200));
    result
}
