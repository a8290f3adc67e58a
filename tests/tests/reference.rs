//! The load tool's yardstick works: a small traffic run against `ibasho-reference` delivers
//! every message to every member, so that a ratio to it in BENCHMARKS.md compares two
//! servers doing the same work.

use std::path::PathBuf;
use std::time::Duration;

use ibasho_tests::load::target::{StoreKind, Target};
use ibasho_tests::load::{idle, traffic};

fn reference() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_ibasho-reference"))
}

#[tokio::test]
async fn the_reference_delivers_everything_to_everyone_and_its_memory_is_read() {
    let target = Target::spawn(&reference(), 4, 5, 20, 1, StoreKind::Memory, true)
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
    assert!(report.server_cpu_seconds.is_some());
    let idle = idle::run(&target, 20, 5, 10).await.unwrap();
    assert_eq!(idle.connections, 20);
    assert!(idle.rss_after_kib.is_some());
    target.stop().await.unwrap();
}
