//! `--figures-file`: the memory store's totals kept across restarts. Numbers only — days,
//! figure keys (a figure's name, a catalogue room's id, a code) and counts, and the sittings
//! counted in the last two days (a room's id and a time, so that a restart in the middle
//! of a sitting does not count it twice) — written
//! atomically (a temporary file in the same folder, synced, then renamed over the old one)
//! at most once a minute when something changed, and once more on shutdown. With Redis the
//! figures live in Redis and the file is not used.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;

use crate::store::Store;
use crate::store::figures::{LocalFigures, Totals};

/// How often the file is written at most.
pub const EVERY: Duration = Duration::from_secs(60);

/// Why the figures file cannot be used (the server does not start: counting on over a file
/// it cannot read would lose what it holds when it is next written).
#[derive(Debug, thiserror::Error)]
pub enum FiguresFileError {
    #[error("cannot read the figures file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the figures file {path} is not an Ibasho figures file: {reason}")]
    Format { path: PathBuf, reason: String },
}

/// The file's contents.
#[derive(Debug, Serialize, Deserialize)]
struct Kept {
    /// The format (1).
    version: u32,
    /// Totals by day and figure key.
    days: Totals,
    /// The sittings counted lately (room and planned end, or room and day), by the day.
    #[serde(default)]
    sittings: BTreeMap<String, String>,
}

/// Reads the file; a file that does not exist yet holds nothing.
pub fn load(path: &Path) -> Result<LocalFigures, FiguresFileError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Ok(LocalFigures::default());
        }
        Err(source) => {
            return Err(FiguresFileError::Read {
                path: path.to_owned(),
                source,
            });
        }
    };
    let kept: Kept = serde_json::from_str(&text).map_err(|err| FiguresFileError::Format {
        path: path.to_owned(),
        reason: err.to_string(),
    })?;
    if kept.version != 1 {
        return Err(FiguresFileError::Format {
            path: path.to_owned(),
            reason: format!("version {} is not known", kept.version),
        });
    }
    Ok(LocalFigures {
        days: kept.days,
        sittings: kept.sittings,
    })
}

/// Writes `totals` atomically: whoever reads the file sees the old totals or the new ones.
pub fn save(path: &Path, kept: &LocalFigures) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let json = serde_json::to_vec(&Kept {
        version: 1,
        days: kept.days.clone(),
        sittings: kept.sittings.clone(),
    })
    .map_err(std::io::Error::other)?;
    let mut temporary = tempfile::NamedTempFile::new_in(dir)?;
    std::io::Write::write_all(&mut temporary, &json)?;
    temporary.as_file().sync_all()?;
    temporary.persist(path).map_err(|err| err.error)?;
    Ok(())
}

/// Keeps the store's totals in the file.
pub struct Keeper {
    store: Arc<dyn Store>,
    path: PathBuf,
    /// The store's generation last written.
    written: Mutex<Option<u64>>,
}

impl Keeper {
    /// Restores the file's totals into `store` (which keeps its figures in this process)
    /// and returns the keeper that writes them back; `None` for a store that keeps its
    /// figures elsewhere (Redis).
    pub fn open(
        store: Arc<dyn Store>,
        path: &Path,
    ) -> Result<Option<Arc<Keeper>>, FiguresFileError> {
        let Some((_, generation)) = store.local_figures() else {
            tracing::warn!("--figures-file is not used: the figures are kept in Redis");
            return Ok(None);
        };
        let kept = load(path)?;
        let days = kept.days.len();
        store.restore_figures(kept);
        tracing::info!(days, "usage figures restored from the figures file");
        Ok(Some(Arc::new(Keeper {
            store,
            path: path.to_owned(),
            written: Mutex::new((days == 0).then_some(generation)),
        })))
    }

    /// Writes the file if anything was counted since it was last written.
    pub fn save_if_changed(&self) {
        // Held while the totals are read and written: two writers (the minute's and the
        // shutdown's) never put an older reading over a newer one.
        let mut written = self
            .written
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let Some((kept, generation)) = self.store.local_figures() else {
            return;
        };
        if *written == Some(generation) {
            return;
        }
        match save(&self.path, &kept) {
            Ok(()) => *written = Some(generation),
            Err(err) => tracing::warn!(kind = ?err.kind(), "could not write the figures file"),
        }
    }

    /// Writes every [`EVERY`] until shutdown (the last write is the server's, after its
    /// connections closed).
    pub fn spawn(self: &Arc<Self>, shutdown: CancellationToken) {
        let keeper = Arc::clone(self);
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    () = tokio::time::sleep(EVERY) => {}
                    () = shutdown.cancelled() => return,
                }
                let writing = Arc::clone(&keeper);
                if tokio::task::spawn_blocking(move || writing.save_if_changed())
                    .await
                    .is_err()
                {
                    tracing::warn!("writing the figures file stopped");
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_totals_read_back_and_a_missing_file_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("figures.json");
        assert_eq!(load(&path).unwrap(), LocalFigures::default());
        let mut kept = LocalFigures::default();
        kept.days
            .entry("2026-04-01".into())
            .or_default()
            .insert("visits|lounge|".into(), 3);
        kept.sittings
            .insert("lounge@2026-04-01".into(), "2026-04-01".into());
        save(&path, &kept).unwrap();
        assert_eq!(load(&path).unwrap(), kept);
        std::fs::write(&path, "not json").unwrap();
        assert!(matches!(load(&path), Err(FiguresFileError::Format { .. })));
    }
}
