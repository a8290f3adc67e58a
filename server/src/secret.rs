//! Secrets checked with argon2: entry words (合言葉) for family sittings, given out by the
//! organising agency by phone or at the counter, and staff passwords. Neither is ever stored
//! in clear — the catalogue and the staff file hold only argon2 hashes. Checking one costs
//! real CPU on purpose, so it runs off the async threads, and attempts are limited (see
//! `ws::peer`).

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// The longest secret accepted (a longer one is refused without hashing it).
pub const MAX_CHARS: usize = 128;

/// Whether `text` is an argon2 hash the server can check words against.
pub fn valid_hash(text: &str) -> bool {
    PasswordHash::new(text).is_ok_and(|hash| hash.algorithm.as_str().starts_with("argon2"))
}

/// Whether `word` matches `hash` (slow by design; call it from a blocking task). Spaces
/// around it are forgiven.
pub fn matches(word: &str, hash: &str) -> bool {
    let Ok(hash) = PasswordHash::new(hash) else {
        return false;
    };
    Argon2::default()
        .verify_password(word.trim().as_bytes(), &hash)
        .is_ok()
}

/// A hash of `word` for the catalogue or the staff file (argon2id with the crate's default,
/// OWASP-level cost).
pub fn hash(word: &str) -> Result<String, String> {
    let salt_bytes: [u8; 16] = rand::random();
    let salt = SaltString::encode_b64(&salt_bytes).map_err(|err| err.to_string())?;
    Argon2::default()
        .hash_password(word.trim().as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|err| err.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_matches_its_word_only() {
        let hash = hash("さくら 2026").unwrap();
        assert!(valid_hash(&hash));
        assert!(hash.starts_with("$argon2id$"));
        assert!(matches("さくら 2026", &hash));
        // Spaces around it are forgiven (read over the phone, typed on a phone).
        assert!(matches(" さくら 2026 ", &hash));
        assert!(!matches("さくら2026", &hash));
        assert!(!matches("", &hash));
        assert!(!valid_hash("plain text"));
        assert!(!matches("x", "plain text"));
    }
}
