//! Sanctions in Redis.
//!
//! Keys, under the prefix:
//! - `s:<sid>:sanctions` — hash room → the session's sanctions there (JSON), and
//!   `<room>\nremoved` → the end of a removal (ms, read by `rooms/join.lua`), with the
//!   session's time to live, deleted when it ends
//! - `r:<room>:sanctioned` — set of the sids with sanctions in the room, so that the end of
//!   the room's sitting erases them (`erase` in the prelude)
//!
//! Taking someone out of a room is the rooms collection's `leave`, for their sid.

use std::sync::LazyLock;
use std::time::Duration;

use async_trait::async_trait;
use redis::Script;

use super::{RedisStore, corrupt};
use crate::store::{SanctionStore, Sanctions, StoreResult, Target, member_key_of, session_key};
use crate::token::SessionToken;

static FIND: LazyLock<Script> = lua!("sanctions/find.lua");
static SET: LazyLock<Script> = lua!("sanctions/set.lua");
static LEAVE: LazyLock<Script> = lua!("rooms/leave.lua");
static MUTED: LazyLock<Script> = lua!("sanctions/muted.lua");

/// How long a room's index of sanctioned sessions outlives the end of its latest sanction.
const INDEX_MARGIN: Duration = Duration::from_secs(3600);

#[async_trait]
impl SanctionStore for RedisStore {
    async fn find_member(&self, room: &str, handle: &str) -> StoreResult<Option<Target>> {
        let mut call = self.call(&FIND);
        call.arg(room).arg(handle);
        let found: Option<(String, String)> = self.run(&call).await?;
        Ok(found.map(|(session, staff)| Target {
            session,
            staff: !staff.is_empty(),
        }))
    }

    async fn set_sanctions(
        &self,
        room: &str,
        target: &Target,
        sanctions: Option<Sanctions>,
    ) -> StoreResult<()> {
        let json = match sanctions {
            Some(sanctions) => {
                serde_json::to_string(&sanctions).map_err(|_| corrupt("sanctions"))?
            }
            None => String::new(),
        };
        // The index lasts as long as the longest sanction in it, whatever it was set to.
        let latest = sanctions
            .and_then(|s| s.muted_until.into_iter().chain(s.removed_until).max())
            .unwrap_or_else(jiff::Timestamp::now);
        let lasts = jiff::Timestamp::now()
            .duration_until(latest)
            .unsigned_abs()
            .saturating_add(INDEX_MARGIN);
        let mut call = self.call(&SET);
        call.arg(room)
            .arg(&target.session)
            .arg(json)
            .arg(RedisStore::ms(lasts))
            .arg(
                sanctions
                    .and_then(|s| s.removed_until)
                    .map_or_else(String::new, |until| until.as_millisecond().to_string()),
            );
        self.run::<i64>(&call).await.map(drop)
    }

    async fn sanctions(&self, room: &str, token: &SessionToken) -> StoreResult<Sanctions> {
        let json: Option<String> = redis::cmd("HGET")
            .arg(format!(
                "{}s:{}:sanctions",
                self.config.prefix,
                session_key(token)
            ))
            .arg(room)
            .query_async(&mut self.conn())
            .await
            .map_err(super::unavailable)?;
        match json {
            Some(json) => serde_json::from_str(&json).map_err(|_| corrupt("sanctions")),
            None => Ok(Sanctions::default()),
        }
    }

    async fn muted(&self, room: &str) -> StoreResult<Vec<(String, Sanctions)>> {
        let mut call = self.call(&MUTED);
        call.arg(room);
        let found: Vec<String> = self.run(&call).await?;
        let mut muted = found
            .chunks_exact(2)
            .map(|pair| {
                serde_json::from_str::<Sanctions>(&pair[1])
                    .map(|sanctions| (pair[0].clone(), sanctions))
                    .map_err(|_| corrupt("sanctions"))
            })
            .collect::<StoreResult<Vec<_>>>()?;
        muted.retain(|(_, sanctions)| sanctions.muted_until.is_some());
        muted.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(muted)
    }

    async fn take_out(&self, room: &str, target: &Target, farewell: &str) -> StoreResult<bool> {
        let mut call = self.call(&LEAVE);
        call.arg(room)
            .arg(&target.session)
            .arg(member_key_of(&target.session, room))
            .arg(farewell);
        Ok(self.run::<i64>(&call).await? == 1)
    }
}
