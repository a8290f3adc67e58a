//! The store's events — every node's, with a shared store — delivered to this node's
//! connections: room events in each room's order, presence, documents, rooms gone, resyncs
//! and the store's health.

use std::sync::Arc;

use axum::extract::ws::Utf8Bytes;
use ibasho_protocol::{NoticeCode, ServerMsg};

use super::Hub;
use crate::control::RoomControl;
use crate::outbox::{CloseReason, Outbound, encode};
use crate::store::{RoomDoc, StoreEvent};

impl Hub {
    /// Delivers the store's events to this node's connections, until shutdown.
    pub(super) async fn dispatch(
        self: Arc<Self>,
        mut events: tokio::sync::mpsc::Receiver<StoreEvent>,
    ) {
        loop {
            let event = tokio::select! {
                event = events.recv() => event,
                () = self.shutdown.cancelled() => return,
            };
            let Some(event) = event else { return };
            match event {
                StoreEvent::Room { room, epoch, event } => {
                    if let Some(hub) = self.find(&room) {
                        // In order with joins: a joiner's delivery mark is set under the same lock.
                        let _in_order = hub.sequencer.lock().await;
                        hub.deliver(&epoch, event.offset(), &encode(&event.to_frame(&room)));
                    }
                }
                StoreEvent::Presence { room } => self.refresh_presence(&room),
                StoreEvent::Doc { room, kind } => {
                    // On a task of its own: reading the control waits for the room's control
                    // lock, whose holder may be waiting for this dispatcher to take events.
                    if kind == RoomControl::KIND {
                        let hub = Arc::clone(&self);
                        tokio::spawn(async move {
                            if let Err(err) = hub.refresh_control(&room).await {
                                tracing::warn!(error = %err, "could not read a room's control");
                            }
                        });
                    }
                }
                StoreEvent::Left { room, member } => {
                    if let Some(hub) = self.find(&room) {
                        let _in_order = hub.sequencer.lock().await;
                        let frame = encode(&ServerMsg::Left { room: room.clone() });
                        hub.members().retain(|_, here| {
                            if here.key != member {
                                return true;
                            }
                            here.outbox.push(Outbound::Text(frame.clone()));
                            false
                        });
                    }
                }
                StoreEvent::Gone { room } => self.take_out_of(&room).await,
                StoreEvent::Resync { room, keep } => {
                    if let Some(hub) = self.find(&room) {
                        for member in hub.members().values() {
                            if keep.as_ref() != Some(&member.epoch) {
                                member.outbox.hangup().close(CloseReason::Resync);
                            }
                        }
                    }
                }
                StoreEvent::Health(healthy) => {
                    let code = if healthy {
                        NoticeCode::Restored
                    } else {
                        NoticeCode::Degraded
                    };
                    self.notify_everyone(&encode(&ServerMsg::Notice { code }));
                }
            }
        }
    }

    /// Queues a frame to every connection with a session on this node.
    pub(super) fn notify_everyone(&self, frame: &Utf8Bytes) {
        for local in self.sessions().values() {
            if let Some(conn) = &local.conn {
                conn.push(Outbound::Text(frame.clone()));
            }
        }
    }
}
