//! The `ibasho` command: `ibasho serve` runs the server, `ibasho check-catalogue FILE` checks a
//! room catalogue without starting anything.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use ibasho_server::catalogue::Catalogue;
use ibasho_server::protection::Protection;
use ibasho_server::settings::{DEFAULT_EXIT_URL, Limits, Settings, StoreChoice};
use ibasho_server::staff::{StaffAccounts, StaffFileError};

#[derive(Parser)]
#[command(
    name = "ibasho",
    version,
    about = "Ibasho (居場所): an anonymous online drop-in space"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the server.
    Serve(Box<ServeArgs>),
    /// Check a room catalogue file and list its rooms.
    CheckCatalogue {
        /// The TOML file to check.
        file: PathBuf,
    },
    /// Read an entry word (合言葉) from standard input and print the argon2 hash to put in
    /// the catalogue as `entry_word_hash` (the word itself never goes in the file).
    HashEntryWord,
    /// Read a staff password from standard input and print the argon2 hash to put in the
    /// staff file as `password_hash` (at least 12 characters; never stored in clear).
    HashPassword,
    /// Check a staff file and list its accounts (names and roles).
    CheckStaff {
        /// The TOML file to check.
        file: PathBuf,
    },
}

#[derive(Args)]
struct ServeArgs {
    /// Address to listen on; port 0 picks a free port (the log says which).
    #[arg(long, env = "IBASHO_BIND", default_value = "127.0.0.1:8080")]
    bind: SocketAddr,
    /// Room catalogue (TOML). Default: the built-in example, deploy/catalogue.example.toml.
    #[arg(long, env = "IBASHO_CATALOGUE")]
    catalogue: Option<PathBuf>,
    /// Staff accounts (TOML, see deploy/staff.example.toml). Default: none, and nobody can
    /// sign in as staff.
    #[arg(long, env = "IBASHO_STAFF")]
    staff: Option<PathBuf>,
    /// Word lists for automatic protection (TOML, see deploy/moderation.toml, which is used
    /// without this). A file given replaces the shipped lists; crisis language and personal
    /// information are detected whatever it says.
    #[arg(long, env = "IBASHO_MODERATION")]
    moderation: Option<PathBuf>,
    /// Help lines shown privately to a person who writes crisis language (TOML, see
    /// deploy/help-lines.toml, which is used without this).
    #[arg(long, env = "IBASHO_HELP_LINES")]
    help_lines: Option<PathBuf>,
    /// Origins allowed to open /ws from a browser (repeat, or comma-separate in the
    /// environment). Default: the server's own origin only.
    #[arg(
        long = "allow-origin",
        env = "IBASHO_ALLOWED_ORIGINS",
        value_delimiter = ','
    )]
    allowed_origins: Vec<String>,
    /// Serve the web front end from this folder instead of the embedded one.
    #[arg(long, env = "IBASHO_WEB_DIR")]
    web_dir: Option<PathBuf>,
    /// Where the quick-exit button sends a person (somewhere neutral).
    #[arg(long, env = "IBASHO_EXIT_URL", default_value = DEFAULT_EXIT_URL)]
    exit_url: String,
    /// Most WebSocket connections at once; more are refused with 503.
    #[arg(long, env = "IBASHO_MAX_CONNECTIONS", default_value_t = Limits::default().max_connections)]
    max_connections: usize,
    /// Most TCP connections one address (an IPv6 /64) may hold at once; more are refused
    /// with 429 (0: no limit). Kept in memory only. Loopback is not counted: behind a
    /// reverse proxy on another machine, set 0 here and limit in the proxy.
    #[arg(long, env = "IBASHO_CONNECTIONS_PER_ADDRESS", default_value_t = Limits::default().connections_per_address)]
    connections_per_address: usize,
    /// Seconds a request's headers may take to arrive (1–30); a slower drip is dropped.
    #[arg(long, env = "IBASHO_HEADER_TIMEOUT_SECONDS", default_value_t = 10,
        value_parser = clap::value_parser!(u64).range(1..=30))]
    header_timeout_seconds: u64,
    /// Messages one person may say per second, on average (a burst of `--says-burst`).
    #[arg(long, env = "IBASHO_SAYS_PER_SECOND", default_value_t = Limits::default().says_per_second)]
    says_per_second: u32,
    #[arg(long, env = "IBASHO_SAYS_BURST", default_value_t = Limits::default().says_burst)]
    says_burst: u32,
    /// The same words one person may say per minute; more are refused with `repeated`.
    #[arg(long, env = "IBASHO_REPEATS_PER_MINUTE", default_value_t = Limits::default().repeats_per_minute)]
    repeats_per_minute: u32,
    /// Hours a person a facilitator took out of a room that never closes stays out (in a
    /// scheduled room: until its sitting ends).
    #[arg(long, env = "IBASHO_REMOVAL_HOURS", default_value_t = 24)]
    removal_hours: u64,
    /// Days the audit log keeps an entry.
    #[arg(long, env = "IBASHO_AUDIT_DAYS", default_value_t = 90)]
    audit_days: u64,
    /// Minutes an ended case's record and the excerpt the person shared stay for the
    /// counselor to finish reading (0, the default: erased at once; at most 1440).
    #[arg(long, env = "IBASHO_CASE_GRACE_MINUTES", default_value_t = 0,
        value_parser = clap::value_parser!(u64).range(0..=1440))]
    case_grace_minutes: u64,
    /// Seconds a request to talk with a counselor, a counselor's case and their duty live
    /// without their node renewing them: after a node dies, its people's requests are
    /// cancelled and its counselors' cases go back to the head of the queue after about this
    /// long (people can resume on another node within it).
    #[arg(long, env = "IBASHO_CASE_LEASE_SECONDS", default_value_t = 60,
        value_parser = clap::value_parser!(u64).range(2..=600))]
    case_lease_seconds: u64,
    /// Frames of any kind one connection may send per second (a burst of `--frames-burst`).
    #[arg(long, env = "IBASHO_FRAMES_PER_SECOND", default_value_t = Limits::default().frames_per_second)]
    frames_per_second: u32,
    #[arg(long, env = "IBASHO_FRAMES_BURST", default_value_t = Limits::default().frames_burst)]
    frames_burst: u32,
    /// Where shared state lives: `memory` (one node, nothing to set up) or `redis` (several
    /// nodes behind a load balancer share one Redis).
    #[arg(long, env = "IBASHO_STORE", value_enum, default_value_t = StoreKind::Memory)]
    store: StoreKind,
    /// With `--store redis`: `redis://[:password@]host:port[/db]` or
    /// `redis+unix:///path/to/redis.sock`.
    #[arg(
        long,
        env = "IBASHO_REDIS_URL",
        default_value = "redis://127.0.0.1:6379",
        hide_env_values = true
    )]
    redis_url: String,
    /// With `--store redis`: put before every key (several services can share one Redis).
    #[arg(long, env = "IBASHO_REDIS_PREFIX", default_value = "ibasho:")]
    redis_prefix: String,
    /// With the memory store: keep the usage figures (totals only) in this file across
    /// restarts (written atomically at most once a minute and on shutdown). Without it they
    /// live in memory only. With Redis the figures are kept in Redis.
    #[arg(long, env = "IBASHO_FIGURES_FILE")]
    figures_file: Option<PathBuf>,
    /// Counts from 1 to this minus one are never shown exactly in the usage figures and the
    /// voice (at least 3).
    #[arg(long, env = "IBASHO_FIGURES_THRESHOLD", default_value_t = ibasho_server::figures::DEFAULT_THRESHOLD,
        value_parser = clap::value_parser!(u64).range(3..=1000))]
    figures_threshold: u64,
    /// Months the participants' voice is kept (comments waiting for enough others too).
    #[arg(long, env = "IBASHO_VOICE_MONTHS", default_value_t = ibasho_server::figures::DEFAULT_VOICE_MONTHS,
        value_parser = clap::value_parser!(u32).range(1..=120))]
    voice_months: u32,
}

#[derive(Clone, Copy, ValueEnum)]
enum StoreKind {
    Memory,
    Redis,
}

impl ServeArgs {
    fn into_settings(self) -> Result<Settings, String> {
        let staff = match &self.staff {
            Some(file) => StaffAccounts::load(file).map_err(|e: StaffFileError| e.to_string())?,
            None => StaffAccounts::default(),
        };
        let protection = Protection::load(self.moderation.as_deref(), self.help_lines.as_deref())
            .map_err(|e| e.to_string())?;
        let mut settings = Settings {
            staff: std::sync::Arc::new(staff),
            staff_file: self.staff.clone(),
            protection: std::sync::Arc::new(protection),
            bind: self.bind,
            catalogue: self.catalogue,
            allowed_origins: self.allowed_origins,
            web_dir: self.web_dir,
            exit_url: self.exit_url,
            ..Settings::default()
        };
        settings.limits.max_connections = self.max_connections;
        settings.limits.connections_per_address = self.connections_per_address;
        settings.limits.header_timeout =
            std::time::Duration::from_secs(self.header_timeout_seconds);
        settings.limits.says_per_second = self.says_per_second;
        settings.limits.says_burst = self.says_burst;
        settings.limits.repeats_per_minute = self.repeats_per_minute;
        settings.limits.removal = std::time::Duration::from_secs(self.removal_hours * 3600);
        settings.limits.audit_retention =
            std::time::Duration::from_secs(self.audit_days * 24 * 3600);
        settings.limits.case_grace = std::time::Duration::from_secs(self.case_grace_minutes * 60);
        settings.limits.case_lease = std::time::Duration::from_secs(self.case_lease_seconds);
        settings.limits.frames_per_second = self.frames_per_second;
        settings.limits.frames_burst = self.frames_burst;
        settings.figures = ibasho_server::figures::FigureSettings {
            threshold: self.figures_threshold,
            voice_months: self.voice_months,
            file: self.figures_file,
        };
        settings.store = match self.store {
            StoreKind::Memory => StoreChoice::Memory,
            StoreKind::Redis => StoreChoice::Redis {
                url: self.redis_url,
                prefix: self.redis_prefix,
            },
        };
        Ok(settings)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve(args) => match args.into_settings() {
            Ok(settings) => serve(settings),
            Err(err) => {
                eprintln!("ibasho: {err}");
                ExitCode::from(2)
            }
        },
        Command::CheckCatalogue { file } => check_catalogue(&file),
        Command::HashEntryWord => hash_secret("entry word", "entry_word_hash", 1),
        Command::HashPassword => hash_secret("staff password", "password_hash", 12),
        Command::CheckStaff { file } => check_staff(&file),
    }
}

fn check_staff(file: &std::path::Path) -> ExitCode {
    match StaffAccounts::load(file) {
        Ok(staff) => {
            let desks = staff.desks();
            let desks = if desks.implicit() {
                "no desks (one queue for every counselor)".to_owned()
            } else {
                let replies: usize = desks.all().iter().map(|desk| desk.replies.len()).sum();
                let ids: Vec<&str> = desks.all().iter().map(|desk| desk.id.as_str()).collect();
                format!(
                    "{} desks ({}) with {replies} canned replies",
                    ids.len(),
                    ids.join(", ")
                )
            };
            println!(
                "{}: {} staff accounts and {desks}, all valid",
                file.display(),
                staff.len()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("ibasho: {err}");
            ExitCode::from(2)
        }
    }
}

/// Reads a secret from standard input and prints its argon2 hash as a TOML line `key = "…"`.
fn hash_secret(what: &str, key: &str, min_chars: usize) -> ExitCode {
    use std::io::IsTerminal as _;
    if std::io::stdin().is_terminal() {
        eprintln!("{what} (then Enter; it is not shown anywhere else):");
    }
    let mut word = String::new();
    if let Err(err) = std::io::stdin().read_line(&mut word) {
        eprintln!("ibasho: cannot read the {what}: {err}");
        return ExitCode::FAILURE;
    }
    let word = word.trim();
    let max = ibasho_server::secret::MAX_CHARS;
    let length = word.chars().count();
    if length < min_chars || length > max {
        eprintln!("ibasho: a {what} is {min_chars} to {max} characters");
        return ExitCode::from(2);
    }
    match ibasho_server::secret::hash(word) {
        Ok(hash) => {
            println!("{key} = \"{hash}\"");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("ibasho: {err}");
            ExitCode::FAILURE
        }
    }
}

fn serve(settings: Settings) -> ExitCode {
    ibasho_server::logging::init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("ibasho: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        // Before the server says it listens: a SIGTERM that arrives right after that line
        // must already find its handler, or the process would die without any goodbye.
        let signals = match Signals::install() {
            Ok(signals) => signals,
            Err(err) => {
                eprintln!("ibasho: cannot listen for signals: {err}");
                return ExitCode::FAILURE;
            }
        };
        #[cfg(unix)]
        let hangups = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()) {
            Ok(hangups) => hangups,
            Err(err) => {
                eprintln!("ibasho: cannot listen for SIGHUP: {err}");
                return ExitCode::FAILURE;
            }
        };
        let running = match ibasho_server::start(settings).await {
            Ok(running) => running,
            Err(err) => {
                eprintln!("ibasho: {err}");
                return ExitCode::from(2);
            }
        };
        #[cfg(unix)]
        tokio::spawn(reload_staff_on_hangup(
            hangups,
            std::sync::Arc::clone(running.app()),
        ));
        signals.wait().await;
        tracing::info!("shutdown signal received; closing connections");
        running.shutdown();
        match running.stopped().await {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("ibasho: server error: {err}");
                ExitCode::FAILURE
            }
        }
    })
}

/// Ctrl-C and SIGTERM, registered up front.
/// SIGHUP reads the staff file again (see `App::reload_staff`): accounts removed or changed
/// are signed out on every node; a file that cannot be used changes nothing and is logged.
#[cfg(unix)]
async fn reload_staff_on_hangup(
    mut hangups: tokio::signal::unix::Signal,
    app: std::sync::Arc<ibasho_server::app::App>,
) {
    while hangups.recv().await.is_some() {
        match app.reload_staff().await {
            Ok(changed) => tracing::info!(changed, "staff file read again"),
            Err(err) => {
                tracing::error!(error = %err, "staff file not reloaded; the accounts stay as they were")
            }
        }
    }
}

struct Signals {
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
}

impl Signals {
    fn install() -> std::io::Result<Signals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Signals {
                term: signal(SignalKind::terminate())?,
                interrupt: signal(SignalKind::interrupt())?,
            })
        }
        #[cfg(not(unix))]
        {
            Ok(Signals {})
        }
    }

    /// Resolves on Ctrl-C or SIGTERM.
    async fn wait(mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.term.recv() => {}
            _ = self.interrupt.recv() => {}
        }
        #[cfg(not(unix))]
        {
            let _ = &mut self;
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        }
    }
}

fn check_catalogue(file: &std::path::Path) -> ExitCode {
    match Catalogue::load(file) {
        Ok(catalogue) => {
            for room in &catalogue.rooms {
                println!(
                    "{:<16} {:<10} capacity {:>5}  {}",
                    room.id,
                    format!("{:?}", room.kind).to_lowercase(),
                    room.capacity,
                    room.title
                );
            }
            println!(
                "{}: {} rooms, all valid",
                file.display(),
                catalogue.rooms.len()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("ibasho: {err}");
            ExitCode::from(2)
        }
    }
}
