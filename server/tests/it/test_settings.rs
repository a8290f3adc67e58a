//! The settings every test server starts from, in both server test suites (`shared` reads
//! this file by path).

use std::time::Duration;

use ibasho_server::settings::Settings;

/// Settings for tests: port 0, and rate limits high enough not to get in the way (tests of
/// rate limiting set their own).
pub fn settings() -> Settings {
    let mut settings = Settings {
        bind: "127.0.0.1:0".parse().expect("address"),
        ..Settings::default()
    };
    settings.limits.says_per_second = 1000;
    settings.limits.says_burst = 1000;
    settings.limits.repeats_per_minute = 1000;
    settings.limits.frames_per_second = 1000;
    settings.limits.frames_burst = 1000;
    settings.limits.presence_interval = Duration::from_millis(20);
    settings
}
