//! `ibasho-load`: puts load on an Ibasho server and prints what it measured.
//!
//! ```text
//! ibasho-load --server target/release/ibasho idle --connections 19000
//! ibasho-load --server target/release/ibasho traffic --clients 1000 --room-size 10 --rate 1000
//! ibasho-load --server target/release/ibasho traffic --clients 1000 --room-size 1000 --rate 1
//! ibasho-load --server target/release/ibasho --store redis --nodes 2 traffic --clients 1000
//! ibasho-load --server target/release/ibasho --store redis --nodes 3 restart --people 17000
//! ibasho-load --server target/release/ibasho --store redis --nodes 3 restart --people 17000 --kill
//! ibasho-load --server target/release/ibasho soak --people 500 --minutes 10
//! ```
//! With `--addr HOST:PORT [--pid PID]` it loads a server that is already running (its rooms
//! must be named `load-0`, `load-1`, … with room for the clients).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Result, bail};
use clap::{Parser, Subcommand};
use ibasho_tests::load::target::{StoreKind, Target};
use ibasho_tests::load::{idle, restart, soak, traffic};

#[derive(Parser)]
#[command(name = "ibasho-load", about = "Load tool for the Ibasho server")]
struct Cli {
    /// Start this ibasho binary with a generated catalogue.
    #[arg(long, conflicts_with = "addr")]
    server: Option<PathBuf>,
    /// Or load a server that is already running here.
    #[arg(long)]
    addr: Option<SocketAddr>,
    /// The running server's process id, to read its memory and CPU time.
    #[arg(long, requires = "addr")]
    pid: Option<u32>,
    /// Nodes to start (with `--server`); clients are spread over them in turn.
    #[arg(long, default_value_t = 1)]
    nodes: usize,
    /// The store of the nodes this tool starts: `redis` starts a throwaway redis-server.
    #[arg(long, value_enum, default_value_t = Store::Memory)]
    store: Store,
    /// Handshakes in flight at once.
    #[arg(long, default_value_t = 200)]
    concurrency: usize,
    /// Then run the same `idle` or `traffic` scenario against this reference server (the
    /// `ibasho-reference` binary: axum, one broadcast channel per room, no features) on the
    /// same machine, and print every figure as ours / reference.
    #[arg(long, requires = "server")]
    reference: Option<PathBuf>,
    /// Pin the server processes (ours, and the reference's) to these CPUs (`taskset`'s list,
    /// e.g. `0`), so that the load (pinned with `taskset -c 1 ibasho-load …`) does not share
    /// their core.
    #[arg(long)]
    server_cpus: Option<String>,
    #[command(subcommand)]
    scenario: Scenario,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Store {
    Memory,
    Redis,
}

#[derive(Subcommand)]
enum Scenario {
    /// People coming and going (connect, join, talk, ask for a counselor and take it back,
    /// leave, answer the voice question, close) for minutes: server memory before and after.
    Soak {
        #[arg(long, default_value_t = 500)]
        people: usize,
        #[arg(long, default_value_t = 10)]
        room_size: usize,
        #[arg(long, default_value_t = 10)]
        minutes: u64,
        /// Seconds before the "warm" memory reading.
        #[arg(long, default_value_t = 60)]
        warmup: u64,
        /// One visit in this many answers the voice question (answers are kept by design).
        #[arg(long, default_value_t = 20)]
        voice_every: u64,
    },
    /// People on the first node, talking; that node is stopped (SIGTERM, or SIGKILL with
    /// `--kill`) and everyone comes back on the others: how long, and what was lost.
    Restart {
        #[arg(long, default_value_t = 17_000)]
        people: usize,
        #[arg(long, default_value_t = 100)]
        room_size: usize,
        /// Seconds between one person's messages.
        #[arg(long, default_value_t = 20)]
        say_every: u64,
        /// Seconds of talk before the signal.
        #[arg(long, default_value_t = 25)]
        warmup: u64,
        /// SIGKILL (a crash) instead of SIGTERM (a graceful stop).
        #[arg(long)]
        kill: bool,
    },
    /// Connections that join a room and only listen: server memory per connection.
    Idle {
        #[arg(long, default_value_t = 19_000)]
        connections: usize,
        /// People per room.
        #[arg(long, default_value_t = 1000)]
        room_capacity: u32,
    },
    /// Clients in rooms sending messages: delivery latency and throughput.
    Traffic {
        #[arg(long, default_value_t = 1000)]
        clients: usize,
        #[arg(long, default_value_t = 10)]
        room_size: usize,
        /// Messages per second, all rooms together (clients take turns).
        #[arg(long, default_value_t = 1000.0)]
        rate: f64,
        /// Seconds measured, after the warm-up.
        #[arg(long, default_value_t = 30)]
        seconds: u64,
        #[arg(long, default_value_t = 5)]
        warmup: u64,
        /// Run twice, on fresh servers: the rooms' word lists on, then off (crisis language
        /// and personal information are checked either way), and compare server CPU per
        /// delivery.
        #[arg(long, requires = "server")]
        compare_filters: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("ibasho-load: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("ibasho-load: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<()> {
    let (rooms, capacity, connections) = match &cli.scenario {
        Scenario::Idle {
            connections,
            room_capacity,
        } => (
            connections.div_ceil(*room_capacity as usize),
            *room_capacity,
            *connections,
        ),
        Scenario::Traffic {
            clients, room_size, ..
        } => (
            clients.div_ceil(*room_size),
            u32::try_from(*room_size)?,
            *clients,
        ),
        Scenario::Soak {
            people, room_size, ..
        } => (
            people.div_ceil(*room_size),
            u32::try_from(*room_size * 2)?,
            *people,
        ),
        Scenario::Restart {
            people, room_size, ..
        } => (
            people.div_ceil(*room_size),
            u32::try_from(*room_size)?,
            *people,
        ),
    };
    let target = match (&cli.server, cli.addr) {
        (Some(binary), _) => {
            if cli.nodes > 1 && matches!(cli.store, Store::Memory) {
                bail!("several nodes share state only with --store redis");
            }
            let store = match cli.store {
                Store::Memory => StoreKind::Memory,
                Store::Redis => StoreKind::Redis,
            };
            let target =
                Target::spawn(binary, rooms, capacity, connections, cli.nodes, store, true).await?;
            if let Some(cpus) = &cli.server_cpus {
                target.pin(cpus)?;
            }
            target
        }
        (None, Some(addr)) => Target::external(addr, cli.pid),
        (None, None) => bail!("give --server PATH or --addr HOST:PORT"),
    };
    match cli.scenario {
        Scenario::Soak {
            people,
            room_size,
            minutes,
            warmup,
            voice_every,
        } => {
            let plan = soak::Plan {
                people,
                room_size,
                duration: Duration::from_secs(minutes * 60),
                warmup: Duration::from_secs(warmup),
                voice_every,
            };
            let report = soak::run(&target, plan).await?;
            let kib = |v: Option<u64>| v.map_or("-".to_owned(), |v| format!("{v} KiB"));
            println!(
                "soak: {people} people at once for {minutes} min: {} visits, {} abandoned",
                report.visits, report.failures
            );
            println!(
                "server RSS: {} at the start, {} after {warmup} s, {} at the end, {} with everyone gone",
                kib(report.rss_start),
                kib(report.rss_warm),
                kib(report.rss_end),
                kib(report.rss_gone)
            );
        }
        Scenario::Restart {
            people,
            room_size,
            say_every,
            warmup,
            kill,
        } => {
            let plan = restart::Plan {
                people,
                room_size,
                say_every: Duration::from_secs(say_every),
                warmup: Duration::from_secs(warmup),
                stop: if kill {
                    restart::Stop::Kill
                } else {
                    restart::Stop::Term
                },
            };
            let report = restart::run(&target, plan, cli.concurrency).await?;
            let secs = |d: Option<Duration>| {
                d.map_or("-".to_owned(), |d| format!("{:.2} s", d.as_secs_f64()))
            };
            println!(
                "restart ({}): {} people in rooms of {room_size} on node 1 of {} (connected in {:.1} s)",
                if kill { "SIGKILL" } else { "SIGTERM" },
                people,
                target.addrs.len(),
                report.connect_time.as_secs_f64(),
            );
            println!(
                "back on the other nodes: {} of {people}; first {} and last {} after the signal; {} resumes per second",
                report.back,
                secs(report.first_back),
                secs(report.last_back),
                report
                    .resumes_per_second()
                    .map_or("-".to_owned(), |r| format!("{r:.0}")),
            );
            println!(
                "messages: {} confirmed; lost {} and duplicated {} (member × message); {} refused and sent again; {} never answered",
                report.confirmed, report.lost, report.duplicated, report.refused, report.unanswered
            );
            return target.stop_others(0).await;
        }
        Scenario::Idle {
            connections,
            room_capacity,
        } => {
            let report = idle::run(&target, connections, room_capacity, cli.concurrency).await?;
            print_idle(&report);
            if let Some(reference) = &cli.reference {
                target.stop().await?;
                let yardstick =
                    reference_target(reference, &cli, rooms, capacity, connections).await?;
                let theirs =
                    idle::run(&yardstick, connections, room_capacity, cli.concurrency).await?;
                println!("reference:");
                print_idle(&theirs);
                if let (Some(ours), Some(theirs)) =
                    (report.bytes_per_connection(), theirs.bytes_per_connection())
                {
                    println!(
                        "ours / reference: {:.2} per idle connection ({:.1} / {:.1} KiB)",
                        ours / theirs,
                        ours / 1024.0,
                        theirs / 1024.0
                    );
                }
                return yardstick.stop().await;
            }
        }
        Scenario::Traffic {
            clients,
            room_size,
            rate,
            seconds,
            warmup,
            compare_filters,
        } => {
            let plan = traffic::Plan {
                clients,
                room_size,
                rate,
                warmup: Duration::from_secs(warmup),
                measure: Duration::from_secs(seconds),
            };
            let report = traffic::run(&target, plan.clone(), cli.concurrency).await?;
            if compare_filters {
                drop(target);
                let on = cpu_per_delivery(&report);
                println!("word lists on:");
                print_traffic(&report, clients, room_size, rate, seconds, warmup);
                let (Some(binary), store) = (&cli.server, cli.store) else {
                    bail!("--compare-filters needs --server");
                };
                let store = match store {
                    Store::Memory => StoreKind::Memory,
                    Store::Redis => StoreKind::Redis,
                };
                let off_target = Target::spawn(
                    binary,
                    rooms,
                    capacity,
                    connections,
                    cli.nodes,
                    store,
                    false,
                )
                .await?;
                let off_report = traffic::run(&off_target, plan, cli.concurrency).await?;
                println!("word lists off:");
                print_traffic(&off_report, clients, room_size, rate, seconds, warmup);
                if let (Some(on), Some(off)) = (on, cpu_per_delivery(&off_report)) {
                    println!(
                        "server CPU per delivery: {:.2} µs with the word lists, {:.2} µs without: {:+.1}%",
                        on * 1e6,
                        off * 1e6,
                        100.0 * (on / off - 1.0)
                    );
                }
                return Ok(());
            }
            print_traffic(&report, clients, room_size, rate, seconds, warmup);
            if let Some(reference) = &cli.reference {
                target.stop().await?;
                let yardstick =
                    reference_target(reference, &cli, rooms, capacity, connections).await?;
                let theirs = traffic::run(&yardstick, plan, cli.concurrency).await?;
                println!("reference:");
                print_traffic(&theirs, clients, room_size, rate, seconds, warmup);
                print_ratios(&report, &theirs);
                return yardstick.stop().await;
            }
        }
    }
    target.stop().await
}

/// The reference server, started as ours was (the catalogue and store arguments it ignores).
async fn reference_target(
    binary: &std::path::Path,
    cli: &Cli,
    rooms: usize,
    capacity: u32,
    connections: usize,
) -> Result<Target> {
    let target = Target::spawn(
        binary,
        rooms,
        capacity,
        connections,
        1,
        StoreKind::Memory,
        true,
    )
    .await?;
    if let Some(cpus) = &cli.server_cpus {
        target.pin(cpus)?;
    }
    Ok(target)
}

fn print_idle(report: &idle::IdleReport) {
    println!(
        "idle: {} connections in {:.1} s",
        report.connections,
        report.connect_time.as_secs_f64()
    );
    match (
        report.rss_before_kib,
        report.rss_after_kib,
        report.bytes_per_connection(),
    ) {
        (Some(before), Some(after), Some(per)) => println!(
            "server RSS: {before} KiB before, {after} KiB with them open: {:.1} KiB per idle connection",
            per / 1024.0
        ),
        _ => println!("server RSS: unknown (give --pid)"),
    }
}

/// Every traffic figure as ours / the reference's, from runs on the same machine.
fn print_ratios(ours: &traffic::TrafficReport, theirs: &traffic::TrafficReport) {
    let ratio = |a: f64, b: f64| {
        if b > 0.0 {
            format!("{:.2}", a / b)
        } else {
            "-".to_owned()
        }
    };
    let ms = |report: &traffic::TrafficReport, q: f64| {
        report.latency.value_at_quantile(q) as f64 / 1000.0
    };
    println!("ours / reference:");
    for (name, q) in [("p50", 0.5), ("p99", 0.99), ("p99.9", 0.999)] {
        println!(
            "  latency {name}: {} ({:.2} / {:.2} ms)",
            ratio(ms(ours, q), ms(theirs, q)),
            ms(ours, q),
            ms(theirs, q)
        );
    }
    if let (Some(a), Some(b)) = (cpu_per_delivery(ours), cpu_per_delivery(theirs)) {
        println!(
            "  server CPU per delivery: {} ({:.2} / {:.2} µs)",
            ratio(a, b),
            a * 1e6,
            b * 1e6
        );
    }
    println!(
        "  deliveries: {} / {} of {} / {}",
        ours.delivered, theirs.delivered, ours.expected, theirs.expected
    );
}

/// Server CPU seconds per delivery, if the server's CPU time was measured.
fn cpu_per_delivery(report: &traffic::TrafficReport) -> Option<f64> {
    report
        .server_cpu_seconds
        .map(|cpu| cpu / report.delivered.max(1) as f64)
}

fn print_traffic(
    report: &traffic::TrafficReport,
    clients: usize,
    room_size: usize,
    rate: f64,
    seconds: u64,
    warmup: u64,
) {
    let ms = |q: f64| report.latency.value_at_quantile(q) as f64 / 1000.0;
    println!(
        "traffic: {clients} clients, rooms of {room_size}, {rate} msg/s for {seconds} s (after {warmup} s warm-up)"
    );
    println!(
        "sent {} messages; {} of {} deliveries ({:.2}%), {} errors; {:.0} deliveries/s",
        report.sent,
        report.delivered,
        report.expected,
        100.0 * report.delivered as f64 / report.expected.max(1) as f64,
        report.errors,
        report.delivered as f64 / seconds as f64
    );
    println!(
        "latency ms: p50 {:.2}  p90 {:.2}  p99 {:.2}  p99.9 {:.2}  max {:.2}",
        ms(0.5),
        ms(0.9),
        ms(0.99),
        ms(0.999),
        report.latency.max() as f64 / 1000.0
    );
    if let Some(cpu) = report.server_cpu_seconds {
        println!(
            "server CPU (all nodes): {cpu:.1} s over {seconds} s ({:.0}% of one core)",
            100.0 * cpu / seconds as f64
        );
    }
    if let Some(cpu) = report.redis_cpu_seconds {
        println!(
            "Redis CPU: {cpu:.1} s over {seconds} s ({:.0}% of one core)",
            100.0 * cpu / seconds as f64
        );
    }
}
