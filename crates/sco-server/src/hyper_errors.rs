//! JSON bodies for the answers hyper gives on its own, before a request reaches the router.
//!
//! Why: when a request head cannot be parsed (400), its target or its header fields overflow
//! hyper's buffer (414, 431) or its version is unknown (505), hyper answers by itself with an
//! empty body and closes the connection, and it has no hook to change that answer. The API
//! promises a JSON `{"error": ...}` body on every error (`docs/api.md`), so a client reading the
//! body must not find it empty here either. [`JsonErrorBodies`] wraps a connection's byte
//! stream: it lets every response through unchanged except hyper's own bare error responses,
//! which it recognises by their shape (a 400, 414, 431 or 505 status line, no `content-type`,
//! `content-length: 0`: the router's responses always carry a content type) and replaces with
//! the same status, a JSON body saying what was wrong, and the page's security headers.

use std::io::IoSlice;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// A connection's stream whose bare hyper error responses gain a JSON body.
pub(crate) struct JsonErrorBodies<S> {
    inner: S,
    /// The replacement response still to be written, and how much of it has been.
    pending: Vec<u8>,
    written: usize,
    limits: Described,
}

/// The limits quoted in the messages (bytes of the request head).
#[derive(Clone, Copy)]
pub(crate) struct Described {
    pub(crate) max_buffer_bytes: usize,
}

impl<S> JsonErrorBodies<S> {
    pub(crate) fn new(inner: S, limits: Described) -> Self {
        Self {
            inner,
            pending: Vec::new(),
            written: 0,
            limits,
        }
    }
}

/// The replacement for `head` when it is one of hyper's bare error responses, else `None`.
fn replacement(head: &[u8], limits: Described) -> Option<Vec<u8>> {
    let end = find(head, b"\r\n\r\n")?;
    if end + 4 != head.len() {
        return None; // a head followed by body bytes: not a bare error response
    }
    let text = std::str::from_utf8(&head[..end]).ok()?;
    let mut lines = text.split("\r\n");
    let status_line = lines.next()?;
    let rest = status_line.strip_prefix("HTTP/1.1 ")?;
    let code = rest.get(..3)?;
    let message = match code {
        "400" => "the request could not be parsed as HTTP/1.1 (malformed request line or header)"
            .to_string(),
        "414" => "the request target (path and query) is too long".to_string(),
        "431" => format!(
            "the request's header fields are too large or too many (the whole request head is \
             limited to {} bytes)",
            limits.max_buffer_bytes
        ),
        "505" => "the HTTP version is not supported: use HTTP/1.1 or HTTP/1.0".to_string(),
        _ => return None,
    };
    let mut date = None;
    let mut empty = false;
    for line in lines {
        let (name, value) = line.split_once(':')?;
        let value = value.trim();
        match name.to_ascii_lowercase().as_str() {
            "content-type" => return None,
            "content-length" => empty = value == "0",
            "date" => date = Some(value.to_string()),
            _ => {}
        }
    }
    if !empty {
        return None;
    }
    let body = serde_json::json!({ "error": message }).to_string();
    let mut out = format!(
        "{status_line}\r\ncontent-type: application/json\r\nx-content-type-options: nosniff\r\n\
         cache-control: no-store\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    if let Some(date) = date {
        out.push_str(&format!("date: {date}\r\n"));
    }
    out.push_str("\r\n");
    out.push_str(&body);
    Some(out.into_bytes())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

impl<S: AsyncWrite + Unpin> JsonErrorBodies<S> {
    /// Writes what remains of a replacement; ready when nothing remains.
    fn poll_drain(&mut self, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        while self.written < self.pending.len() {
            let n = match Pin::new(&mut self.inner).poll_write(cx, &self.pending[self.written..]) {
                Poll::Ready(Ok(n)) => n,
                Poll::Ready(Err(error)) => return Poll::Ready(Err(error)),
                Poll::Pending => return Poll::Pending,
            };
            if n == 0 {
                return Poll::Ready(Err(std::io::ErrorKind::WriteZero.into()));
            }
            self.written += n;
        }
        Poll::Ready(Ok(()))
    }

    /// Takes `head` over when it is a bare error response: answers that all of it was
    /// written, and writes the replacement instead.
    fn intercept(
        &mut self,
        cx: &mut Context<'_>,
        head: &[u8],
    ) -> Option<Poll<std::io::Result<usize>>> {
        if !head.starts_with(b"HTTP/1.1 4") && !head.starts_with(b"HTTP/1.1 5") {
            return None;
        }
        let replaced = replacement(head, self.limits)?;
        self.pending = replaced;
        self.written = 0;
        Some(match self.poll_drain(cx) {
            Poll::Ready(Err(error)) => Poll::Ready(Err(error)),
            // Pending or done: the bytes are ours now; flush and shutdown finish the job.
            _ => Poll::Ready(Ok(head.len())),
        })
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for JsonErrorBodies<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for JsonErrorBodies<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = &mut *self;
        match this.poll_drain(cx) {
            Poll::Ready(Ok(())) => {}
            Poll::Ready(Err(error)) => return Poll::Ready(Err(error)),
            Poll::Pending => return Poll::Pending,
        }
        if let Some(answer) = this.intercept(cx, buf) {
            return answer;
        }
        Pin::new(&mut this.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let this = &mut *self;
        match this.poll_drain(cx) {
            Poll::Ready(Ok(())) => {}
            Poll::Ready(Err(error)) => return Poll::Ready(Err(error)),
            Poll::Pending => return Poll::Pending,
        }
        // hyper's bare error responses are a head alone; look at the first slice only when
        // it starts a response and together the slices are small.
        let total: usize = bufs.iter().map(|b| b.len()).sum();
        if total <= 1024 && bufs.first().is_some_and(|b| b.starts_with(b"HTTP/1.1 ")) {
            let joined: Vec<u8> = bufs.iter().flat_map(|b| b.iter().copied()).collect();
            if let Some(answer) = this.intercept(cx, &joined) {
                return answer;
            }
        }
        Pin::new(&mut this.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let this = &mut *self;
        match this.poll_drain(cx) {
            Poll::Ready(Ok(())) => Pin::new(&mut this.inner).poll_flush(cx),
            other => other,
        }
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let this = &mut *self;
        match this.poll_drain(cx) {
            Poll::Ready(Ok(())) => Pin::new(&mut this.inner).poll_shutdown(cx),
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: Described = Described {
        max_buffer_bytes: 65536,
    };

    #[test]
    fn bare_error_responses_gain_a_json_body() {
        let head = b"HTTP/1.1 431 Request Header Fields Too Large\r\nconnection: close\r\n\
                     content-length: 0\r\ndate: Fri, 04 Dec 2026 18:14:17 GMT\r\n\r\n";
        let out = String::from_utf8(replacement(head, LIMITS).unwrap()).unwrap();
        let (head, body) = out.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
        assert!(head.contains("content-type: application/json"));
        assert!(head.contains(&format!("content-length: {}", body.len())));
        assert!(head.contains("date: Fri, 04 Dec 2026 18:14:17 GMT"));
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        assert!(json["error"].as_str().unwrap().contains("65536 bytes"));
    }

    #[test]
    fn the_routers_responses_pass_unchanged() {
        // A JSON error of the router's own: it has a content type.
        let ours = b"HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\n\
                     content-length: 0\r\n\r\n";
        assert!(replacement(ours, LIMITS).is_none());
        // A success, and a head followed by its body.
        assert!(replacement(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n", LIMITS).is_none());
        assert!(replacement(
            b"HTTP/1.1 400 Bad Request\r\ncontent-length: 2\r\n\r\n{}",
            LIMITS
        )
        .is_none());
    }
}
