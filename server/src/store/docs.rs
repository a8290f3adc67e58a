//! The room documents collection: small per-room values that nodes change by
//! compare-and-swap — what a facilitator set for the sitting today, the moderation settings
//! next. Each kind of document is a type that implements [`RoomDoc`]; the store keeps its
//! JSON, tells every node when it changes, and erases every document of a room with the
//! room's sitting (`close_room`).

use async_trait::async_trait;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{StoreError, StoreResult};

/// A kind of per-room document.
pub trait RoomDoc: Serialize + DeserializeOwned {
    /// Its name in the store (short: it is part of a key).
    const KIND: &'static str;
}

/// A compare-and-swap of one document: what it must be now (as stored; `None`: absent) and
/// what to put (`None` removes it).
#[derive(Debug, Clone, Copy)]
pub struct DocSwap<'a> {
    pub expected: Option<&'a str>,
    pub new: Option<&'a str>,
}

#[async_trait]
pub trait DocStore: Send + Sync {
    /// The room's document of `kind`, as stored (JSON), if any.
    async fn doc(&self, room: &str, kind: &str) -> StoreResult<Option<String>>;

    /// Replaces the room's document of `kind` with `new` (`None` removes it) if it is still
    /// `expected` (compared as stored); false if someone changed it meanwhile (read it again
    /// and retry). A shared store tells every node that it changed ([`super::StoreEvent::Doc`]).
    async fn swap_doc(&self, room: &str, kind: &str, swap: DocSwap<'_>) -> StoreResult<bool>;
}

fn encode<D: RoomDoc>(doc: Option<&D>) -> StoreResult<Option<String>> {
    doc.map(|doc| {
        serde_json::to_string(doc)
            .map_err(|_| StoreError::Unavailable(format!("could not encode a {}", D::KIND)))
    })
    .transpose()
}

/// The room's document of type `D`, if any.
pub async fn read_doc<D: RoomDoc>(store: &dyn DocStore, room: &str) -> StoreResult<Option<D>> {
    let Some(json) = store.doc(room, D::KIND).await? else {
        return Ok(None);
    };
    serde_json::from_str(&json)
        .map(Some)
        .map_err(|_| StoreError::Unavailable(format!("unreadable {}", D::KIND)))
}

/// Replaces the room's document of type `D` if it is still `expected` (see
/// [`DocStore::swap_doc`]).
pub async fn swap_doc<D: RoomDoc>(
    store: &dyn DocStore,
    room: &str,
    expected: Option<&D>,
    new: Option<&D>,
) -> StoreResult<bool> {
    let (expected, new) = (encode(expected)?, encode(new)?);
    let swap = DocSwap {
        expected: expected.as_deref(),
        new: new.as_deref(),
    };
    store.swap_doc(room, D::KIND, swap).await
}
