//! Connections coming and going: slow readers, silent peers, limits, shutdown.

use std::time::{Duration, Instant};

use ibasho_tests::client::Ending;
use ibasho_tests::{Client, ClientOptions};

use crate::support::{hello, member, serve, serve_limited, settings};

#[tokio::test]
async fn a_client_that_stops_reading_is_disconnected_and_the_room_goes_on() {
    const MESSAGES: usize = 3000;
    let mut settings = settings();
    settings.limits.outbound_queue = 16;
    settings.limits.says_per_second = 100_000;
    settings.limits.says_burst = 100_000;
    settings.limits.frames_per_second = 100_000;
    settings.limits.frames_burst = 100_000;
    settings.limits.repeats_per_minute = u32::MAX;
    let server = serve(settings).await;

    let options = ClientOptions {
        recv_buffer: Some(4096),
        ..ClientOptions::default()
    };
    let mut slow = Client::connect_with(server.addr(), options).await.unwrap();
    slow.hello(Some("よまない")).await.unwrap();
    slow.join("lounge").await.unwrap();

    let mut listener = member(&server, "よむ", "lounge").await;
    let listening = tokio::spawn(async move {
        let mut received = 0;
        while received < MESSAGES {
            listener.recv_type("message").await.unwrap();
            received += 1;
        }
        received
    });

    let mut sender = member(&server, "おくる", "lounge").await;
    let text = "長".repeat(1000);
    let started = Instant::now();
    for i in 0..MESSAGES {
        sender.say("lounge", &text, &format!("s{i}")).await.unwrap();
        sender.recv_type("message").await.unwrap();
    }
    // Every message reached the reading member: the slow one never held the room up.
    assert_eq!(listening.await.unwrap(), MESSAGES);
    assert!(started.elapsed() < Duration::from_secs(60));

    // The slow client finds, after what was already in its socket, a close frame saying why.
    match slow.ending_within(Duration::from_secs(20)).await.unwrap() {
        Ending::Closed(code, reason) => {
            assert_eq!(code, 1008);
            assert!(reason.contains("too slow"), "{reason}");
        }
        Ending::Gone => {} // the close frame may not fit through a full socket; it is gone
    }
}

#[tokio::test]
async fn a_peer_that_never_answers_pings_is_dropped_and_a_listening_one_stays() {
    let mut settings = settings();
    settings.limits.heartbeat_interval = Duration::from_millis(100);
    settings.limits.idle_timeout = Duration::from_millis(400);
    let server = serve(settings).await;
    let (mut deaf, _) = hello(&server, Some("みみなし")).await;
    let (mut listening, _) = hello(&server, Some("きいてる")).await;
    // Reading (which answers pings) for a while; the deaf one reads nothing.
    listening
        .expect_no_message(Duration::from_millis(900))
        .await
        .unwrap();
    // The server has let go of the deaf connection (only the listening one is left)…
    assert_eq!(server.app().connections.len(), 1);
    // …with a close frame that says why, unless answering the queued pings on a socket the
    // server already closed made the client's own stack give up first.
    match deaf.ending().await.unwrap() {
        Ending::Closed(code, reason) => {
            assert_eq!(code, 4000);
            assert!(reason.contains("heartbeat"), "{reason}");
        }
        Ending::Gone => {}
    }
    // Just listening, never typing, is a valid way to be here.
    listening.join("lounge").await.unwrap();
}

#[tokio::test]
async fn a_connection_without_hello_is_closed() {
    let server = serve_limited(|limits| limits.hello_timeout = Duration::from_millis(200)).await;
    let mut client = Client::connect(server.addr()).await.unwrap();
    match client.ending().await.unwrap() {
        Ending::Closed(code, reason) => {
            assert_eq!(code, 1008);
            assert!(reason.contains("hello"), "{reason}");
        }
        Ending::Gone => panic!("expected a close frame"),
    }
}

#[tokio::test]
async fn connections_over_the_limit_are_refused_until_one_ends() {
    let server = serve_limited(|limits| limits.max_connections = 2).await;
    let first = Client::connect(server.addr()).await.unwrap();
    let _second = Client::connect(server.addr()).await.unwrap();
    let refused = Client::connect(server.addr()).await.err().expect("refused");
    assert!(format!("{refused:#}").contains("503"), "{refused:#}");
    first.close().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        match Client::connect(server.addr()).await {
            Ok(_) => break,
            Err(err) if Instant::now() < deadline => {
                assert!(format!("{err:#}").contains("503"));
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            Err(err) => panic!("the slot was never freed: {err:#}"),
        }
    }
}

#[tokio::test]
async fn shutdown_sends_every_client_a_close_frame_within_five_seconds() {
    let server = serve(settings()).await;
    let mut clients = vec![
        Client::connect(server.addr()).await.unwrap(), // not even a hello yet
        member(&server, "ひとり", "lounge").await,
        member(&server, "ふたり", "games").await,
    ];
    let started = Instant::now();
    server.shutdown();
    for client in &mut clients {
        match client.ending_within(Duration::from_secs(5)).await.unwrap() {
            Ending::Closed(code, reason) => {
                assert_eq!(code, 1001);
                assert!(reason.contains("shutting down"), "{reason}");
            }
            Ending::Gone => panic!("expected a close frame"),
        }
    }
    tokio::time::timeout(Duration::from_secs(5), server.stopped())
        .await
        .expect("stopped in time")
        .unwrap();
    assert!(started.elapsed() < Duration::from_secs(5));
}
