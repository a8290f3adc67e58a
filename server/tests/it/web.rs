//! The web front end's files: served from a bundle folder with the right types, caching,
//! precompressed encodings and security headers; and a clear page when there is no bundle.

use std::path::Path;

use ibasho_server::settings::Settings;

use crate::support::{serve, settings};

/// A GET with headers; returns status, lower-cased headers and body bytes.
async fn get(
    addr: std::net::SocketAddr,
    path: &str,
    extra: &str,
) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let response = ibasho_tests::http::get(addr, path, extra).await.unwrap();
    (response.status, response.headers, response.body)
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Test settings serving a small bundle written to `dir`.
fn settings_with_bundle(dir: &Path) -> Settings {
    write_bundle(dir);
    let mut settings = settings();
    settings.web_dir = Some(dir.to_owned());
    settings
}

fn write_bundle(dir: &Path) {
    std::fs::create_dir_all(dir.join("pkg")).unwrap();
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(
        dir.join("index.html"),
        r#"<!doctype html><meta name="ibasho-exit-url" content="{{EXIT_URL}}"><script type="module" src="/assets/boot-1.js"></script>"#,
    )
    .unwrap();
    std::fs::write(dir.join("pkg/app-abc.wasm"), b"\0asm-raw").unwrap();
    std::fs::write(dir.join("pkg/app-abc.wasm.gz"), b"gzip-bytes").unwrap();
    std::fs::write(dir.join("pkg/app-abc.wasm.br"), b"brotli-bytes").unwrap();
    std::fs::write(
        dir.join("assets/boot-1.js"),
        b"import init from '/pkg/app.js';",
    )
    .unwrap();
    std::fs::write(dir.join("assets/style-2.css"), b"body{}").unwrap();
}

#[tokio::test]
async fn the_page_has_strict_security_headers_and_is_never_cached() {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = settings_with_bundle(dir.path());
    settings.exit_url = "https://weather.example/?q=a&b".into();
    let server = serve(settings).await;
    let (status, headers, body) = get(server.addr(), "/", "").await;
    assert_eq!(status, 200);
    assert_eq!(
        header(&headers, "content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(header(&headers, "cache-control"), Some("no-store"));
    assert_eq!(header(&headers, "referrer-policy"), Some("no-referrer"));
    assert_eq!(header(&headers, "x-content-type-options"), Some("nosniff"));
    let csp = header(&headers, "content-security-policy").unwrap();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(csp.contains("default-src 'none'"), "{csp}");
    let script = csp
        .split(';')
        .find(|d| d.trim().starts_with("script-src"))
        .unwrap();
    assert!(!script.contains("'unsafe-inline'"), "{csp}");
    let page = String::from_utf8(body).unwrap();
    assert!(
        page.contains(r#"content="https://weather.example/?q=a&amp;b""#),
        "{page}"
    );
}

#[tokio::test]
async fn hashed_assets_are_long_cached_typed_and_precompressed() {
    let dir = tempfile::tempdir().unwrap();
    let server = serve(settings_with_bundle(dir.path())).await;
    let addr = server.addr();

    let (status, headers, body) = get(
        addr,
        "/pkg/app-abc.wasm",
        "Accept-Encoding: gzip, deflate, br\r\n",
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "content-type"), Some("application/wasm"));
    assert_eq!(header(&headers, "content-encoding"), Some("br"));
    assert_eq!(header(&headers, "vary"), Some("accept-encoding"));
    assert_eq!(
        header(&headers, "cache-control"),
        Some("private, max-age=31536000, immutable")
    );
    assert_eq!(body, b"brotli-bytes");

    let (_, headers, body) = get(addr, "/pkg/app-abc.wasm", "Accept-Encoding: gzip\r\n").await;
    assert_eq!(header(&headers, "content-encoding"), Some("gzip"));
    assert_eq!(body, b"gzip-bytes");

    let (_, headers, body) = get(addr, "/pkg/app-abc.wasm", "").await;
    assert_eq!(header(&headers, "content-encoding"), None);
    assert_eq!(body, b"\0asm-raw");

    let (_, headers, _) = get(addr, "/assets/boot-1.js", "").await;
    assert_eq!(
        header(&headers, "content-type"),
        Some("text/javascript; charset=utf-8")
    );
    let (_, headers, _) = get(addr, "/assets/style-2.css", "").await;
    assert_eq!(
        header(&headers, "content-type"),
        Some("text/css; charset=utf-8")
    );

    let (status, headers, _) = get(addr, "/pkg/missing.js", "").await;
    assert_eq!(status, 404);
    assert!(header(&headers, "content-security-policy").is_some());
    // The API keeps working beside the files, and is not cached either.
    let (status, headers, _) = get(addr, "/api/rooms", "").await;
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "cache-control"), Some("no-store"));
}

#[tokio::test]
async fn without_a_bundle_the_page_says_how_to_build_one() {
    let server = serve(settings()).await;
    let (status, headers, body) = get(server.addr(), "/", "").await;
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "cache-control"), Some("no-store"));
    assert!(String::from_utf8(body).unwrap().contains("cargo xtask run"));
}

#[tokio::test]
async fn a_bundle_folder_without_index_fails_the_start_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = settings();
    settings.web_dir = Some(dir.path().to_owned());
    let catalogue = ibasho_server::catalogue::Catalogue::built_in().unwrap();
    let result = ibasho_server::start_with(
        settings,
        catalogue,
        std::sync::Arc::new(ibasho_server::store::MemoryStore::new()),
        std::sync::Arc::new(ibasho_server::clock::SystemClock),
    )
    .await;
    let err = result.err().expect("refused").to_string();
    assert!(
        err.contains("index.html") && err.contains("cargo xtask web"),
        "{err}"
    );
}
