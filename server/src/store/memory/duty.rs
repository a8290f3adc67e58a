//! Counselors on duty in memory: staff handle → on duty until (ms).

use async_trait::async_trait;

use super::MemoryStore;
use crate::store::{DutyStore, StoreEvent, StoreResult};

#[async_trait]
impl DutyStore for MemoryStore {
    async fn set_duty(&self, counselor: &str, until: Option<u64>) -> StoreResult<()> {
        let slot = self.feed.slot().await;
        let changed = {
            let duty = &mut self.lock().duty;
            match until {
                Some(until) => duty.insert(counselor.to_owned(), until).is_none(),
                None => duty.remove(counselor).is_some(),
            }
        };
        if changed {
            slot.send(StoreEvent::Duty);
        }
        Ok(())
    }

    async fn on_duty(&self, now: u64) -> StoreResult<Vec<String>> {
        let mut state = self.lock();
        let duty = &mut state.duty;
        duty.retain(|_, until| *until > now);
        let mut handles: Vec<String> = duty.keys().cloned().collect();
        handles.sort();
        Ok(handles)
    }
}
