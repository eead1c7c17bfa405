//! What every request passes before a handler sees it: the `Host` allow-list (against DNS
//! rebinding), the size of its target and headers, the request timeout, and the security
//! headers on every answer.
//!
//! Why here and not in the handlers: these rules hold for every route, the dashboard and the
//! JSON errors alike, and they need the address the server is bound to, which the router
//! does not know. The refusals are JSON like every other error of the API.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::{ApiError, Limits};

/// The dashboard's content security policy: its script and style sheet from the server's own
/// embedded files (no inline script or style, so an injected one would not run), requests to
/// the same origin, no external source of any kind, and no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; \
form-action 'none'; frame-ancestors 'none'";

/// The checks of every request, with the names the server answers to.
#[derive(Debug)]
pub(crate) struct Guard {
    hosts: Vec<String>,
    any_host: bool,
    limits: Limits,
}

impl Guard {
    /// The guard of a server bound to `bound`: the configured names plus the bound address.
    pub(crate) fn new(limits: &Limits, bound: std::net::SocketAddr) -> Guard {
        let mut hosts: Vec<String> = limits
            .allowed_hosts
            .iter()
            .map(|h| h.trim().to_ascii_lowercase())
            .collect();
        let ip = bound.ip();
        if !ip.is_unspecified() {
            let name = match ip {
                std::net::IpAddr::V4(v4) => v4.to_string(),
                std::net::IpAddr::V6(v6) => format!("[{v6}]"),
            };
            if !hosts.contains(&name) {
                hosts.push(name);
            }
        }
        Guard {
            any_host: hosts.iter().any(|h| h == "*"),
            hosts,
            limits: limits.clone(),
        }
    }

    /// Whether a `Host` header value names this server.
    pub(crate) fn host_allowed(&self, value: &str) -> bool {
        if self.any_host {
            return true;
        }
        let host = host_name(value).to_ascii_lowercase();
        self.hosts.contains(&host)
    }

    fn check(&self, request: &Request) -> Result<(), ApiError> {
        let target = request
            .uri()
            .path_and_query()
            .map_or(0, |p| p.as_str().len());
        if target > self.limits.max_uri_bytes {
            return Err(ApiError {
                status: StatusCode::URI_TOO_LONG,
                message: format!(
                    "the request target has {target} bytes; the server reads at most {}",
                    self.limits.max_uri_bytes
                ),
            });
        }
        let headers = request.headers();
        let size: usize = headers
            .iter()
            .map(|(name, value)| name.as_str().len() + value.len() + 4)
            .sum::<usize>()
            + target;
        if headers.len() > self.limits.max_header_count || size > self.limits.max_header_bytes {
            return Err(ApiError {
                status: StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                message: format!(
                    "the request has {} header fields and {size} bytes of head; the server reads at most {} fields and {} bytes",
                    headers.len(),
                    self.limits.max_header_count,
                    self.limits.max_header_bytes
                ),
            });
        }
        let host = headers
            .get(header::HOST)
            .map(|v| v.to_str().unwrap_or("\u{fffd}"));
        match host {
            None => Err(ApiError::bad_request(
                "the request has no Host header: HTTP/1.1 requires one",
            )),
            Some(host) if !self.host_allowed(host) => Err(ApiError {
                status: StatusCode::FORBIDDEN,
                message: format!(
                    "this server does not answer for host `{}`: it answers for {} (start it with `sco serve --allow-host NAME` to add a name)",
                    host.escape_debug(),
                    self.hosts.join(", ")
                ),
            }),
            Some(_) => Ok(()),
        }
    }
}

/// The host part of a `Host` header: without the port, brackets kept around IPv6.
fn host_name(value: &str) -> &str {
    let value = value.trim();
    let is_port = |port: &str| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit());
    if value.starts_with('[') {
        return match value.find(']') {
            Some(end) => {
                let rest = &value[end + 1..];
                match rest.strip_prefix(':') {
                    None if rest.is_empty() => &value[..=end],
                    Some(port) if is_port(port) => &value[..=end],
                    _ => value,
                }
            }
            None => value,
        };
    }
    match value.rsplit_once(':') {
        Some((name, port)) if !name.contains(':') && is_port(port) => name,
        _ => value,
    }
}

async fn guard(State(guard): State<Arc<Guard>>, request: Request, next: Next) -> Response {
    if let Err(refusal) = guard.check(&request) {
        return refusal.into_response();
    }
    let timeout = guard.limits.request_timeout;
    match tokio::time::timeout(timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: format!(
                "the request took longer than {} s and was abandoned",
                timeout.as_secs_f64()
            ),
        }
        .into_response(),
    }
}

/// `router` behind the guard, with the security headers and `provenance` (the version and
/// digests of the data served) on every response.
pub(crate) fn harden(router: Router, guard: Guard, provenance: Provenance) -> Router {
    let headers = [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            HeaderName::from_static("cross-origin-resource-policy"),
            "same-origin",
        ),
    ];
    let mut router = router.layer(axum::middleware::from_fn_with_state(
        Arc::new(guard),
        self::guard,
    ));
    for (name, value) in headers {
        router = router.layer(SetResponseHeaderLayer::overriding(
            name,
            HeaderValue::from_static(value),
        ));
    }
    for (name, value) in [
        ("sco-twin-version", env!("CARGO_PKG_VERSION").to_string()),
        ("sco-ledger-digest", provenance.ledger_digest),
        ("sco-data-digest", provenance.data_digest),
    ] {
        if let Ok(value) = HeaderValue::from_str(&value) {
            router = router.layer(SetResponseHeaderLayer::overriding(
                HeaderName::from_static(name),
                value,
            ));
        }
    }
    router
}

/// What every response says it was computed from, so that a client can record it beside the
/// JSON it saves: the ledger's digest and the embedded data's (`sha256:...`).
pub(crate) struct Provenance {
    pub(crate) ledger_digest: String,
    pub(crate) data_digest: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard(hosts: &[&str], bound: &str) -> Guard {
        let limits = Limits {
            allowed_hosts: hosts.iter().map(|h| h.to_string()).collect(),
            ..Limits::default()
        };
        Guard::new(&limits, bound.parse().unwrap())
    }

    #[test]
    fn loopback_names_and_the_bound_address_are_allowed() {
        let g = guard(crate::limits::LOOPBACK_HOSTS, "127.0.0.1:8080");
        for ok in [
            "localhost",
            "localhost:8080",
            "LOCALHOST:1",
            "127.0.0.1:8080",
            "[::1]:8080",
            "[::1]",
        ] {
            assert!(g.host_allowed(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:8080",
            "localhost.evil.example",
            "127.0.0.1.nip.io:8080",
            "",
            "[::1]evil",
            "localhost:80:80",
        ] {
            assert!(!g.host_allowed(bad), "{bad}");
        }
    }

    #[test]
    fn a_configured_name_and_a_star_are_honoured() {
        let g = guard(&["twin.lan"], "192.168.1.5:80");
        assert!(g.host_allowed("twin.lan:80"));
        assert!(g.host_allowed("192.168.1.5"));
        assert!(!g.host_allowed("localhost"));
        assert!(guard(&["*"], "0.0.0.0:80").host_allowed("anything"));
        assert!(!guard(&[], "0.0.0.0:80").host_allowed("0.0.0.0"));
    }
}
