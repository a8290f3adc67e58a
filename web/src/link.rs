//! The connection as a state machine, so that reconnecting is calm and testable: exponential
//! backoff with jitter, resume after a drop, and no fight between two tabs holding one
//! session.

use ibasho_protocol::close;

/// Where the connection is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkState {
    /// Not connected and not trying (in the lobby, or after leaving every room).
    Idle,
    /// A socket is opening (or open and waiting for `welcome`).
    Connecting,
    /// In a session.
    Open,
    /// Lost; the next attempt is in `retry_in_ms`.
    Waiting { attempt: u32, retry_in_ms: u32 },
    /// Another tab resumed this session; reconnecting here would push it out in turn, so we
    /// wait for the person to choose.
    Replaced,
}

/// First retry after this, doubling up to [`MAX_DELAY_MS`].
pub const BASE_DELAY_MS: u32 = 500;
pub const MAX_DELAY_MS: u32 = 15_000;

/// The delay before attempt number `attempt` (0-based), with `jitter` in 0.0..1.0 spreading
/// reconnects over the upper half of the interval so that clients of a restarted server do
/// not all return at once.
pub fn backoff_ms(attempt: u32, jitter: f64) -> u32 {
    let ceiling = BASE_DELAY_MS
        .saturating_mul(1u32.checked_shl(attempt.min(16)).unwrap_or(u32::MAX))
        .min(MAX_DELAY_MS);
    let spread = 0.5 + 0.5 * jitter.clamp(0.0, 1.0);
    (f64::from(ceiling) * spread).round() as u32
}

/// The connection's state and its attempt counter.
#[derive(Debug, Clone, Copy)]
pub struct Link {
    state: LinkState,
    attempt: u32,
}

impl Default for Link {
    fn default() -> Self {
        Link {
            state: LinkState::Idle,
            attempt: 0,
        }
    }
}

impl Link {
    pub fn state(&self) -> LinkState {
        self.state
    }

    /// A socket is being opened (first time, a retry, or taking a session back).
    pub fn connecting(&mut self) {
        self.state = LinkState::Connecting;
    }

    /// `welcome` arrived: connected, and the next loss starts the backoff afresh.
    pub fn welcomed(&mut self) {
        self.state = LinkState::Open;
        self.attempt = 0;
    }

    /// We closed on purpose (leaving the last room, quick exit).
    pub fn closed_by_us(&mut self) {
        self.state = LinkState::Idle;
        self.attempt = 0;
    }

    /// The socket closed with `code` without us asking. Returns the delay before the next
    /// attempt, or `None` when we must not reconnect by ourselves.
    pub fn lost(&mut self, code: u16, jitter: f64) -> Option<u32> {
        if self.state == LinkState::Idle {
            return None;
        }
        if code == close::REPLACED {
            self.state = LinkState::Replaced;
            return None;
        }
        // The staff account changed: the session is over; sign in again, never resume.
        if code == close::SIGNED_OUT {
            self.state = LinkState::Idle;
            self.attempt = 0;
            return None;
        }
        let retry_in_ms = backoff_ms(self.attempt, jitter);
        self.state = LinkState::Waiting {
            attempt: self.attempt + 1,
            retry_in_ms,
        };
        self.attempt += 1;
        Some(retry_in_ms)
    }

    /// Whether a scheduled retry should still run (nothing else happened meanwhile).
    pub fn should_retry(&self) -> bool {
        matches!(self.state, LinkState::Waiting { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_a_ceiling() {
        let ceilings: Vec<u32> = (0..8).map(|a| backoff_ms(a, 1.0)).collect();
        assert_eq!(ceilings, [500, 1000, 2000, 4000, 8000, 15000, 15000, 15000]);
        assert_eq!(backoff_ms(0, 0.0), 250);
        assert_eq!(backoff_ms(40, 1.0), MAX_DELAY_MS);
    }

    #[test]
    fn a_drop_waits_longer_each_time_until_welcomed_again() {
        let mut link = Link::default();
        link.connecting();
        link.welcomed();
        assert_eq!(link.lost(close::GOING_AWAY, 1.0), Some(500));
        assert!(link.should_retry());
        link.connecting();
        assert!(!link.should_retry());
        assert_eq!(link.lost(1006, 1.0), Some(1000));
        link.connecting();
        assert_eq!(link.lost(1006, 1.0), Some(2000));
        assert_eq!(
            link.state(),
            LinkState::Waiting {
                attempt: 3,
                retry_in_ms: 2000
            }
        );
        link.connecting();
        link.welcomed();
        assert_eq!(link.lost(close::IDLE, 1.0), Some(500));
    }

    #[test]
    fn another_tab_taking_the_session_stops_the_retries() {
        let mut link = Link::default();
        link.connecting();
        link.welcomed();
        assert_eq!(link.lost(close::REPLACED, 0.5), None);
        assert_eq!(link.state(), LinkState::Replaced);
        assert!(!link.should_retry());
    }

    #[test]
    fn closing_on_purpose_does_not_reconnect() {
        let mut link = Link::default();
        link.connecting();
        link.welcomed();
        link.closed_by_us();
        assert_eq!(link.lost(1000, 0.5), None);
        assert_eq!(link.state(), LinkState::Idle);
    }
}
