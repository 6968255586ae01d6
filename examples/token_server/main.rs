//! A token server: issues RTC (and RTM) tokens built by this crate's checked builder, and
//! diagnoses a token against the join that failed.
//!
//! ```text
//! AGORA_APP_ID=... AGORA_APP_CERTIFICATE=... cargo run --example token_server --features build,serde
//! curl 'http://127.0.0.1:8080/rtc/lobby/publisher/uid/42?expiry=3600&rtm=alice'
//! curl -X POST http://127.0.0.1:8080/diagnose -H 'content-type: application/json' \
//!      -d '{"token": "007eJx...", "channel": "lobby", "uid": 42, "error": "110"}'
//! ```
//!
//! `PORT` sets the port (default 8080); it listens on loopback only.

mod app;

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let (Ok(app_id), Ok(app_certificate)) = (
        std::env::var("AGORA_APP_ID"),
        std::env::var("AGORA_APP_CERTIFICATE"),
    ) else {
        eprintln!("token_server: set AGORA_APP_ID and AGORA_APP_CERTIFICATE");
        return ExitCode::from(2);
    };
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(8080);
    let listener = match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("token_server: cannot listen on 127.0.0.1:{port}: {e}");
            return ExitCode::FAILURE;
        }
    };
    eprintln!("token_server: listening on http://127.0.0.1:{port}");
    let router = app::router(app::Project {
        app_id,
        app_certificate,
    });
    if let Err(e) = axum::serve(listener, router).await {
        eprintln!("token_server: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
