//! Which of a token's services a join is judged against: read by the checks of the join and of
//! its clocks alike, so it lives apart from both.

use crate::token::{JoinParams, ServiceKind, Token};

/// The service of `t` that admits `join`: RTC for a channel; RTM (or RTM 2) for a login.
pub(super) fn granting_service(t: &Token, join: &JoinParams) -> Option<ServiceKind> {
    match join.service() {
        ServiceKind::Rtm => [ServiceKind::Rtm, ServiceKind::Rtm2]
            .into_iter()
            .find(|&k| t.service(k).is_some()),
        kind => t.service(kind).map(crate::token::Service::kind),
    }
}
