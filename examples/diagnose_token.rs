//! Why a join with this token fails, cause first, without the App Certificate.
//!
//! ```sh
//! cargo run --example diagnose_token -- <TOKEN> <APP_ID> <CHANNEL> <UID>
//! ```

use agora_token_errors::token::{Diagnosis, JoinParams};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [token, app_id, channel, uid] = args.as_slice() else {
        eprintln!("usage: diagnose_token TOKEN APP_ID CHANNEL UID");
        std::process::exit(2);
    };
    let Ok(uid) = uid.parse::<u32>() else {
        eprintln!("the uid is a number from 0 to 4294967295");
        std::process::exit(2);
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let join = JoinParams::new(app_id, channel).with_uid(uid);
    let diagnosis = Diagnosis::of(token, &join, now, None);
    if diagnosis.join_looks_right() {
        println!("the token is good for this join");
    }
    for f in diagnosis.findings() {
        println!("{f}");
    }
}
