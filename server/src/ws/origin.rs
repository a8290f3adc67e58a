//! Cross-site WebSocket hijacking protection: a browser page from another site must not be
//! able to open a connection (browsers send `Origin`; CORS does not apply to WebSockets).

use axum::http::HeaderValue;

/// Whether an upgrade with this `Origin` may proceed.
///
/// - No `Origin`: not a browser (a script, a load tool) — allowed.
/// - An allow-list is configured: the origin must be on it (scheme, host and port).
/// - Otherwise: same origin only — the origin's host and port equal the `Host` header.
pub fn origin_allowed(
    origin: Option<&HeaderValue>,
    host: Option<&HeaderValue>,
    allowed: &[String],
) -> bool {
    let Some(origin) = origin else {
        return true;
    };
    let Ok(origin) = origin.to_str() else {
        return false;
    };
    let origin = origin.trim().trim_end_matches('/');
    if !allowed.is_empty() {
        return allowed
            .iter()
            .any(|a| a.trim().trim_end_matches('/').eq_ignore_ascii_case(origin));
    }
    let authority = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    match (authority, host.and_then(|h| h.to_str().ok())) {
        (Some(authority), Some(host)) => authority.eq_ignore_ascii_case(host.trim()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(origin: Option<&str>, host: Option<&str>, allowed: &[&str]) -> bool {
        let origin = origin.map(|o| HeaderValue::from_str(o).unwrap());
        let host = host.map(|h| HeaderValue::from_str(h).unwrap());
        let allowed: Vec<String> = allowed.iter().map(|s| s.to_string()).collect();
        origin_allowed(origin.as_ref(), host.as_ref(), &allowed)
    }

    #[test]
    fn no_origin_is_not_a_browser_and_is_allowed() {
        assert!(check(None, Some("localhost:8080"), &[]));
    }

    #[test]
    fn same_origin_by_default() {
        assert!(check(
            Some("http://localhost:8080"),
            Some("localhost:8080"),
            &[]
        ));
        assert!(check(
            Some("https://ibasho.example"),
            Some("ibasho.example"),
            &[]
        ));
        assert!(!check(
            Some("http://evil.example"),
            Some("localhost:8080"),
            &[]
        ));
        assert!(!check(
            Some("http://localhost:9999"),
            Some("localhost:8080"),
            &[]
        ));
        assert!(!check(Some("null"), Some("localhost:8080"), &[]));
        assert!(!check(Some("http://localhost:8080"), None, &[]));
    }

    #[test]
    fn allow_list_replaces_same_origin() {
        let allowed = ["https://ibasho.example.org", "http://localhost:3000/"];
        assert!(check(
            Some("https://ibasho.example.org"),
            Some("internal:8080"),
            &allowed
        ));
        assert!(check(
            Some("http://localhost:3000"),
            Some("internal:8080"),
            &allowed
        ));
        assert!(!check(
            Some("http://internal:8080"),
            Some("internal:8080"),
            &allowed
        ));
        assert!(!check(
            Some("https://ibasho.example.org.evil"),
            Some("x"),
            &allowed
        ));
    }
}
