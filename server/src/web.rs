//! The web front end's files, served from memory: embedded in the binary (`embed-web`, what
//! `cargo xtask run` builds) or read once at start from `--web-dir`.
//!
//! Hashed assets are cached for a year; `index.html` is never stored (`no-store`), and gets
//! the operator's quick-exit URL. Compressed variants (`.br`, `.gz`) come precompressed from
//! the bundle, so nothing is compressed per request.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;

/// One file of the bundle.
#[derive(Debug)]
struct Asset {
    raw: Bytes,
    gzip: Option<Bytes>,
    brotli: Option<Bytes>,
    content_type: &'static str,
    /// Content-hashed: may be cached for a year.
    immutable: bool,
}

/// The bundle, by path (`index.html`, `pkg/…`, `assets/…`).
#[derive(Debug)]
pub struct WebAssets {
    files: HashMap<String, Asset>,
}

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("{dir}: cannot read the web bundle: {reason}")]
    Unreadable { dir: String, reason: String },
    #[error("{dir}: the web bundle has no index.html (build it with `cargo xtask web`)")]
    NoIndex { dir: String },
}

impl WebAssets {
    /// Reads every file under `dir` once.
    pub fn from_dir(dir: &Path, exit_url: &str) -> Result<WebAssets, WebError> {
        let unreadable = |err: std::io::Error| WebError::Unreadable {
            dir: dir.display().to_string(),
            reason: err.to_string(),
        };
        let mut files = Vec::new();
        let mut pending: Vec<PathBuf> = vec![dir.to_path_buf()];
        while let Some(next) = pending.pop() {
            for entry in std::fs::read_dir(&next).map_err(unreadable)? {
                let path = entry.map_err(unreadable)?.path();
                if path.is_dir() {
                    pending.push(path);
                } else if let Ok(relative) = path.strip_prefix(dir) {
                    let name = relative.to_string_lossy().replace('\\', "/");
                    files.push((name, std::fs::read(&path).map_err(unreadable)?));
                }
            }
        }
        WebAssets::from_files(files, exit_url).ok_or_else(|| WebError::NoIndex {
            dir: dir.display().to_string(),
        })
    }

    /// The bundle embedded at build time, if this binary has one.
    #[cfg(feature = "embed-web")]
    pub fn embedded(exit_url: &str) -> Option<WebAssets> {
        #[derive(rust_embed::RustEmbed)]
        #[folder = "../target/web-dist/"]
        struct Embedded;

        let files = Embedded::iter().filter_map(|name| {
            let file = Embedded::get(&name)?;
            Some((name.into_owned(), file.data.into_owned()))
        });
        WebAssets::from_files(files, exit_url)
    }

    /// Builds the map; `None` without an `index.html`.
    fn from_files(
        files: impl IntoIterator<Item = (String, Vec<u8>)>,
        exit_url: &str,
    ) -> Option<WebAssets> {
        let mut all: HashMap<String, Vec<u8>> = files.into_iter().collect();
        let index = all.remove("index.html")?;
        let index = String::from_utf8_lossy(&index)
            .replace("{{EXIT_URL}}", &escape_attribute(exit_url))
            .into_bytes();
        let mut assets = HashMap::new();
        assets.insert(
            "index.html".to_owned(),
            Asset {
                raw: Bytes::from(index),
                gzip: None,
                brotli: None,
                content_type: "text/html; charset=utf-8",
                immutable: false,
            },
        );
        let names: Vec<String> = all
            .keys()
            .filter(|name| !name.ends_with(".gz") && !name.ends_with(".br"))
            .cloned()
            .collect();
        for name in names {
            let Some(raw) = all.remove(&name) else {
                continue;
            };
            let asset = Asset {
                raw: Bytes::from(raw),
                gzip: all.remove(&format!("{name}.gz")).map(Bytes::from),
                brotli: all.remove(&format!("{name}.br")).map(Bytes::from),
                content_type: content_type(&name),
                immutable: name.starts_with("pkg/") || name.starts_with("assets/"),
            };
            assets.insert(name, asset);
        }
        Some(WebAssets { files: assets })
    }

    /// The response for a request path, or `None` if the bundle has no such file.
    pub fn response(&self, path: &str, headers: &HeaderMap) -> Option<Response> {
        let name = match path.trim_start_matches('/') {
            "" => "index.html",
            other => other,
        };
        let asset = self.files.get(name)?;
        let accepts = headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let br = asset.brotli.as_ref().map(|b| (b, quality(accepts, "br")));
        let gz = asset.gzip.as_ref().map(|b| (b, quality(accepts, "gzip")));
        let (body, encoding) = match (br, gz) {
            // The client's preference; brotli on a tie (it is smaller).
            (Some((br, qb)), gz) if qb > 0.0 && gz.is_none_or(|(_, qg)| qb >= qg) => {
                (br.clone(), Some("br"))
            }
            (_, Some((gz, qg))) if qg > 0.0 => (gz.clone(), Some("gzip")),
            _ => (asset.raw.clone(), None),
        };
        let mut response = Response::new(Body::from(body));
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(asset.content_type),
        );
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(if asset.immutable {
                // Private: never kept by a shared cache between the person and us.
                "private, max-age=31536000, immutable"
            } else {
                // The page itself is never written to the browser's cache.
                "no-store"
            }),
        );
        if asset.gzip.is_some() || asset.brotli.is_some() {
            headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        if let Some(encoding) = encoding {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
        }
        Some(response)
    }
}

/// How much an `Accept-Encoding` value wants `coding` (its q-value): 0 when refused or not
/// listed (unless `*` covers it).
fn quality(accept: &str, coding: &str) -> f32 {
    let mut wildcard = 0.0;
    for part in accept.split(',') {
        let mut pieces = part.split(';');
        let name = pieces.next().unwrap_or_default().trim();
        let q = pieces
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if name.eq_ignore_ascii_case(coding) {
            return q;
        }
        if name == "*" {
            wildcard = q;
        }
    }
    wildcard
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "ftl" => "text/plain; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// What `/` says when this binary has no web bundle.
pub fn not_built() -> Response {
    let page = "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Ibasho</title>\
        <p>This Ibasho server was built without its web front end. \
        Run <code>cargo xtask run</code>, or start it with <code>--web-dir target/web-dist</code> \
        after <code>cargo xtask web</code>. The WebSocket API is at <code>/ws</code>.</p></html>";
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        page,
    )
        .into_response()
}

/// The headers every response carries: a strict CSP (no inline script, no other origin, no
/// framing), no referrer, no sniffing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
    manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

pub fn add_security_headers(headers: &mut HeaderMap) {
    let set = |headers: &mut HeaderMap, name: header::HeaderName, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(
        headers,
        header::CONTENT_SECURITY_POLICY,
        CONTENT_SECURITY_POLICY,
    );
    set(headers, header::REFERRER_POLICY, "no-referrer");
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(
        headers,
        header::HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    );
    set(
        headers,
        header::HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        headers,
        header::HeaderName::from_static("cross-origin-resource-policy"),
        "same-origin",
    );
    if !headers.contains_key(header::CACHE_CONTROL) {
        set(headers, header::CACHE_CONTROL, "no-store");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_encoding_is_read_with_q_values() {
        assert_eq!(quality("gzip, deflate, br, zstd", "br"), 1.0);
        assert_eq!(quality("gzip;q=0.8", "gzip"), 0.8);
        assert_eq!(quality("gzip;q=0", "gzip"), 0.0);
        assert_eq!(quality("identity", "gzip"), 0.0);
        assert_eq!(quality("", "br"), 0.0);
        assert_eq!(quality("*;q=0.5", "br"), 0.5);
        assert_eq!(quality("br;q=0, *", "br"), 0.0);
    }

    fn negotiated(accept: &str) -> Option<String> {
        let assets = WebAssets::from_files(
            [
                ("index.html".to_owned(), b"x".to_vec()),
                ("pkg/a.js".to_owned(), b"raw".to_vec()),
                ("pkg/a.js.gz".to_owned(), b"gz".to_vec()),
                ("pkg/a.js.br".to_owned(), b"br".to_vec()),
            ],
            "",
        )
        .unwrap();
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(accept).unwrap(),
        );
        let response = assets.response("/pkg/a.js", &headers).unwrap();
        response
            .headers()
            .get(header::CONTENT_ENCODING)
            .map(|v| v.to_str().unwrap().to_owned())
    }

    #[test]
    fn the_client_preference_picks_the_encoding() {
        assert_eq!(negotiated("gzip, br").as_deref(), Some("br"));
        assert_eq!(negotiated("br;q=0.1, gzip").as_deref(), Some("gzip"));
        assert_eq!(negotiated("gzip").as_deref(), Some("gzip"));
        assert_eq!(negotiated("*").as_deref(), Some("br"));
        assert_eq!(negotiated("identity").as_deref(), None);
    }

    #[test]
    fn the_exit_url_is_escaped_into_the_page() {
        let assets = WebAssets::from_files(
            [(
                "index.html".to_owned(),
                b"<meta content=\"{{EXIT_URL}}\">".to_vec(),
            )],
            "https://example.org/?a=1&b=\"x\"",
        )
        .unwrap();
        let index = &assets.files["index.html"].raw;
        assert_eq!(
            std::str::from_utf8(index).unwrap(),
            "<meta content=\"https://example.org/?a=1&amp;b=&quot;x&quot;\">"
        );
    }

    #[test]
    fn the_csp_allows_no_inline_script_and_no_framing() {
        let script = CONTENT_SECURITY_POLICY
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .unwrap();
        let tokens: Vec<&str> = script.split_whitespace().collect();
        assert!(!tokens.contains(&"'unsafe-inline'") && !tokens.contains(&"'unsafe-eval'"));
        assert!(CONTENT_SECURITY_POLICY.contains("frame-ancestors 'none'"));
    }
}
