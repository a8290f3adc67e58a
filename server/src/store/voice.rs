//! The voice collection: the participants' answers to 「きょうはどうでしたか」. A record holds
//! the rating, the comment, what it is about (a room's id, or `counselor` / `service`) and
//! the day — no session, handle, token, address or time finer than the day. Records of a
//! month are kept in no order (nothing says which came first) and erased after the
//! operator's retention.

use async_trait::async_trait;
use ibasho_protocol::VoiceAbout;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::StoreResult;

/// One answer, as kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoiceRecord {
    /// `YYYY-MM-DD` in the catalogue's time zone.
    pub day: String,
    pub room: Option<String>,
    pub about: VoiceAbout,
    /// 1 to 4.
    pub rating: u8,
    pub comment: Option<String>,
}

impl VoiceRecord {
    /// `YYYY-MM` of its day.
    pub fn month(&self) -> &str {
        self.day.get(..7).unwrap_or(&self.day)
    }
}

#[async_trait]
pub trait VoiceStore: Send + Sync {
    /// Keeps `record`, unless `once` (a hash of the session and the sitting it answers
    /// about, never stored beside the record) answered already before `once_until`: then
    /// `false`, and nothing is kept. `once` is kept for `once_for` (real time, as a Redis
    /// key's time to live). Atomic across nodes.
    async fn add_voice(
        &self,
        once: &str,
        once_for: Duration,
        record: &VoiceRecord,
    ) -> StoreResult<bool>;

    /// The records of a month (`YYYY-MM`), in no particular order.
    async fn voices(&self, month: &str) -> StoreResult<Vec<VoiceRecord>>;

    /// Erases the records of every month before `month`.
    async fn erase_voices_before(&self, month: &str) -> StoreResult<()>;
}
