//! A token server: issues RTC (and RTM) tokens built by this crate's checked builder, and
//! diagnoses a token against the join that failed.
//!
//! ```text
//! AGORA_APP_ID=... AGORA_APP_CERTIFICATE=... TOKEN_SERVER_SECRET=... cargo run -p agora-token-server
//! curl -H "Authorization: Bearer $TOKEN_SERVER_SECRET" 'http://127.0.0.1:8080/rtc/lobby/publisher/uid/42?expiry=3600&rtm=alice'
//! curl -X POST http://127.0.0.1:8080/diagnose -H "Authorization: Bearer $TOKEN_SERVER_SECRET" -H 'content-type: application/json' \
//!      -d '{"token": "007eJx...", "channel": "lobby", "uid": 42, "error": "110"}'
//! ```
//!
//! Callers authenticate with `Authorization: Bearer $TOKEN_SERVER_SECRET`: replace
//! `guard::Guard::shared_secret` with the app's own check of the caller's session, which decides
//! the channels, users and roles each may have. Each caller may make 60 requests a minute (an
//! authenticated caller by who it is and where it connects from, an unauthenticated one by where
//! it connects from, in a budget apart); a request may take 5 s and carry 16 KiB; a connection
//! that sends no request head within 10 s, or stays idle that long, is closed, and connections
//! beyond what the descriptor limit leaves room for are refused. A bad App ID or certificate
//! stops the server at start. `PORT` sets the port (default 8080); it listens on loopback only.

use agora_token_server::{Project, guard::Guard, serve};

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let (Ok(app_id), Ok(app_certificate), Ok(secret)) = (
        std::env::var("AGORA_APP_ID"),
        std::env::var("AGORA_APP_CERTIFICATE"),
        std::env::var("TOKEN_SERVER_SECRET"),
    ) else {
        eprintln!(
            "agora-token-server: set AGORA_APP_ID, AGORA_APP_CERTIFICATE and TOKEN_SERVER_SECRET"
        );
        return ExitCode::from(2);
    };
    if secret.len() < 16 {
        eprintln!("agora-token-server: TOKEN_SERVER_SECRET must be 16 characters or more");
        return ExitCode::from(2);
    }
    let project = match Project::new(app_id, app_certificate) {
        Ok(p) => p,
        Err(why) => {
            eprintln!("agora-token-server: {why}");
            return ExitCode::from(2);
        }
    };
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(8080);
    let listener = match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("agora-token-server: cannot listen on 127.0.0.1:{port}: {e}");
            return ExitCode::FAILURE;
        }
    };
    eprintln!("agora-token-server: listening on http://127.0.0.1:{port}");
    if let Err(e) = serve(listener, project, Guard::shared_secret(secret)).await {
        eprintln!("agora-token-server: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
