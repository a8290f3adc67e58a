//! Accepting connections: the TCP listener's loop, with what a public service needs before
//! a request is even read.
//!
//! - **Connections per address.** One address (an IPv6 /64, which one subscriber usually
//!   holds whole) may hold at most `connections_per_address` open TCP connections; more
//!   get `429` and are closed. The count lives in this process's memory only, keyed by the
//!   address, removed when its last connection ends, and never logged or stored: it cannot
//!   join a person to anything. Loopback is not counted unless told (a reverse proxy on the
//!   same machine is every person's address at once).
//! - **Slow headers.** A request whose headers are not complete `header_timeout` after it
//!   began (a "slowloris" drip of header lines) is dropped: hyper's own deadline, which
//!   `axum::serve` leaves unset.
//!
//! Otherwise this is what `axum::serve` does: one hyper HTTP/1 connection per socket, with
//! upgrades (WebSocket), and a graceful stop that lets a request in flight finish.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;
use tower::ServiceExt;

/// What the accept loop is told.
#[derive(Clone, Copy, Debug)]
pub struct AcceptRules {
    /// Open connections one address may hold; 0 is no limit.
    pub per_address: usize,
    /// Whether loopback addresses are counted too.
    pub count_loopback: bool,
    /// How long a request's headers may take to arrive.
    pub header_timeout: Duration,
}

/// The answer to a connection over its address's limit (plain, and then the socket closes).
const TOO_MANY: &[u8] = b"HTTP/1.1 429 Too Many Requests\r\nContent-Type: text/plain; \
charset=utf-8\r\nRetry-After: 10\r\nConnection: close\r\nContent-Length: 42\r\n\r\n\
too many connections from one address\r\n\r\n";
/// How long writing that answer may take.
const REFUSAL_TIMEOUT: Duration = Duration::from_secs(2);

/// The address a connection is counted under: IPv4 whole, IPv6 by its /64 (an IPv4-mapped
/// IPv6 address as the IPv4 address it is).
fn counted_as(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6((u128::from(v6) & !((1u128 << 64) - 1)).into()),
        },
    }
}

/// Open connections by address, in memory only.
#[derive(Default)]
struct PerAddress {
    open: Mutex<HashMap<IpAddr, usize>>,
}

/// One counted connection; uncounted when dropped.
struct Counted {
    table: Arc<PerAddress>,
    key: IpAddr,
}

impl Drop for Counted {
    fn drop(&mut self) {
        let mut open = self.table.open.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = open.get_mut(&self.key) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.key);
            }
        }
    }
}

impl PerAddress {
    /// Counts a connection from `ip`, or `None` if its address is at the limit.
    fn admit(self: &Arc<Self>, ip: IpAddr, rules: &AcceptRules) -> Option<Option<Counted>> {
        if rules.per_address == 0 || (ip.is_loopback() && !rules.count_loopback) {
            return Some(None);
        }
        let key = counted_as(ip);
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        let n = open.entry(key).or_insert(0);
        if *n >= rules.per_address {
            return None;
        }
        *n += 1;
        Some(Some(Counted {
            table: Arc::clone(self),
            key,
        }))
    }
}

/// Serves `router` on `listener` until `stop` is cancelled; then stops accepting and waits
/// for the requests in flight (an upgraded WebSocket is no longer hyper's: the caller waits
/// for those).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    rules: AcceptRules,
    stop: CancellationToken,
) {
    let table = Arc::new(PerAddress::default());
    let tracker = TaskTracker::new();
    loop {
        let (tcp, peer) = tokio::select! {
            biased;
            () = stop.cancelled() => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors and the like: wait, as axum::serve does.
                    tracing::warn!(error = %err, "could not accept a connection");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                }
            },
        };
        match table.admit(peer.ip(), &rules) {
            Some(counted) => {
                tracker.spawn(connection(
                    tcp,
                    router.clone(),
                    rules,
                    stop.clone(),
                    counted,
                ));
            }
            None => {
                tracker.spawn(refuse(tcp));
            }
        }
    }
    // No new connection from now on: refused at once (the balancer tries another node)
    // rather than left waiting in the backlog until the requests in flight are done.
    drop(listener);
    tracker.close();
    tracker.wait().await;
}

/// A socket that holds its place in the count: hyper hands this very object to the
/// WebSocket on an upgrade, so the count lasts as long as the socket, not the request.
struct CountedTcp {
    tcp: TcpStream,
    _counted: Option<Counted>,
}

impl tokio::io::AsyncRead for CountedTcp {
    fn poll_read(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.get_mut().tcp).poll_read(cx, buf)
    }
}

impl tokio::io::AsyncWrite for CountedTcp {
    fn poll_write(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        std::pin::Pin::new(&mut self.get_mut().tcp).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> std::task::Poll<std::io::Result<usize>> {
        std::pin::Pin::new(&mut self.get_mut().tcp).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.tcp.is_write_vectored()
    }

    fn poll_flush(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.get_mut().tcp).poll_flush(cx)
    }

    fn poll_shutdown(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.get_mut().tcp).poll_shutdown(cx)
    }
}

/// One HTTP/1 connection, with upgrades; `counted` is held by the socket until it closes.
async fn connection(
    tcp: TcpStream,
    router: Router,
    rules: AcceptRules,
    stop: CancellationToken,
    counted: Option<Counted>,
) {
    // Small frames must not wait for Nagle's algorithm and delayed ACKs (tens of ms).
    if let Err(err) = tcp.set_nodelay(true) {
        tracing::debug!(error = %err, "could not set TCP_NODELAY");
    }
    let service = TowerToHyperService::new(router.map_request(
        |request: hyper::Request<hyper::body::Incoming>| request.map(axum::body::Body::new),
    ));
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(rules.header_timeout);
    let tcp = CountedTcp {
        tcp,
        _counted: counted,
    };
    let conn = builder
        .serve_connection(TokioIo::new(tcp), service)
        .with_upgrades();
    tokio::pin!(conn);
    tokio::select! {
        result = conn.as_mut() => {
            if let Err(err) = result {
                tracing::trace!(error = %err, "connection ended with an error");
            }
        }
        () = stop.cancelled() => {
            conn.as_mut().graceful_shutdown();
            let _ended_either_way = conn.await;
        }
    }
}

/// Says why, and closes.
async fn refuse(mut tcp: TcpStream) {
    let _best_effort = tokio::time::timeout(REFUSAL_TIMEOUT, async {
        tcp.write_all(TOO_MANY).await?;
        tcp.shutdown().await
    })
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(per_address: usize, count_loopback: bool) -> AcceptRules {
        AcceptRules {
            per_address,
            count_loopback,
            header_timeout: Duration::from_secs(1),
        }
    }

    #[test]
    fn ipv6_is_counted_by_its_64_and_mapped_ipv4_as_ipv4() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(counted_as(a), counted_as(b));
        assert_ne!(counted_as(a), counted_as(other));
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(counted_as(mapped), "192.0.2.7".parse::<IpAddr>().unwrap());
    }

    #[test]
    fn an_address_at_its_limit_is_refused_until_one_of_its_connections_ends() {
        let table = Arc::new(PerAddress::default());
        let rules = rules(2, false);
        let ip: IpAddr = "2001:db8::1".parse().unwrap();
        let neighbour: IpAddr = "2001:db8::2".parse().unwrap();
        let first = table.admit(ip, &rules).unwrap();
        let _second = table.admit(neighbour, &rules).unwrap();
        assert!(table.admit(ip, &rules).is_none(), "the same /64");
        assert!(table.admit("192.0.2.1".parse().unwrap(), &rules).is_some());
        drop(first);
        assert!(table.admit(ip, &rules).is_some());
    }

    #[test]
    fn nothing_is_kept_of_an_address_once_its_connections_end() {
        let table = Arc::new(PerAddress::default());
        let rules = rules(5, false);
        let counted = table.admit("192.0.2.1".parse().unwrap(), &rules).unwrap();
        assert_eq!(table.open.lock().unwrap().len(), 1);
        drop(counted);
        assert!(table.open.lock().unwrap().is_empty());
    }

    #[test]
    fn loopback_is_counted_only_when_told_and_zero_is_no_limit() {
        let table = Arc::new(PerAddress::default());
        let local: IpAddr = "127.0.0.1".parse().unwrap();
        for _ in 0..10 {
            assert!(matches!(table.admit(local, &rules(1, false)), Some(None)));
            assert!(matches!(
                table.admit("192.0.2.1".parse().unwrap(), &rules(0, true)),
                Some(None)
            ));
        }
        let _one = table.admit(local, &rules(1, true)).unwrap();
        assert!(table.admit(local, &rules(1, true)).is_none());
    }
}
