//! The usage figures across real nodes on one Redis: a visit is counted once, whichever
//! node the person comes through, and none is lost when many come at once.

use std::collections::HashMap;

use futures_util::future::join_all;
use ibasho_tests::{Client, RedisServer};

use crate::support::{catalogue_file, nodes};

/// Today's totals in Redis (the catalogue's zone is Tokyo: UTC+9 all year), with the days
/// either side, summed (a test that runs over midnight still finds its counts).
async fn totals(redis: &RedisServer) -> HashMap<String, u64> {
    totals_under(redis, "ibasho-nodes:").await
}

/// [`totals`] of the nodes whose keys start with `prefix`.
pub(crate) async fn totals_under(redis: &RedisServer, prefix: &str) -> HashMap<String, u64> {
    let client = redis::Client::open(redis.url()).unwrap();
    let mut conn = client.get_multiplexed_async_connection().await.unwrap();
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(9)))
        .date();
    let mut summed = HashMap::new();
    for offset in [-1, 0, 1] {
        let day = today.checked_add(jiff::Span::new().days(offset)).unwrap();
        let day: HashMap<String, u64> = redis::cmd("HGETALL")
            .arg(format!("{prefix}fig:d:{day}"))
            .query_async(&mut conn)
            .await
            .unwrap();
        for (key, count) in day {
            *summed.entry(key).or_default() += count;
        }
    }
    summed
}

async fn until(redis: &RedisServer, key: &str, want: u64) -> HashMap<String, u64> {
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let now = totals(redis).await;
        if now.get(key).copied().unwrap_or(0) == want {
            return now;
        }
        assert!(tokio::time::Instant::now() < deadline, "{key}: {now:?}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn two_nodes_count_one_visit_once_and_lose_none() {
    let redis = RedisServer::start().unwrap();
    let catalogue = catalogue_file();
    let servers = nodes(&redis, &catalogue, 2).await;
    let (a, b) = (servers[0].addr(), servers[1].addr());

    // One person: in through a, out, back through b (the same session), and saying
    // something there: one visit, one message, not a listening visit any more.
    let (mut person, welcome) = Client::greeted(a, Some("わたり")).await.unwrap();
    let token = welcome["session"].as_str().unwrap().to_owned();
    person.join("lounge").await.unwrap();
    person
        .send(serde_json::json!({"type":"leave","room":"lounge"}))
        .await
        .unwrap();
    person.recv_type("left").await.unwrap();
    person.join("lounge").await.unwrap();
    until(&redis, "listening_visits|lounge|", 1).await;
    person.drop_connection();
    let (mut back, _) = Client::resumed(b, &token).await.unwrap();
    back.recv_type("joined").await.unwrap();
    back.say_and_hear("lounge", "もどりました", "w1")
        .await
        .unwrap();
    let now = until(&redis, "messages|lounge|", 1).await;
    assert_eq!(now.get("visits|lounge|"), Some(&1), "{now:?}");
    assert_eq!(now.get("sittings|lounge|"), Some(&1), "{now:?}");
    let now = until(&redis, "listening_visits|lounge|", 0).await;
    assert_eq!(now.get("visits|lounge|"), Some(&1), "{now:?}");

    // Forty people at once, half through each node, each joining twice.
    let people = join_all((0..40).map(|i| async move {
        let addr = if i % 2 == 0 { a } else { b };
        let mut client = Client::member(addr, &format!("ひと{i}"), "lounge")
            .await
            .unwrap();
        client.join("lounge").await.unwrap();
        client
    }))
    .await;
    let now = until(&redis, "visits|lounge|", 41).await;
    assert_eq!(now.get("listening_visits|lounge|"), Some(&40), "{now:?}");
    drop(people);
}
