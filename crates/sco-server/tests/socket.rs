//! The server over a real socket: `serve_blocking` binds an ephemeral port on the loopback
//! interface, reports it, and answers plain HTTP/1.1 requests (what `sco serve` runs).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::mpsc;
use std::time::Duration;

use chrono::NaiveDate;
use sco_server::{AppState, Clock};

/// Sends one request and returns the whole response text.
fn request(addr: SocketAddr, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("the server accepts connections");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("a read timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("the request is sent");
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .expect("the response is read");
    response
}

#[test]
fn serves_the_api_and_the_dashboard_on_a_real_port() {
    let today = NaiveDate::from_ymd_opt(2024, 7, 4).expect("a date");
    let state = AppState::load(None, Clock::Fixed(today)).expect("the embedded ledger loads");
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let any_port: SocketAddr = "127.0.0.1:0".parse().expect("an address");
        // The thread ends with the test process.
        let _ = sco_server::serve_blocking(any_port, state, move |bound| {
            let _ = sender.send(bound);
        });
    });
    let addr = receiver
        .recv_timeout(Duration::from_secs(30))
        .expect("the server reports the port it bound");
    assert_ne!(addr.port(), 0);

    let health = request(addr, "/api/health");
    assert!(health.starts_with("HTTP/1.1 200 OK"), "{health}");
    assert!(health.contains(r#""status":"ok""#), "{health}");

    let members = request(addr, "/api/members?date=2017-06-09&status=member");
    assert!(members.starts_with("HTTP/1.1 200 OK"), "{members}");
    assert!(
        members.contains(r#""IND""#) && members.contains(r#""PAK""#),
        "{members}"
    );

    let bad = request(addr, "/api/members?date=2017-02-30");
    assert!(bad.starts_with("HTTP/1.1 400"), "{bad}");
    assert!(bad.contains("is not a date"), "{bad}");

    let page = request(addr, "/");
    assert!(page.starts_with("HTTP/1.1 200 OK"), "{page}");
    assert!(
        page.to_ascii_lowercase()
            .contains("content-type: text/html"),
        "{page}"
    );
}
