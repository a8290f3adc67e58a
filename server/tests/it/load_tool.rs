//! The load tool works (its figures in BENCHMARKS.md come from it): a small run against the
//! real binary delivers every message to every member, and reads the server's memory.

use std::path::PathBuf;
use std::time::Duration;

use ibasho_tests::load::target::Target;
use ibasho_tests::load::{idle, traffic};

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_ibasho"))
}

#[tokio::test]
async fn a_small_traffic_run_delivers_everything_to_everyone() {
    let target = Target::spawn(&binary(), 4, 5, 20).await.unwrap();
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
    target.stop().await.unwrap();
}

#[tokio::test]
async fn a_small_idle_run_reads_the_servers_memory() {
    let target = Target::spawn(&binary(), 1, 100, 50).await.unwrap();
    let report = idle::run(&target, 50, 100, 10).await.unwrap();
    assert_eq!(report.connections, 50);
    assert!(report.rss_before_kib.is_some() && report.rss_after_kib.is_some());
    target.stop().await.unwrap();
}
