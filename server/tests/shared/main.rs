//! The shared store with a real Redis: several real `ibasho` processes on one machine
//! (delivery and order across nodes, the last seat, resume after a node dies, Redis killed and
//! restarted mid-traffic), a degraded node, and what the keyspace keeps.
//!
//! Every test starts its own throwaway `redis-server`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod degraded;
mod desks;
mod escalation;
mod facilitation;
mod faults;
mod figures;
mod keyspace;
mod membership;
mod nodes;
mod private_rooms;
mod support;
#[path = "../it/test_settings.rs"]
mod test_settings;
