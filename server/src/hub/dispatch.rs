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
                        let to =
                            hub.deliver(&epoch, event.offset(), &encode(&event.to_frame(&room)));
                        self.deliveries
                            .fetch_add(to, std::sync::atomic::Ordering::Relaxed);
                    }
                }
                StoreEvent::Presence { room } => self.refresh_presence(&room),
                StoreEvent::Doc { room, kind } => {
                    if kind == RoomControl::KIND {
                        self.reread_control(room);
                    }
                }
                StoreEvent::Left {
                    room,
                    member,
                    farewell,
                } => {
                    if let Some(hub) = self.find(&room) {
                        let _in_order = hub.sequencer.lock().await;
                        let frame = encode(&ServerMsg::Left { room: room.clone() });
                        let farewell = farewell.map(Utf8Bytes::from);
                        hub.members().retain(|_, here| {
                            if here.key != member {
                                return true;
                            }
                            if let Some(farewell) = &farewell {
                                here.outbox.push(Outbound::Text(farewell.clone()));
                            }
                            here.outbox.push(Outbound::Text(frame.clone()));
                            false
                        });
                    }
                }
                StoreEvent::Private { room, to, frame } => {
                    if let Some(hub) = self.find(&room) {
                        hub.tell(&to, &Utf8Bytes::from(frame));
                    }
                }
                StoreEvent::Closed { room, ended } => {
                    if let Some(hub) = self.find(&room) {
                        let _in_order = hub.sequencer.lock().await;
                        hub.end_epoch(&ended);
                    }
                    // What a facilitator set went with the sitting (on the node that closed
                    // it, this copy is already right; elsewhere it is read again).
                    self.reread_control(room);
                }
                StoreEvent::Outcome {
                    reporter,
                    report_id,
                } => self.outcome_ready(&reporter, report_id),
                StoreEvent::SignedOut { handles } => self.sign_out_here(&handles),
                StoreEvent::ReportFiled { room, report_id } => {
                    self.show_report(room, report_id);
                }
                StoreEvent::AlertRaised { room, alert_id } => self.show_alert(room, alert_id),
                StoreEvent::Sanctioned { room } => self.sanctions_changed(room),
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
                event @ (StoreEvent::Escalation { .. }
                | StoreEvent::Duty
                | StoreEvent::Bound { .. }) => {
                    self.case_event(super::CaseEvent::Store(event));
                }
                StoreEvent::Health(healthy) => {
                    self.case_event(super::CaseEvent::Store(StoreEvent::Health(healthy)));
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

    /// Reads the room's control again, on a task of its own: reading waits for the room's
    /// control lock, whose holder may be waiting for this dispatcher to take events.
    fn reread_control(self: &Arc<Self>, room: String) {
        let hub = Arc::clone(self);
        tokio::spawn(async move {
            if let Err(err) = hub.refresh_control(&room).await {
                tracing::warn!(error = %err, "could not read a room's control");
            }
        });
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

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use ibasho_moderation::Handle;
    use tokio_util::sync::CancellationToken;

    use super::*;
    use crate::catalogue::Catalogue;
    use crate::control::NotNow;
    use crate::settings::Limits;
    use crate::store::{MemoryStore, NewMessage, Profile, Store};

    /// One always-open room (an inline table: the catalogue's format, on one line).
    const CATALOGUE: &str = r#"room = [{ id = "lounge", title = "ラウンジ", description = "いつでも", kind = "themed", capacity = 10, open = "always" }]"#;

    /// A feed of one event, a flood of messages, and a facilitator changing the room's
    /// control all the while: the dispatcher must never wait on a lock whose holder waits
    /// for the dispatcher (it once did: a changed control was read on the dispatcher itself).
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_full_feed_never_stalls_delivery() {
        let store: Arc<dyn Store> = Arc::new(MemoryStore::with_feed_depth(1000, 1));
        let catalogue = Catalogue::parse(CATALOGUE, "test").unwrap();
        let shutdown = CancellationToken::new();
        let clock: Arc<dyn crate::clock::Clock> = Arc::new(crate::clock::SystemClock);
        let hub = Hub::start(
            Arc::clone(&store),
            &catalogue,
            Limits::default(),
            clock,
            shutdown,
        );
        let handle = Handle::parse("ながれ").unwrap();
        let session = store
            .create_session(&handle, Profile::default(), false)
            .await
            .unwrap()
            .unwrap();
        store
            .join("lounge", 10, 100, &session.token, None)
            .await
            .unwrap()
            .unwrap();
        let writer = {
            let store = Arc::clone(&store);
            tokio::spawn(async move {
                for n in 0..400 {
                    let message = NewMessage {
                        room: "lounge".to_owned(),
                        session: session.token.clone(),
                        client_id: None,
                        text: format!("{n}"),
                        at: jiff::Timestamp::UNIX_EPOCH,
                    };
                    store.append(message, 100).await.unwrap();
                }
            })
        };
        let facilitator = {
            let hub = Arc::clone(&hub);
            tokio::spawn(async move {
                for _ in 0..200 {
                    let toggled = hub
                        .update_control("lounge", |current| {
                            let mut control = current.cloned().unwrap_or_default();
                            control.segment = Some(if control.segment == Some(1) { 2 } else { 1 });
                            Ok::<_, NotNow>(control)
                        })
                        .await;
                    assert!(matches!(toggled, Ok(Ok(()))));
                }
            })
        };
        let both = async {
            writer.await.unwrap();
            facilitator.await.unwrap();
        };
        assert!(
            tokio::time::timeout(Duration::from_secs(20), both)
                .await
                .is_ok(),
            "delivery stalled"
        );
    }
}
