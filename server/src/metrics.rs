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
        };
        registry.register(
            "connections",
            "Open WebSocket connections on this node",
            metrics.connections.clone(),
        );
        registry.register(
            "sessions",
            "Sessions held by this node (connected or in their grace period)",
            metrics.sessions.clone(),
        );
        registry.register(
            "store_healthy",
            "1 when this node can reach its store and follow every room",
            metrics.store_healthy.clone(),
        );
        registry.register(
            "room_present",
            "People in each room, across all nodes",
            metrics.room_present.clone(),
        );
        registry.register(
            "messages",
            "Messages said through this node",
            metrics.messages.clone(),
        );
        registry.register(
            "refusals",
            "Frames refused by this node, by error code",
            metrics.refusals.clone(),
        );
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
