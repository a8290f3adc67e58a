//! `GET /metrics` in the Prometheus text format. No label carries a handle, a text, a token
//! or an address: only room ids from the catalogue and refusal codes.

use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;

type Labels = Vec<(&'static str, String)>;

pub struct Metrics {
    registry: Registry,
    pub connections: Gauge,
    pub sessions: Gauge,
    pub store_healthy: Gauge,
    pub room_present: Family<Labels, Gauge>,
    pub messages: Counter,
    pub refusals: Family<Labels, Counter>,
    pub rooms_open: Gauge,
    pub escalation_queue: Gauge,
    pub escalation_oldest_wait_seconds: Gauge,
    pub deliveries: Counter,
    pub voices: Counter,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("ibasho");
        let metrics = Metrics {
            registry: Registry::default(),
            connections: Gauge::default(),
            sessions: Gauge::default(),
            store_healthy: Gauge::default(),
            room_present: Family::default(),
            messages: Counter::default(),
            refusals: Family::default(),
            rooms_open: Gauge::default(),
            escalation_queue: Gauge::default(),
            escalation_oldest_wait_seconds: Gauge::default(),
            deliveries: Counter::default(),
            voices: Counter::default(),
        };
        // Every metric is named after its field, so one line each says what it counts.
        macro_rules! register {
            ($($field:ident: $help:literal,)*) => {
                $(registry.register(stringify!($field), $help, metrics.$field.clone());)*
            };
        }
        register! {
            connections: "Open WebSocket connections on this node",
            sessions: "Sessions held by this node (connected or in their grace period)",
            store_healthy: "1 when this node can reach its store and follow every room",
            room_present: "People in each room, across all nodes",
            messages: "Messages said through this node",
            refusals: "Frames refused by this node, by error code",
            rooms_open: "Catalogue rooms open now",
            escalation_queue: "Requests to talk with a counselor waiting in the queue",
            escalation_oldest_wait_seconds: "How long the oldest waiting request has waited",
            deliveries: "Room events queued to this node's connections",
            voices: "Answers to the voice question taken by this node",
        }
        Metrics {
            registry,
            ..metrics
        }
    }

    pub fn refused(&self, code: &str) {
        self.refusals
            .get_or_create(&vec![("code", code.to_owned())])
            .inc();
    }

    pub fn set_present(&self, room: &str, present: u32) {
        self.room_present
            .get_or_create(&vec![("room", room.to_owned())])
            .set(i64::from(present));
    }

    /// The text exposition.
    pub fn render(&self) -> String {
        let mut out = String::new();
        if encode(&mut out, &self.registry).is_err() {
            tracing::warn!("could not encode metrics");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_metric_is_exposed_under_its_name() {
        let metrics = Metrics::new();
        metrics.refused("bad_request");
        metrics.set_present("lounge", 1);
        let text = metrics.render();
        for name in [
            "connections",
            "sessions",
            "store_healthy",
            "room_present",
            "messages",
            "refusals",
            "rooms_open",
            "escalation_queue",
            "escalation_oldest_wait_seconds",
            "deliveries",
            "voices",
        ] {
            assert!(text.contains(&format!("# HELP ibasho_{name} ")), "{text}");
        }
    }
}
