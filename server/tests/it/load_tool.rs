//! The load tool works (its figures in BENCHMARKS.md come from it): a small run against the
//! real binary delivers every message to every member, and reads the server's memory.

use std::path::PathBuf;
use std::time::Duration;

use ibasho_tests::load::target::{StoreKind, Target};
use ibasho_tests::load::{idle, traffic};

use crate::support::redis_run;

/// One node in memory, or (in the Redis run) two nodes sharing a throwaway Redis.
fn layout() -> (usize, StoreKind) {
    if redis_run() {
        (2, StoreKind::Redis)
    } else {
        (1, StoreKind::Memory)
    }
}

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_ibasho"))
}

#[tokio::test]
async fn a_small_traffic_run_delivers_everything_to_everyone() {
    let (nodes, store) = layout();
    let target = Target::spawn(&binary(), 4, 5, 20, nodes, store, true)
        .await
        .unwrap();
    let plan = traffic::Plan {
        clients: 20,
        room_size: 5,
        rate: 40.0,
        warmup: Duration::from_millis(300),
        measure: Duration::from_secs(1),
    };
    let report = traffic::run(&target, plan, 10).await.unwrap();
    assert!(report.sent >= 20, "sent {}", report.sent);
    assert_eq!(report.errors, 0);
    assert_eq!(report.delivered, report.expected);
    assert_eq!(report.latency.len(), report.delivered);
    assert!(report.server_cpu_seconds.is_some());
    assert_eq!(
        report.redis_cpu_seconds.is_some(),
        store == StoreKind::Redis
    );
    target.stop().await.unwrap();
}

#[tokio::test]
async fn a_small_idle_run_reads_the_servers_memory() {
    let (_, store) = layout();
    let target = Target::spawn(&binary(), 1, 100, 50, 1, store, true)
        .await
        .unwrap();
    let report = idle::run(&target, 50, 100, 10).await.unwrap();
    assert_eq!(report.connections, 50);
    assert!(report.rss_before_kib.is_some() && report.rss_after_kib.is_some());
    target.stop().await.unwrap();
}
