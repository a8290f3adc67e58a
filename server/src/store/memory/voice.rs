//! The voice in memory: each month's records in no order (a new one goes to a random
//! place), and which `once` keys answered, until they expire.

use std::collections::{BTreeMap, HashMap};

use std::time::{Duration, Instant};

use async_trait::async_trait;

use super::MemoryStore;
use crate::store::voice::VoiceRecord;
use crate::store::{StoreResult, VoiceStore};

#[derive(Debug, Default)]
pub(super) struct Voices {
    by_month: BTreeMap<String, Vec<VoiceRecord>>,
    once: HashMap<String, Instant>,
}

#[async_trait]
impl VoiceStore for MemoryStore {
    async fn add_voice(
        &self,
        once: &str,
        once_for: Duration,
        record: &VoiceRecord,
    ) -> StoreResult<bool> {
        let now = Instant::now();
        let mut state = self.lock();
        let voices = &mut state.voice;
        voices.once.retain(|_, until| *until > now);
        if voices.once.contains_key(once) {
            return Ok(false);
        }
        voices.once.insert(once.to_owned(), now + once_for);
        let month = voices
            .by_month
            .entry(record.month().to_owned())
            .or_default();
        let at = rand::random_range(0..=month.len());
        month.insert(at, record.clone());
        Ok(true)
    }

    async fn voices(&self, month: &str) -> StoreResult<Vec<VoiceRecord>> {
        Ok(self
            .lock()
            .voice
            .by_month
            .get(month)
            .cloned()
            .unwrap_or_default())
    }

    async fn erase_voices_before(&self, month: &str) -> StoreResult<()> {
        let mut state = self.lock();
        let voices = &mut state.voice;
        voices.by_month = voices.by_month.split_off(month);
        Ok(())
    }
}
