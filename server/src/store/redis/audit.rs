//! Everything under the prefix, as text: for privacy tests that scan the keyspace.

use std::fmt::Write as _;

use redis::aio::ConnectionManager;
use redis::{AsyncCommands, AsyncIter};

use super::unavailable;
use crate::store::StoreResult;

pub async fn dump(conn: &mut ConnectionManager, prefix: &str) -> StoreResult<String> {
    let mut keys: Vec<String> = Vec::new();
    {
        let mut scan: AsyncIter<String> = conn
            .scan_match(format!("{prefix}*"))
            .await
            .map_err(unavailable)?;
        while let Some(key) = scan.next_item().await {
            keys.push(key.map_err(unavailable)?);
        }
    }
    keys.sort();
    let mut out = String::new();
    for key in keys {
        let kind: String = redis::cmd("TYPE")
            .arg(&key)
            .query_async(conn)
            .await
            .map_err(unavailable)?;
        let ttl: i64 = conn.pttl(&key).await.map_err(unavailable)?;
        let value = match kind.as_str() {
            "string" => format!("{:?}", conn.get::<_, Option<String>>(&key).await),
            "hash" => format!("{:?}", conn.hgetall::<_, Vec<String>>(&key).await),
            "set" => format!("{:?}", conn.smembers::<_, Vec<String>>(&key).await),
            "list" => format!("{:?}", conn.lrange::<_, Vec<String>>(&key, 0, -1).await),
            "stream" => format!(
                "{:?}",
                redis::cmd("XRANGE")
                    .arg(&key)
                    .arg("-")
                    .arg("+")
                    .query_async::<Vec<(String, Vec<String>)>>(conn)
                    .await
            ),
            "zset" => format!("{:?}", conn.zrange::<_, Vec<String>>(&key, 0, -1).await),
            _ => String::new(),
        };
        let _ = writeln!(out, "{key} ({kind}, ttl {ttl} ms): {value}");
    }
    Ok(out)
}
