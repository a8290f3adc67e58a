//! Session tokens: the only secret a participant holds.
//!
//! The type has no `Display` and a redacting `Debug`, so a token cannot end up in a log line
//! by a stray `{:?}`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;

/// An opaque, unguessable session token (256 random bits, base64url).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SessionToken(String);

impl SessionToken {
    /// A fresh token from the operating system's CSPRNG (through `rand`'s thread generator).
    pub fn generate() -> SessionToken {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        SessionToken(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// A token a client sent back; shape-checked so that arbitrary text is never used as a key.
    pub fn from_client(text: &str) -> Option<SessionToken> {
        let well_formed = text.len() == 43
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        well_formed.then(|| SessionToken(text.to_owned()))
    }

    /// The token itself, for the `welcome` frame and storage keys. Never for logs.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionToken(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_distinct_and_round_trip() {
        let a = SessionToken::generate();
        let b = SessionToken::generate();
        assert_ne!(a, b);
        assert_eq!(SessionToken::from_client(a.expose()), Some(a.clone()));
        assert!(!format!("{a:?}").contains(a.expose()));
    }

    #[test]
    fn malformed_tokens_are_refused() {
        assert_eq!(SessionToken::from_client(""), None);
        assert_eq!(SessionToken::from_client("short"), None);
        assert_eq!(
            SessionToken::from_client(&format!("{}!", "a".repeat(42))),
            None
        );
    }
}
