//! The privacy invariants, each as a test that fails if it is broken:
//! no IP address stored, and (with the real binary, in `binary.rs`) no IP address, message
//! text, handle or session token in the logs, and nothing written to disk.

use std::net::{IpAddr, Ipv4Addr};

use ibasho_server::token::SessionToken;
use ibasho_tests::{Client, ClientOptions};

use crate::support::{serve, settings};

/// A loopback address of its own, so that finding it anywhere means it came from the client.
pub const CLIENT_IP: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 42);

#[tokio::test]
async fn the_store_holds_no_ip_address() {
    let server = serve(settings()).await;
    let options = ClientOptions {
        local_ip: Some(IpAddr::V4(CLIENT_IP)),
        ..ClientOptions::default()
    };
    let mut client = Client::connect_with(server.addr(), options).await.unwrap();
    client.hello(Some("どこから")).await.unwrap();
    client.join("lounge").await.unwrap();
    client.say("lounge", "ここにいます", "p1").await.unwrap();
    client.recv_type("message").await.unwrap();

    let dump = server.app().store.audit_dump().await.unwrap();
    // The dump is not vacuous: it holds the session and the message…
    assert!(
        dump.contains("どこから") && dump.contains("ここにいます"),
        "{dump}"
    );
    // …and nothing of where they came from.
    assert!(!dump.contains(&CLIENT_IP.to_string()), "{dump}");
    assert!(!dump.contains("127.0.0.1"), "{dump}");
}

#[tokio::test]
async fn an_ended_session_is_forgotten_by_the_store_and_the_node() {
    let server = serve(settings()).await;
    let mut client = Client::connect(server.addr()).await.unwrap();
    let welcome = client.hello(Some("いなくなる")).await.unwrap();
    // Only listening: then nothing of this person outlives the session.
    client.join("lounge").await.unwrap();
    assert_eq!(server.app().hub.session_count(), 1);
    client.close().await.unwrap();
    // The session ends on the server right after the close handshake.
    let token = SessionToken::from_client(welcome["session"].as_str().unwrap()).unwrap();
    let deadline = tokio::time::Instant::now() + ibasho_tests::STEP;
    while server.app().hub.session_count() > 0 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the node still holds the session"
        );
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let store = &server.app().store;
    assert!(store.attach_session(&token).await.unwrap().is_none());
    let dump = store.audit_dump().await.unwrap();
    assert!(
        !dump.contains("いなくなる"),
        "the handle is still held: {dump}"
    );
    assert_eq!(store.present("lounge").await.unwrap(), 0);
}
