//! Frames no client may send, on the real `/ws`, each answered with a close frame carrying
//! its RFC 6455 code (§7.1.7, §7.4.1) before the TCP connection ends — written byte by byte
//! here, since a WebSocket library refuses to send them.

use std::net::SocketAddr;
use std::time::Duration;

use ibasho_protocol::close;
use ibasho_tests::Client;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support::{serve, settings};

const TEXT: u8 = 0x1;
const CONTINUATION: u8 = 0x0;
const CLOSE: u8 = 0x8;
const PING: u8 = 0x9;

/// A connection upgraded by hand: the handshake, and nothing of a library after it.
async fn upgraded(addr: SocketAddr) -> TcpStream {
    let mut tcp = TcpStream::connect(addr).await.unwrap();
    let request = format!(
        "GET /ws HTTP/1.1\r\nHost: {addr}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
    );
    tcp.write_all(request.as_bytes()).await.unwrap();
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        let mut byte = [0u8; 1];
        assert_eq!(
            tcp.read(&mut byte).await.unwrap(),
            1,
            "the handshake's answer"
        );
        head.push(byte[0]);
    }
    let head = String::from_utf8(head).unwrap();
    assert!(head.starts_with("HTTP/1.1 101"), "{head}");
    tcp
}

/// One frame as written by a client: `first` is FIN, RSV1–3 and the opcode; masked unless
/// told not to be.
fn frame(first: u8, payload: &[u8], masked: bool) -> Vec<u8> {
    let mask_bit = if masked { 0x80 } else { 0 };
    let mut out = vec![first];
    match payload.len() {
        n if n < 126 => out.push(mask_bit | u8::try_from(n).unwrap()),
        n if n <= 0xffff => {
            out.push(mask_bit | 126);
            out.extend_from_slice(&u16::try_from(n).unwrap().to_be_bytes());
        }
        n => {
            out.push(mask_bit | 127);
            out.extend_from_slice(&(n as u64).to_be_bytes());
        }
    }
    if masked {
        let key = [0x37, 0xfa, 0x21, 0x3d];
        out.extend_from_slice(&key);
        out.extend(payload.iter().enumerate().map(|(i, b)| b ^ key[i % 4]));
    } else {
        out.extend_from_slice(payload);
    }
    out
}

const FIN: u8 = 0x80;

/// Reads the server's frames until its close frame, and returns its code; `None` if the
/// connection ended without one.
async fn close_code(tcp: &mut TcpStream) -> Option<u16> {
    let read = async {
        loop {
            let mut head = [0u8; 2];
            tcp.read_exact(&mut head).await.ok()?;
            assert_eq!(head[1] & 0x80, 0, "a server's frames are not masked");
            let len = match head[1] & 0x7f {
                126 => {
                    let mut n = [0u8; 2];
                    tcp.read_exact(&mut n).await.ok()?;
                    usize::from(u16::from_be_bytes(n))
                }
                127 => {
                    let mut n = [0u8; 8];
                    tcp.read_exact(&mut n).await.ok()?;
                    usize::try_from(u64::from_be_bytes(n)).unwrap()
                }
                n => usize::from(n),
            };
            let mut payload = vec![0u8; len];
            tcp.read_exact(&mut payload).await.ok()?;
            if head[0] & 0x0f == CLOSE {
                assert!(payload.len() >= 2, "a close frame with a code");
                return Some(u16::from_be_bytes([payload[0], payload[1]]));
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(10), read)
        .await
        .expect("the server ends the connection")
}

fn one_mib_hello() -> Vec<u8> {
    let handle = "あ".repeat(1024 * 1024 / 3);
    serde_json::json!({"type": "hello", "handle": handle})
        .to_string()
        .into_bytes()
}

#[tokio::test]
async fn every_frame_no_client_may_send_is_answered_with_its_close_code() {
    let server = serve(settings()).await;
    let not_utf8: &[u8] = &[0x7b, 0xff, 0xfe, 0x7d];
    let cases: Vec<(&str, Vec<u8>, u16)> = vec![
        (
            "a text frame that is not UTF-8",
            frame(FIN | TEXT, not_utf8, true),
            close::INVALID_PAYLOAD,
        ),
        (
            "a fragmented text frame that is not UTF-8",
            [
                frame(TEXT, b"{\"a\":", true),
                frame(FIN | CONTINUATION, &[0xc3, 0x28], true),
            ]
            .concat(),
            close::INVALID_PAYLOAD,
        ),
        (
            "an unmasked client frame",
            frame(FIN | TEXT, b"{}", false),
            close::PROTOCOL_ERROR,
        ),
        (
            "a reserved bit (RSV1) without an extension",
            frame(FIN | 0x40 | TEXT, b"{}", true),
            close::PROTOCOL_ERROR,
        ),
        (
            "a reserved bit (RSV3)",
            frame(FIN | 0x10 | TEXT, b"{}", true),
            close::PROTOCOL_ERROR,
        ),
        (
            "an unknown data opcode",
            frame(FIN | 0x3, b"{}", true),
            close::PROTOCOL_ERROR,
        ),
        (
            "an unknown control opcode",
            frame(FIN | 0xb, b"", true),
            close::PROTOCOL_ERROR,
        ),
        (
            "a fragmented control frame",
            frame(PING, b"ping", true),
            close::PROTOCOL_ERROR,
        ),
        (
            "a control frame over 125 bytes",
            frame(FIN | PING, &[b'p'; 126], true),
            close::PROTOCOL_ERROR,
        ),
        (
            "a continuation with nothing to continue",
            frame(FIN | CONTINUATION, b"{}", true),
            close::PROTOCOL_ERROR,
        ),
        (
            "a close frame with a code no endpoint may send (1005)",
            frame(FIN | CLOSE, &1005u16.to_be_bytes(), true),
            close::PROTOCOL_ERROR,
        ),
        (
            "a close frame with an unassigned code (999)",
            frame(FIN | CLOSE, &999u16.to_be_bytes(), true),
            close::PROTOCOL_ERROR,
        ),
        (
            "a message over the size limit",
            frame(FIN | TEXT, &[b'x'; 64 * 1024], true),
            close::TOO_BIG,
        ),
        (
            "a 1 MiB hello",
            frame(FIN | TEXT, &one_mib_hello(), true),
            close::TOO_BIG,
        ),
    ];
    for (what, bytes, code) in cases {
        let mut tcp = upgraded(server.addr()).await;
        // Whatever the server says first, then the frame (a library's first `hello` is
        // not needed: these are refused before any meaning is read).
        tcp.write_all(&bytes).await.unwrap();
        assert_eq!(close_code(&mut tcp).await, Some(code), "{what}");
    }
    // The server is still there for everyone else.
    let mut client = Client::connect(server.addr()).await.unwrap();
    client.hello(Some("まだいる")).await.unwrap();
}

#[tokio::test]
async fn a_ping_flood_closes_the_flooder_not_the_server() {
    let server = serve(settings()).await;
    let mut neighbour = Client::connect(server.addr()).await.unwrap();
    neighbour.hello(Some("となり")).await.unwrap();

    let mut tcp = upgraded(server.addr()).await;
    let ping = frame(FIN | PING, b"!", true);
    let flood: Vec<u8> = std::iter::repeat_n(ping, 1_000).flatten().collect();
    // The server may close before reading it all: a failed write is the flood refused too.
    let _closed_midway_is_fine = tcp.write_all(&flood).await;
    assert_eq!(close_code(&mut tcp).await, Some(close::POLICY));

    // The neighbour's connection and a newcomer's both work.
    let join = serde_json::json!({"type": "join", "room": "lounge"});
    neighbour.send(join).await.unwrap();
    neighbour.recv_type("joined").await.unwrap();
    let mut newcomer = Client::connect(server.addr()).await.unwrap();
    newcomer.hello(Some("あとから")).await.unwrap();
}
