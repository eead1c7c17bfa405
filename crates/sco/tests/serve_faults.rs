//! `sco serve` under load and faults, as a local attacker would try it: the real binary on an
//! ephemeral loopback port (127.0.0.1 only), with 64 open files at most, many slow and idle
//! clients, abandoned expensive requests, oversized and misdirected requests, then signals.
//! Each test is bounded in requests and time and stops its server itself.
//!
//! Before the hardening, the server exited 101 when `accept` ran out of descriptors (its runtime
//! had no timers), held half-sent requests forever, ignored SIGTERM and kept running while a
//! client held a half-sent request after Ctrl-C, accepted any `Host`, answered
//! `draws=10000000` with 26 CPU-seconds of work, and sent hyper's own errors (400, 431) with an
//! empty body.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A `sco serve` process limited to 64 open files, and the address it bound.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    fn start(extra: &str) -> Server {
        let command = format!(
            "ulimit -n 64 && exec '{}' serve --addr 127.0.0.1:0 {extra}",
            env!("CARGO_BIN_EXE_sco")
        );
        let mut child = Command::new("sh")
            .args(["-c", &command])
            .env_remove("SCO_LEDGER")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("sh starts sco serve");
        let stderr = child.stderr.take().expect("stderr is piped");
        let mut lines = BufReader::new(stderr).lines();
        let first = lines
            .next()
            .expect("sco serve prints its address")
            .expect("stderr is text");
        let url = first
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {first:?}"));
        let addr: SocketAddr = url.parse().expect("an address");
        // Keep draining stderr (internal faults are logged there) so the server never blocks.
        std::thread::spawn(move || for _ in lines {});
        Server { child, addr }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn alive(&mut self) -> bool {
        self.child.try_wait().expect("waitpid").is_none()
    }

    /// `VmRSS` and `VmHWM` of the server in KiB (Linux).
    fn memory_kib(&self) -> (u64, u64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid()))
            .expect("/proc/PID/status");
        let field = |name: &str| -> u64 {
            status
                .lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        };
        (field("VmRSS:"), field("VmHWM:"))
    }

    fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([&format!("-{name}"), &self.pid().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
    }

    /// Waits for the process to end; `None` if it is still running after `limit`.
    fn wait_for_exit(&mut self, limit: Duration) -> Option<i32> {
        let start = Instant::now();
        while start.elapsed() < limit {
            if let Some(status) = self.child.try_wait().expect("waitpid") {
                return Some(status.code().unwrap_or(-1));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn connect(addr: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a read timeout");
    stream
}

/// Sends `head` (a request without its final blank line is a half-sent request) and reads the
/// whole answer; returns (status line, lower-cased head, body).
fn exchange(addr: SocketAddr, head: &str) -> (String, String, String) {
    let mut stream = connect(addr);
    stream
        .write_all(head.as_bytes())
        .expect("the request is sent");
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.lines().next().unwrap_or("").to_string();
    (status, head.to_ascii_lowercase(), body.to_string())
}

fn get(addr: SocketAddr, path: &str) -> (String, String, String) {
    exchange(
        addr,
        &format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
    )
}

/// The `error` of a JSON error body.
fn error_of(body: &str) -> String {
    let value: serde_json::Value =
        serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body:?}"));
    value["error"]
        .as_str()
        .unwrap_or_else(|| panic!("no `error` in {body}"))
        .to_string()
}

#[test]
fn the_server_survives_slow_idle_and_abandoning_clients_under_a_descriptor_limit() {
    let started = Instant::now();
    let mut server = Server::start("--header-timeout 1 --max-expensive 2");
    let addr = server.addr;
    assert!(get(addr, "/api/health").0.contains(" 200 "));

    // 80 connections held open (more than the 64 descriptors the process may have), half
    // of them with a half-sent request.
    let mut held = Vec::new();
    for i in 0..80 {
        if let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_secs(2)) {
            if i % 2 == 0 {
                let _ = stream.write_all(b"GET /api/health HTTP/1.1\r\nHost: local");
            }
            held.push(stream);
        }
    }
    // Expensive requests whose clients leave at once.
    for _ in 0..6 {
        if let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_secs(2)) {
            let _ = stream.write_all(
                b"GET /api/expansion?draws=200000&seed=7 HTTP/1.1\r\nHost: localhost\r\n\r\n",
            );
        }
    }
    std::thread::sleep(Duration::from_millis(300));
    assert!(server.alive(), "the server died under 80 held connections");

    // The header-read timeout (1 s here) closes a half-sent request by itself.
    let mut slow = connect(addr);
    let waited = Instant::now();
    slow.write_all(b"GET /api/health HTTP/1.1\r\nHost: localhost\r\n")
        .expect("half a request");
    let mut rest = Vec::new();
    // Ends when the server closes the connection (or after the 10 s read timeout).
    let _ = slow.read_to_end(&mut rest);
    assert!(
        waited.elapsed() < Duration::from_secs(6),
        "closed after {:?}",
        waited.elapsed()
    );

    drop(held);
    // Answers quickly again once the held connections are gone.
    let quick = Instant::now();
    let (status, _, _) = get(addr, "/api/health");
    assert!(status.contains(" 200 "), "{status}");
    assert!(
        quick.elapsed() < Duration::from_secs(3),
        "{:?}",
        quick.elapsed()
    );

    // Throughput and latency of plain requests, for docs/benchmarks.md.
    let mut latencies = Vec::new();
    let burst = Instant::now();
    for _ in 0..200 {
        let one = Instant::now();
        assert!(get(addr, "/api/members?date=2017-06-09")
            .0
            .contains(" 200 "));
        latencies.push(one.elapsed());
    }
    let seconds = burst.elapsed().as_secs_f64();
    latencies.sort();
    let p99 = latencies[latencies.len() * 99 / 100 - 1];
    let (rss, hwm) = server.memory_kib();
    println!(
        "faults survived; 200 requests in {seconds:.2} s = {:.0} requests/s, p99 {:.1} ms; VmRSS {} MiB, VmHWM {} MiB",
        200.0 / seconds,
        p99.as_secs_f64() * 1000.0,
        rss / 1024,
        hwm / 1024
    );
    assert!(hwm < 1024 * 1024, "peak memory {hwm} KiB");
    assert!(server.alive());
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn refusals_are_json_and_the_page_carries_security_headers() {
    let server = Server::start("--max-draws 1000");
    let addr = server.addr;
    let mut messages = Vec::new();
    let mut note = |status: &str, body: &str| {
        let code = status.split_whitespace().nth(1).unwrap_or("?").to_string();
        messages.push(format!("{code} {}", error_of(body)));
    };

    // DNS rebinding: a page from evil.example reaching the server through its own name.
    let (status, _, body) = exchange(
        addr,
        "GET /api/health HTTP/1.1\r\nHost: evil.example:8080\r\nConnection: close\r\n\r\n",
    );
    assert!(status.contains(" 403 "), "{status}");
    assert!(error_of(&body).contains("evil.example"), "{body}");
    note(&status, &body);

    // The security headers of the page.
    let (status, head, _) = get(addr, "/");
    assert!(status.contains(" 200 "), "{status}");
    for expected in [
        "content-security-policy: default-src 'none'",
        "frame-ancestors 'none'",
        "x-content-type-options: nosniff",
        "x-frame-options: deny",
        "referrer-policy: no-referrer",
    ] {
        assert!(head.contains(expected), "{expected} missing in {head}");
    }

    // Every answer names what it was computed from: the same digests as `sco version`.
    let (_, head, _) = get(addr, "/api/members");
    let version = common::Sco::new(&["version", "--json"]).json();
    for (header, key) in [
        ("sco-ledger-digest", "ledger_digest"),
        ("sco-data-digest", "data_digest"),
        ("sco-twin-version", "version"),
    ] {
        let value = version[key].as_str().unwrap();
        assert!(
            head.contains(&format!("{header}: {value}")),
            "{header} missing in {head}"
        );
    }

    // The draws ceiling is the server's, and a 400 names it.
    let (status, _, body) = get(addr, "/api/expansion?draws=10000000");
    assert!(status.contains(" 400 "), "{status}");
    assert!(error_of(&body).contains("1000"), "{body}");
    note(&status, &body);

    // Oversized headers and targets are answered with JSON by the server's own code.
    let big = "x".repeat(20_000);
    let (status, _, body) = exchange(
        addr,
        &format!(
            "GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Big: {big}\r\nConnection: close\r\n\r\n"
        ),
    );
    assert!(status.contains(" 431 "), "{status}");
    assert!(error_of(&body).contains("bytes"), "{body}");
    note(&status, &body);
    let (status, _, body) = get(addr, &format!("/api/health?{}", "a".repeat(10_000)));
    assert!(status.contains(" 414 "), "{status}");
    note(&status, &body);

    // What hyper answers by itself, before the router runs, is JSON too: more header fields
    // than it parses (a head over its 64 KiB buffer gets the same answer, but the client may
    // then see a reset, as the server closes with the rest of the head unread), a request line
    // that is not HTTP, and a malformed second request on a kept-alive connection.
    let fields: String = (0..300).map(|i| format!("X-{i}: a\r\n")).collect();
    let (status, head, body) = exchange(
        addr,
        &format!("GET /api/health HTTP/1.1\r\nHost: localhost\r\n{fields}\r\n"),
    );
    assert!(status.contains(" 431 "), "{status}");
    assert!(head.contains("content-type: application/json"), "{head}");
    assert!(error_of(&body).contains("65536 bytes"), "{body}");
    note(&status, &body);
    let (status, _, body) = exchange(addr, "NOT HTTP AT ALL\r\n\r\n");
    assert!(status.contains(" 400 "), "{status}");
    assert!(error_of(&body).contains("parsed"), "{body}");
    note(&status, &body);
    let (_, _, both) = exchange(
        addr,
        "GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\nGARBAGE\r\n\r\n",
    );
    let second = both
        .split_once("HTTP/1.1 400 Bad Request\r\n")
        .unwrap_or_else(|| panic!("no 400 after the first answer: {both}"))
        .1;
    let body = second.split_once("\r\n\r\n").map_or("", |(_, body)| body);
    assert!(error_of(body).contains("parsed"), "{body}");

    // A client error on a case is 400, not 500.
    let (status, _, body) = get(addr, "/api/cases/single-currency?membership=1900-01-01");
    assert!(status.contains(" 400 "), "{status}: {body}");
    assert!(error_of(&body).contains("no members"), "{body}");
    note(&status, &body);
    let (status, _, body) = get(addr, "/api/weight?without=ZZZ");
    assert!(status.contains(" 400 "), "{status}: {body}");
    assert!(error_of(&body).contains("ZZZ"), "{body}");
    note(&status, &body);
    let (status, _, body) = exchange(addr, "GET /api/health HTTP/1.0\r\n\r\n");
    assert!(status.contains(" 400 "), "{status}");
    note(&status, &body);
    insta::assert_snapshot!(messages.join("\n"));
}

#[test]
fn idle_connections_are_closed_after_the_header_timeout() {
    let server = Server::start("--header-timeout 1");
    // A connection that never sends a byte.
    let mut idle = connect(server.addr);
    let started = Instant::now();
    let mut rest = Vec::new();
    let _ = idle.read_to_end(&mut rest);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    // A keep-alive connection after its answer.
    let mut kept = connect(server.addr);
    kept.write_all(b"GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .expect("a request");
    let mut first = [0u8; 1024];
    let n = kept.read(&mut first).expect("the answer");
    assert!(String::from_utf8_lossy(&first[..n]).contains(" 200 "));
    let started = Instant::now();
    let _ = kept.read_to_end(&mut rest);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn slow_work_times_out_and_abandoned_work_still_counts_against_the_cap() {
    let server = Server::start("--max-expensive 1 --max-draws 10000000 --request-timeout 1");
    let addr = server.addr;
    let started = Instant::now();
    let (status, _, body) = get(addr, "/api/expansion?draws=5000000&seed=3");
    assert!(status.contains(" 503 "), "{status}");
    let timeout = error_of(&body);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    // The computation goes on without its client and keeps its place: a second one is refused
    // at once rather than piling up.
    let (status, _, body) = get(addr, "/api/expansion?draws=100");
    assert!(status.contains(" 503 "), "{status}");
    let busy = error_of(&body);
    // Cheap requests are answered meanwhile.
    let quick = Instant::now();
    assert!(get(addr, "/api/health").0.contains(" 200 "));
    assert!(
        quick.elapsed() < Duration::from_secs(2),
        "{:?}",
        quick.elapsed()
    );
    insta::assert_snapshot!(format!("{timeout}\n{busy}"));
}

#[test]
fn sigint_and_sigterm_stop_the_server_despite_a_half_sent_request() {
    for signal in ["INT", "TERM"] {
        let mut server = Server::start("--shutdown-grace 1");
        let mut stream = connect(server.addr);
        stream
            .write_all(b"GET /api/health HTTP/1.1\r\nHost: loc")
            .expect("half a request");
        std::thread::sleep(Duration::from_millis(100));
        server.signal(signal);
        let code = server.wait_for_exit(Duration::from_secs(5));
        assert_eq!(
            code,
            Some(0),
            "SIG{signal}: the server did not stop in time"
        );
    }
    // A second Ctrl-C ends the grace period (5 s by default) at once.
    let mut server = Server::start("");
    let mut stream = connect(server.addr);
    stream
        .write_all(b"GET /api/health HTTP/1.1\r\nHost: loc")
        .expect("half a request");
    std::thread::sleep(Duration::from_millis(100));
    server.signal("INT");
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    server.signal("INT");
    let code = server.wait_for_exit(Duration::from_secs(3));
    assert_eq!(code, Some(0), "the second SIGINT did not stop the server");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

/// The figures of `docs/benchmarks.md`: 4 client threads × 250 requests while 30 clients hold
/// half-sent requests and 6 expensive requests are abandoned. Run once with
/// `cargo test -p sco --test serve_faults -- --ignored --nocapture load_figures`.
#[test]
#[ignore = "prints figures; run by hand"]
fn load_figures() {
    let server = Server::start("--header-timeout 10");
    let addr = server.addr;
    let mut held = Vec::new();
    for _ in 0..30 {
        let mut stream = connect(addr);
        let _ = stream.write_all(b"GET /api/health HTTP/1.1\r\nHost: loc");
        held.push(stream);
    }
    for _ in 0..6 {
        let mut stream = connect(addr);
        let _ = stream.write_all(
            b"GET /api/expansion?draws=200000&seed=9 HTTP/1.1\r\nHost: localhost\r\n\r\n",
        );
    }
    for (path, per_thread) in [
        ("/api/health", 250),
        ("/api/members?date=2017-06-09", 250),
        ("/api/weight?date=2024-07-04", 50),
    ] {
        let started = Instant::now();
        let threads: Vec<_> = (0..4)
            .map(|_| {
                std::thread::spawn(move || {
                    (0..per_thread)
                        .map(|_| {
                            let one = Instant::now();
                            let (status, _, _) = get(addr, path);
                            assert!(status.contains(" 200 "), "{status}");
                            one.elapsed()
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut latencies: Vec<Duration> = threads
            .into_iter()
            .flat_map(|t| t.join().expect("a client thread"))
            .collect();
        let seconds = started.elapsed().as_secs_f64();
        latencies.sort();
        let p99 = latencies[latencies.len() * 99 / 100 - 1];
        println!(
            "{path}: {} requests in {seconds:.2} s = {:.0} requests/s, p50 {:.1} ms, p99 {:.1} ms",
            latencies.len(),
            latencies.len() as f64 / seconds,
            latencies[latencies.len() / 2].as_secs_f64() * 1000.0,
            p99.as_secs_f64() * 1000.0
        );
    }
    let (rss, hwm) = server.memory_kib();
    println!("VmRSS {} MiB, VmHWM {} MiB", rss / 1024, hwm / 1024);
    drop(held);
}
