//! What Redis keeps: sessions only under a hash of their token, with a time to live, and
//! nothing of a session once it has ended.

use redis::AsyncCommands;
use sha2::{Digest, Sha256};

use ibasho_tests::{Client, RedisServer};

use crate::support::{serve, settings};

fn sid(token: &str) -> String {
    Sha256::digest(token.as_bytes())[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

async fn keys(conn: &mut redis::aio::MultiplexedConnection, prefix: &str) -> Vec<String> {
    let mut keys: Vec<String> = conn.keys(format!("{prefix}*")).await.unwrap();
    keys.sort();
    keys
}

#[tokio::test]
async fn an_ended_session_leaves_nothing_in_redis_and_live_ones_expire_by_themselves() {
    let redis = RedisServer::start().unwrap();
    let server = serve(settings(&redis, "ks:")).await;
    let mut conn = redis::Client::open(redis.url())
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .unwrap();

    let (mut leaving, welcome) = Client::greeted(server.addr(), Some("きえる"))
        .await
        .unwrap();
    let token = welcome["session"].as_str().unwrap().to_owned();
    leaving.join("lounge").await.unwrap();
    let mut staying = Client::member(server.addr(), "のこる", "lounge")
        .await
        .unwrap();
    leaving.say("lounge", "ひとこと", "w1").await.unwrap();
    let said = leaving.recv_type("message").await.unwrap();
    staying
        .send(serde_json::json!({"type":"react","room":"lounge","message_id": said["id"],"reaction":"nod"}))
        .await
        .unwrap();
    leaving
        .send(serde_json::json!({"type":"react","room":"lounge","message_id": said["id"],"reaction":"tea"}))
        .await
        .unwrap();
    staying.recv_type("reactions").await.unwrap();
    staying.recv_type("reactions").await.unwrap();

    // While the session lives: keyed by a hash of the token, never the token, and every key
    // of a session expires by itself (a node that dies leaves nothing for ever).
    let sid = sid(&token);
    let all = keys(&mut conn, "ks:").await;
    assert!(all.iter().any(|key| key.contains(&sid)), "{all:?}");
    let dump = server.app().store.audit_dump().await.unwrap();
    assert!(!dump.contains(&token), "the token is stored: {dump}");
    for key in all
        .iter()
        .filter(|key| key.starts_with("ks:s:") || key.starts_with("ks:h:"))
    {
        let ttl: i64 = conn.pttl(key).await.unwrap();
        assert!(ttl > 0, "{key} has no time to live ({ttl})");
    }

    leaving.close().await.unwrap();
    // The end is processed right after the close handshake.
    let deadline = tokio::time::Instant::now() + ibasho_tests::STEP;
    loop {
        let dump = server.app().store.audit_dump().await.unwrap();
        if !dump.contains(&sid) && !dump.contains("ks:h:きえる") {
            // The words said stay with the room's history (erased with the room's sitting
            // in a later issue); the handle only as the author of those words.
            assert!(dump.contains("ひとこと"), "{dump}");
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the ended session is still in Redis: {dump}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let members: Vec<String> = conn.hkeys("ks:r:lounge:m").await.unwrap();
    assert_eq!(members.len(), 1);
    // The reaction it gave stays counted, without who gave it.
    for key in keys(&mut conn, "ks:r:lounge:x:").await {
        let who: Vec<String> = conn.smembers(&key).await.unwrap();
        assert!(!who.contains(&sid), "{key} still names the session");
    }
}
