//! The server's limits: how long a client may take, how many it may hold open, how large a
//! request and how costly a computation may be, and which `Host` names it answers.
//!
//! Why limits at all: the server is meant for one person on loopback, but any local program (or
//! a web page the person visits, through DNS rebinding) can talk to it. Every resource a
//! client can hold (a descriptor, a blocking thread, CPU seconds, buffer memory) is capped here,
//! so that no client can stop the server answering others. `docs/security.md` explains each
//! value; `sco serve` sets the allowed hosts, the rest are defaults chosen for a laptop.

use std::time::Duration;

/// Every limit of the server. [`Limits::default`] is what `sco serve` uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Time a connection may take to send a request's headers; also how long an idle
    /// keep-alive connection stays open waiting for the next request.
    pub header_read_timeout: Duration,
    /// Time a request may take from its headers to its answer (503 after it).
    pub request_timeout: Duration,
    /// Connections open at once; further clients wait in the listen queue. Lowered at start-up
    /// to fit the process's limit on open files.
    pub max_connections: usize,
    /// Expensive computations (case runs, expansions, series) running at once; a request over
    /// it gets 503 at once rather than queueing.
    pub max_expensive: usize,
    /// Bytes of a request's headers (request line included) answered by the server's own JSON
    /// 431; beyond [`Limits::max_buffer_bytes`] hyper answers 431 itself.
    pub max_header_bytes: usize,
    /// Bytes of a request's target (path and query) before a JSON 414.
    pub max_uri_bytes: usize,
    /// Number of header fields before a JSON 431.
    pub max_header_count: usize,
    /// hyper's read buffer per connection: the hard ceiling on a request head.
    pub max_buffer_bytes: usize,
    /// The largest `draws` of `/api/expansion` (the command line allows more).
    pub max_draws: usize,
    /// How long requests in flight may finish after SIGINT or SIGTERM.
    pub shutdown_grace: Duration,
    /// Host names (lower case, without port) a request's `Host` may name, besides the address
    /// the server is bound to; `*` allows any.
    pub allowed_hosts: Vec<String>,
}

/// The loopback names a browser on this machine uses for the server.
pub const LOOPBACK_HOSTS: &[&str] = &["localhost", "127.0.0.1", "[::1]"];

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_read_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_connections: 256,
            max_expensive: 2,
            max_header_bytes: 16 * 1024,
            max_uri_bytes: 8 * 1024,
            max_header_count: 64,
            max_buffer_bytes: 64 * 1024,
            max_draws: 200_000,
            shutdown_grace: Duration::from_secs(5),
            allowed_hosts: LOOPBACK_HOSTS.iter().map(|h| h.to_string()).collect(),
        }
    }
}

impl Limits {
    /// The connection cap that fits `open_files` descriptors, keeping some for the listener,
    /// the standard streams and the files the process opens itself.
    pub fn connections_for(&self, open_files: Option<u64>) -> usize {
        const RESERVED: u64 = 24;
        match open_files {
            Some(limit) => {
                let fit = limit.saturating_sub(RESERVED).max(1);
                self.max_connections
                    .min(usize::try_from(fit).unwrap_or(usize::MAX))
            }
            None => self.max_connections,
        }
    }
}

/// The soft limit on open files of this process, from `/proc/self/limits` (Linux); `None`
/// elsewhere or when unlimited.
pub fn open_file_limit() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/limits").ok()?;
    parse_open_file_limit(&text)
}

fn parse_open_file_limit(text: &str) -> Option<u64> {
    let line = text.lines().find(|l| l.starts_with("Max open files"))?;
    line["Max open files".len()..]
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_connection_cap_fits_the_descriptor_limit() {
        let limits = Limits::default();
        assert_eq!(limits.connections_for(None), 256);
        assert_eq!(limits.connections_for(Some(1024)), 256);
        assert_eq!(limits.connections_for(Some(64)), 40);
        assert_eq!(limits.connections_for(Some(3)), 1);
    }

    #[test]
    fn the_open_file_limit_is_read_from_proc() {
        let text = "Limit                     Soft Limit           Hard Limit           Units     \n\
                    Max cpu time              unlimited            unlimited            seconds   \n\
                    Max open files            64                   4096                 files     \n";
        assert_eq!(parse_open_file_limit(text), Some(64));
        assert_eq!(
            parse_open_file_limit("Max open files unlimited unlimited files"),
            None
        );
    }
}
