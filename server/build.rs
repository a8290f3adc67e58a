//! With `embed-web`, rebuild when the web bundle changes: its file names carry content hashes,
//! so new files appear that the embedding macro alone would not notice.

fn main() {
    if std::env::var_os("CARGO_FEATURE_EMBED_WEB").is_some() {
        println!("cargo:rerun-if-changed=../target/web-dist");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
