//! The connections: accepted up to a cap, each closed when its request head does not arrive in
//! time (a silent, half-sent or idle keep-alive connection), and hyper's own refusals of
//! malformed requests (400, 414, 431) answered in JSON like every other refusal.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt as _, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;

/// How connections are held.
#[derive(Clone, Copy, Debug)]
pub struct Connections {
    /// The longest a connection may wait for a request's head: from its opening, and between
    /// two requests on one connection (a silent, half-sent or idle connection is then closed).
    pub header_timeout: Duration,
    /// The most connections open at once; one more is answered 503 and closed.
    pub max_connections: usize,
}

impl Default for Connections {
    /// 10 s for a request head, and as many connections as the process's descriptor limit
    /// leaves room for (at most 4,096).
    fn default() -> Connections {
        Connections {
            header_timeout: Duration::from_secs(10),
            max_connections: descriptor_room(),
        }
    }
}

/// Room for connections under the soft descriptor limit (`/proc/self/limits` on Linux), leaving
/// 64 for the process's own files; 1,024 where the limit cannot be read.
fn descriptor_room() -> usize {
    let soft = std::fs::read_to_string("/proc/self/limits")
        .ok()
        .and_then(|limits| {
            let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
            line.split_whitespace().nth(3)?.parse::<usize>().ok()
        })
        .unwrap_or(1_088);
    soft.saturating_sub(64).clamp(16, 4_096)
}

/// The largest request head (start line and headers) read, in bytes; a larger one is refused
/// `431`. Hyper's read buffer limit (about 400 KB) alone is not one: a head that arrives in one
/// read can exceed it and be served, as a 500 KB header was in release builds. Above hyper's
/// 65,534-byte limit on a path, so that a path too long is still `414`.
const MAX_HEAD: usize = 128 << 10;

/// The body of a refusal the server makes before any route runs.
fn refusal(status: &str, message: &str) -> Vec<u8> {
    let body = serde_json::json!({ "error": message }).to_string();
    format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Serves `router` on `listener` until it fails, with each client's address known to the routes.
pub(crate) async fn serve_connections(
    listener: TcpListener,
    router: Router,
    connections: Connections,
) -> io::Result<()> {
    let open = Arc::new(Semaphore::new(connections.max_connections));
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            // Out of descriptors or a connection reset before it was accepted: not the
            // listener's end. Wait a moment for idle connections to time out.
            Err(e) if is_transient(&e) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
            Err(e) => return Err(e),
        };
        let Ok(permit) = Arc::clone(&open).try_acquire_owned() else {
            tokio::spawn(async move {
                let mut stream = stream;
                let answer = refusal(
                    "503 Service Unavailable",
                    "too many connections: try again shortly",
                );
                let _ =
                    tokio::time::timeout(Duration::from_secs(1), stream.write_all(&answer)).await;
                let _ = stream.shutdown().await;
            });
            continue;
        };
        let service =
            TowerToHyperService::new(router.clone().layer(axum::Extension(ConnectInfo(peer))));
        tokio::spawn(async move {
            let io = TokioIo::new(JsonRefusals::new(stream));
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(connections.header_timeout)
                .max_header_size(MAX_HEAD)
                .serve_connection(io, service)
                .await;
            drop(permit);
        });
    }
}

fn is_transient(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::Interrupted
    ) || e
        .raw_os_error()
        .is_some_and(|code| code == 23 || code == 24) // ENFILE, EMFILE
}

/// A connection whose writes are passed on, except hyper's own empty refusals of a malformed
/// request (`400 Bad Request`, `414 URI Too Long`, `431 Request Header Fields Too Large`, each
/// with `content-length: 0`), which become the same status with a JSON body.
struct JsonRefusals {
    inner: TcpStream,
    /// A replacement answer not yet written, and how much of it was.
    pending: Option<(Vec<u8>, usize)>,
}

impl JsonRefusals {
    fn new(inner: TcpStream) -> JsonRefusals {
        JsonRefusals {
            inner,
            pending: None,
        }
    }

    /// The JSON answer for a head hyper writes when it refuses a request, if `head` is one.
    fn replacement(head: &[u8]) -> Option<Vec<u8>> {
        const REFUSALS: [(&[u8], &str, &str); 3] = [
            (
                b"HTTP/1.1 400 ",
                "400 Bad Request",
                "the request is not well-formed HTTP/1.1",
            ),
            (
                b"HTTP/1.1 414 ",
                "414 URI Too Long",
                "the request's path is too long",
            ),
            (
                b"HTTP/1.1 431 ",
                "431 Request Header Fields Too Large",
                "the request's headers are too large",
            ),
        ];
        let (_, status, message) = REFUSALS
            .iter()
            .find(|(start, _, _)| head.starts_with(start))?;
        let text = std::str::from_utf8(head).ok()?.to_ascii_lowercase();
        (text.contains("content-length: 0\r\n") && text.ends_with("\r\n\r\n"))
            .then(|| refusal(status, message))
    }

    fn poll_pending(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while let Some((bytes, written)) = &mut self.pending {
            let n =
                std::task::ready!(Pin::new(&mut self.inner).poll_write(cx, &bytes[*written..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            *written += n;
            if *written == bytes.len() {
                self.pending = None;
            }
        }
        Poll::Ready(Ok(()))
    }
}

impl AsyncRead for JsonRefusals {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for JsonRefusals {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        std::task::ready!(self.poll_pending(cx))?;
        if let Some(answer) = JsonRefusals::replacement(buf) {
            self.pending = Some((answer, 0));
            // The refusal is taken whole; what it becomes is written before anything else.
            let _ = self.poll_pending(cx)?;
            return Poll::Ready(Ok(buf.len()));
        }
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        std::task::ready!(self.poll_pending(cx))?;
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        std::task::ready!(self.poll_pending(cx))?;
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
