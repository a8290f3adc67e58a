//! Family sittings with an entry word (合言葉): only its argon2 hash is in the catalogue,
//! wrong words are refused and limited per connection and per room, and the refusal never
//! says whether a room exists.

use std::sync::Arc;

use argon2::password_hash::{PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use ibasho_server::clock::SystemClock;
use ibasho_tests::Client;
use serde_json::{Value, json};

use crate::support::{serve_catalogue, settings};

/// A cheap hash (tests run unoptimised); the CLI makes costly ones.
pub fn cheap_hash(word: &str) -> String {
    let params = Params::new(8, 1, 1, None).unwrap();
    let salt = SaltString::encode_b64(b"ibasho-test-salt").unwrap();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password(word.as_bytes(), &salt)
        .unwrap()
        .to_string()
}

fn catalogue() -> String {
    format!(
        r#"
[[room]]
id = "kazokukai"
title = "家族会"
description = "合言葉が必要です"
kind = "family"
entry_word_hash = "{}"
capacity = 10
open = "always"
"#,
        cheap_hash("あじさい")
    )
}

async fn family(addr: std::net::SocketAddr) -> Client {
    let mut client = Client::connect(addr).await.unwrap();
    client
        .send(json!({"type":"hello","role":"family"}))
        .await
        .unwrap();
    let welcome = client.recv_type("welcome").await.unwrap();
    assert_eq!(welcome["resumed"], false);
    client
}

async fn answer(client: &mut Client, join: Value) -> Value {
    client.send(join).await.unwrap();
    loop {
        let frame = client.recv().await.unwrap();
        if frame["type"] == "joined" || frame["type"] == "error" {
            return frame;
        }
    }
}

#[tokio::test]
async fn the_right_word_opens_the_room_and_wrong_ones_are_refused_and_limited() {
    let server = serve_catalogue(settings(), Arc::new(SystemClock), &catalogue()).await;
    let list = crate::http::get_json(server.addr(), "/api/rooms").await;
    assert_eq!(list[0]["entry_word"], true);
    let text = serde_json::to_string(&list).unwrap();
    assert!(!text.contains("argon2"), "the hash is not published");

    let mut guest = family(server.addr()).await;
    let missing = answer(&mut guest, json!({"type":"join","room":"kazokukai"})).await;
    assert_eq!(missing["code"], "entry_word_refused");
    let wrong = answer(
        &mut guest,
        json!({"type":"join","room":"kazokukai","entry_word":"ひまわり"}),
    )
    .await;
    assert_eq!(wrong["code"], "entry_word_refused");
    // A word for a room that does not exist gets the very same answer.
    let nowhere = answer(
        &mut guest,
        json!({"type":"join","room":"himitsu","entry_word":"ひまわり"}),
    )
    .await;
    assert_eq!(nowhere["code"], wrong["code"]);
    assert_eq!(nowhere["message"], wrong["message"]);

    let joined = answer(
        &mut guest,
        json!({"type":"join","room":"kazokukai","entry_word":" あじさい "}),
    )
    .await;
    assert_eq!(joined["type"], "joined", "{joined}");
    // Once in, a resync needs no word.
    let again = answer(&mut guest, json!({"type":"join","room":"kazokukai"})).await;
    assert_eq!(again["type"], "joined");

    // Guessing: five attempts a minute per connection, then only waiting helps.
    let mut guesser = family(server.addr()).await;
    let mut codes = Vec::new();
    for n in 0..7 {
        let frame = answer(
            &mut guesser,
            json!({"type":"join","room":"kazokukai","entry_word": format!("guess{n}")}),
        )
        .await;
        codes.push(frame["code"].as_str().unwrap().to_owned());
    }
    assert_eq!(codes[..5], ["entry_word_refused"; 5]);
    assert_eq!(codes[5..], ["rate_limited"; 2]);
    // Even the right word waits its turn.
    let limited = answer(
        &mut guesser,
        json!({"type":"join","room":"kazokukai","entry_word":"あじさい"}),
    )
    .await;
    assert_eq!(limited["code"], "rate_limited");
    assert!(limited["retry_after_ms"].as_u64().unwrap() > 1000);
}

#[tokio::test]
async fn many_connections_cannot_share_out_the_guessing() {
    let mut settings = settings();
    settings.limits.entry_words_per_room = 8;
    let server = serve_catalogue(settings, Arc::new(SystemClock), &catalogue()).await;
    let mut refused = 0;
    let mut limited = 0;
    for round in 0..4 {
        let mut client = family(server.addr()).await;
        for n in 0..3 {
            let frame = answer(
                &mut client,
                json!({"type":"join","room":"kazokukai","entry_word": format!("g{round}{n}")}),
            )
            .await;
            match frame["code"].as_str() {
                Some("entry_word_refused") => refused += 1,
                Some("rate_limited") => limited += 1,
                other => panic!("unexpected {other:?}"),
            }
        }
    }
    assert_eq!((refused, limited), (8, 4));
}

#[tokio::test]
async fn a_catalogue_with_the_word_in_clear_is_refused() {
    let text = catalogue().replace(&cheap_hash("あじさい"), "あじさい");
    let err = ibasho_server::catalogue::Catalogue::parse(&text, "rooms.toml").unwrap_err();
    let message = err.to_string();
    assert!(message.contains("rooms.toml:7:"), "{message}");
    assert!(message.contains("hash-entry-word"), "{message}");
}
