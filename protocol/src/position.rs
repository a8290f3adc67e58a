//! Where a client is in a room's stream of events, so that after a dropped connection it gets
//! exactly what it missed, or is told plainly that it cannot (never a silent gap).
//!
//! A room's stream has an *epoch*, an opaque string that changes whenever the stream starts
//! again (the room's history was erased, or the storage lost it), and *offsets* that increase
//! by one for each event (a message, or a change of a message's reactions) within an epoch.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Position {
    pub epoch: String,
    /// The offset of the last event seen; 0 before any.
    pub offset: u64,
}
