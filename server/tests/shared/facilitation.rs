//! A facilitator on one node steers members on another: the round and its floor live in
//! Redis, and every node hears of a change.

use std::sync::Arc;

use ibasho_server::staff::StaffAccounts;
use ibasho_tests::{Client, RedisServer, room_state, staff_hello};
use serde_json::{Value, json};

use crate::support::{serve, settings};

fn staff() -> StaffAccounts {
    crate::support::staff("ひかり", "facilitator")
}

async fn state(client: &mut Client) -> Value {
    client.recv_type("room_state").await.unwrap()
}

#[tokio::test]
async fn a_round_started_on_one_node_holds_on_every_node() {
    let redis = RedisServer::start().unwrap();
    let mut settings = settings(&redis, "ibasho-facilitation:");
    settings.staff = Arc::new(staff());
    let a = serve(settings.clone()).await;
    let b = serve(settings).await;

    let mut facilitator = Client::connect(a.addr()).await.unwrap();
    let sign_in = staff_hello("ひかり", "pass phrase 42");
    facilitator.hello_with(sign_in).await.unwrap();
    facilitator.join("lounge").await.unwrap();
    let mut members = Vec::new();
    for handle in ["あき", "いと"] {
        members.push(Client::member(b.addr(), handle, "lounge").await.unwrap());
    }

    facilitator
        .send(json!({"type":"facilitate","room":"lounge","action":"start_round"}))
        .await
        .unwrap();
    for member in &mut members {
        assert_eq!(
            state(member).await["floor"],
            json!({"handle":"あき","turn":1,"turns":2})
        );
    }
    // The node of the members knows whose turn it is.
    members[1].say("lounge", "まだです", "i1").await.unwrap();
    assert_eq!(
        members[1].recv_error().await.unwrap()["code"],
        "not_your_turn"
    );
    members[0].say("lounge", "あきです", "a1").await.unwrap();
    assert_eq!(
        facilitator.recv_type("message").await.unwrap()["text"],
        "あきです"
    );
    // Passing on node B moves the floor for the facilitator on node A.
    members[0]
        .send(json!({"type":"pass","room":"lounge"}))
        .await
        .unwrap();
    assert_eq!(state(&mut facilitator).await["floor"]["handle"], "いと");
    facilitator
        .send(json!({"type":"facilitate","room":"lounge","action":"end_round"}))
        .await
        .unwrap();
    for member in &mut members {
        let mut last = state(member).await;
        while last.get("floor").is_some() {
            last = state(member).await;
        }
        assert_eq!(last, room_state("lounge", json!({})));
    }
    members[0].say("lounge", "また話せる", "a2").await.unwrap();
    members[0].recv_type("message").await.unwrap();
}

/// Guessing a staff member's password (or an entry word) on several nodes buys no more
/// attempts: the allowance is counted in Redis, for every node together.
#[tokio::test]
async fn every_node_draws_on_one_sign_in_allowance() {
    let redis = RedisServer::start().unwrap();
    let mut settings = settings(&redis, "ibasho-attempts:");
    settings.staff = Arc::new(staff());
    settings.limits.staff_logins_per_name = 4;
    let a = serve(settings.clone()).await;
    let b = serve(settings).await;
    let mut codes = Vec::new();
    for addr in [a.addr(), b.addr(), a.addr(), b.addr(), a.addr(), b.addr()] {
        let mut guesser = Client::connect(addr).await.unwrap();
        let refused = guesser.refusal(staff_hello("ひかり", "guess")).await;
        codes.push(refused.unwrap()["code"].as_str().unwrap().to_owned());
    }
    assert_eq!(codes[..4], ["staff_login_refused"; 4]);
    assert_eq!(codes[4..], ["rate_limited"; 2]);
}

/// Guessing a family room's entry word from many connections on several nodes buys no more
/// attempts: the room's allowance is counted in Redis, for every node together.
#[tokio::test]
async fn every_node_draws_on_one_entry_word_allowance() {
    use argon2::password_hash::{PasswordHasher, SaltString};
    use argon2::{Algorithm, Argon2, Params, Version};
    let params = Params::new(8, 1, 1, None).unwrap();
    let salt = SaltString::encode_b64(b"ibasho-test-salt").unwrap();
    let hash = Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password("あじさい".as_bytes(), &salt)
        .unwrap()
        .to_string();
    let catalogue = format!(
        "[[room]]\nid = \"kazokukai\"\ntitle = \"家族会\"\ndescription = \"合言葉\"\n\
         kind = \"family\"\nentry_word_hash = \"{hash}\"\ncapacity = 10\nopen = \"always\"\n"
    );
    let redis = RedisServer::start().unwrap();
    let mut settings = settings(&redis, "ibasho-words:");
    settings.limits.entry_words_per_room = 6;
    let a = crate::support::serve_catalogue(settings.clone(), &catalogue).await;
    let b = crate::support::serve_catalogue(settings, &catalogue).await;
    let mut codes = Vec::new();
    // A new connection (and so a fresh per-connection allowance) for every two guesses,
    // alternating nodes.
    for (round, addr) in [a.addr(), b.addr(), a.addr(), b.addr(), a.addr()]
        .into_iter()
        .enumerate()
    {
        let mut guesser = Client::connect(addr).await.unwrap();
        guesser
            .hello_with(json!({"type":"hello","role":"family"}))
            .await
            .unwrap();
        for n in 0..2 {
            let guess =
                json!({"type":"join","room":"kazokukai","entry_word": format!("g{round}{n}")});
            let refused = guesser.refusal(guess).await.unwrap();
            codes.push(refused["code"].as_str().unwrap().to_owned());
        }
    }
    assert_eq!(codes[..6], ["entry_word_refused"; 6], "{codes:?}");
    assert_eq!(codes[6..], ["rate_limited"; 4], "{codes:?}");
}
