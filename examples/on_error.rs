//! An `onError` handler: what the code means and what to do.
//!
//! ```sh
//! cargo run --example on_error -- -110
//! ```

use agora_token_errors::{Action, CodeSpace, TokenError};

fn main() {
    let code: i32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(110);
    let Some(e) = TokenError::from_code(CodeSpace::Native, code) else {
        println!("{code} is not a token error: handle it as the SDK documents it");
        return;
    };
    println!("{code}: {e}");
    println!("cause: {}", e.cause());
    match e.action() {
        Action::RenewToken | Action::RejoinWithNewToken => {
            println!("fetch a new token from your token server and join again");
        }
        _ => println!("fix: {}", e.remediation()),
    }
}
