//! A real headless Chromium, driven over WebDriver (chromedriver + fantoccini), for the
//! browser tests. Each browser gets a fresh profile directory; chromedriver runs in its own
//! process group so that no browser outlives a test run.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use fantoccini::elements::Element;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use tokio::process::{Child, Command};

use crate::STEP;

/// A port nobody listens on right now.
pub fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// The chromedriver process.
pub struct Chromedriver {
    child: Child,
    url: String,
}

impl Chromedriver {
    pub async fn start(path: &Path) -> Result<Chromedriver> {
        let port = free_port()?;
        let child = Command::new(path)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("cannot start {}", path.display()))?;
        let url = format!("http://127.0.0.1:{port}");
        tokio::time::timeout(STEP, async {
            while tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_err()
            {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        })
        .await
        .context("chromedriver did not start")?;
        Ok(Chromedriver { child, url })
    }

    /// A new headless Chromium with an empty profile.
    pub async fn browser(&self) -> Result<Browser> {
        let profile = tempfile::tempdir()?;
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-dev-shm-usage",
            "--window-size=1000,1100",
            &format!("--user-data-dir={}", profile.path().display()),
        ];
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": { "args": args, "binary": chromium_binary() },
            "goog:loggingPrefs": { "performance": "ALL" },
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            bail!("capabilities are an object");
        };
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&self.url)
            .await
            .context("cannot start a browser session")?;
        Ok(Browser {
            client,
            _profile: profile,
        })
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        // kill_on_drop ends chromedriver itself; a browser it leaves behind is ended by its
        // own `Browser` (found by its unique profile directory).
        let _ = self.child.start_kill();
    }
}

fn chromium_binary() -> String {
    std::env::var("IBASHO_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned())
}

/// One browser window.
pub struct Browser {
    pub client: Client,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        // A test that failed never closed its session: end this browser's processes, found by
        // the profile directory that only they have on their command line. (Never a process
        // group: `kill -SIG -PID` from procps reads a negative number as "every process".)
        let _ = std::process::Command::new("pkill")
            .args(["-KILL", "-f", "--"])
            .arg(self._profile.path())
            .status();
    }
}

impl Browser {
    pub async fn open(&self, url: &str) -> Result<()> {
        self.client.goto(url).await?;
        Ok(())
    }

    /// The first element matching `css`, waiting for it to appear.
    pub async fn wait_for(&self, css: &str) -> Result<Element> {
        self.client
            .wait()
            .at_most(STEP)
            .for_element(Locator::Css(css))
            .await
            .with_context(|| format!("no {css:?} appeared"))
    }

    /// Waits until some element matching `css` contains `text`.
    pub async fn wait_for_text(&self, css: &str, text: &str) -> Result<Element> {
        let deadline = tokio::time::Instant::now() + STEP;
        loop {
            for element in self.client.find_all(Locator::Css(css)).await? {
                if element.text().await.unwrap_or_default().contains(text) {
                    return Ok(element);
                }
            }
            if tokio::time::Instant::now() > deadline {
                bail!("no {css:?} with {text:?} appeared");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The texts of every element matching `css` now, read in one step in the page: asking
    /// element by element raced the app re-rendering a list (a stale element reference).
    pub async fn texts(&self, css: &str) -> Result<Vec<String>> {
        let script = "return Array.from(document.querySelectorAll(arguments[0]))\
                      .map(element => element.innerText.trim());";
        let texts = self
            .client
            .execute(script, vec![Value::String(css.to_owned())])
            .await?;
        Ok(serde_json::from_value(texts)?)
    }

    /// Runs JavaScript in the page; `arguments[0]…` are `args`.
    pub async fn js(&self, script: &str) -> Result<Value> {
        Ok(self.client.execute(script, Vec::new()).await?)
    }

    /// Runs axe-core (its source in `axe`) on the page as it is now, at WCAG 2.2 AA, and
    /// returns the violations as "rule (impact): the first elements" lines.
    pub async fn accessibility_violations(&self, axe: &str) -> Result<Vec<String>> {
        self.client
            .execute(&format!("{axe}\n;return true;"), Vec::new())
            .await?;
        let script = "const done = arguments[arguments.length - 1];\
            axe.run(document, {runOnly: {type: 'tag', values: \
              ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})\
              .then(result => done(result.violations.map(v => v.id + ' (' + v.impact + '): ' + \
                v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))\
              .catch(error => done(['axe failed: ' + error]));";
        let found = self.client.execute_async(script, Vec::new()).await?;
        Ok(serde_json::from_value(found)?)
    }

    /// What a person sees of the last element matching `css`: `"ok"` when it has a size,
    /// lies inside what is visible of the page (the visual viewport: the part the on-screen
    /// keyboard leaves), and is what a tap at its centre reaches (`elementFromPoint`);
    /// otherwise why not.
    pub async fn seen(&self, css: &str) -> Result<String> {
        let script = "const all = document.querySelectorAll(arguments[0]);
            const e = all[all.length - 1];
            if (!e) return 'missing';
            const r = e.getBoundingClientRect();
            if (r.width < 1 || r.height < 1) return 'no size';
            const vv = window.visualViewport;
            const top = vv ? vv.offsetTop : 0;
            const height = vv ? vv.height : window.innerHeight;
            const width = vv ? vv.width : window.innerWidth;
            if (r.top < top - 1 || r.bottom > top + height + 1 || r.left < -1 || r.right > width + 1)
              return 'outside the view: ' + JSON.stringify({top: r.top, bottom: r.bottom,
                left: r.left, right: r.right, view_top: top, view_height: height});
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            if (!hit || !(hit === e || e.contains(hit)))
              return 'covered by ' + (hit ? hit.outerHTML.slice(0, 120) : 'nothing');
            return 'ok';";
        let seen = self
            .client
            .execute(script, vec![Value::String(css.to_owned())])
            .await?;
        Ok(seen.as_str().unwrap_or("not a string").to_owned())
    }

    /// Waits until the last element matching `css` is seen (see [`Browser::seen`]).
    pub async fn wait_seen(&self, css: &str) -> Result<()> {
        let deadline = tokio::time::Instant::now() + STEP;
        loop {
            let seen = self.seen(css).await?;
            if seen == "ok" {
                return Ok(());
            }
            if tokio::time::Instant::now() > deadline {
                bail!("{css:?} is not seen: {seen}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// A Chrome DevTools Protocol command through chromedriver (to emulate a dark system
    /// theme, say).
    pub async fn cdp(&self, cmd: &str, params: Value) -> Result<Value> {
        Ok(self
            .client
            .issue_cmd(ChromeCommand {
                path: "goog/cdp/execute",
                body: json!({ "cmd": cmd, "params": params }),
            })
            .await?)
    }

    pub async fn screenshot_to(&self, path: &Path) -> Result<()> {
        let png = self.client.screenshot().await?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, png)?;
        Ok(())
    }

    /// Every URL the page asked for (HTTP requests and WebSockets), from Chromium's network
    /// log since the last call.
    pub async fn network_requests(&self) -> Result<Vec<String>> {
        let log = self.client.issue_cmd(performance_log()).await?;
        let mut urls = Vec::new();
        for entry in log
            .as_array()
            .ok_or_else(|| anyhow!("log is not a list: {log}"))?
        {
            let Some(message) = entry["message"].as_str() else {
                continue;
            };
            let message: Value = serde_json::from_str(message)?;
            let event = &message["message"];
            match event["method"].as_str() {
                Some("Network.requestWillBeSent") => {
                    if let Some(url) = event["params"]["request"]["url"].as_str() {
                        urls.push(url.to_owned());
                    }
                }
                Some("Network.webSocketCreated") => {
                    if let Some(url) = event["params"]["url"].as_str() {
                        urls.push(url.to_owned());
                    }
                }
                _ => {}
            }
        }
        Ok(urls)
    }

    /// The WebSocket frames the page sent and received (for diagnosing a failed test).
    pub async fn websocket_frames(&self) -> Result<Vec<String>> {
        let log = self.client.issue_cmd(performance_log()).await?;
        let mut frames = Vec::new();
        for entry in log.as_array().into_iter().flatten() {
            let Some(message) = entry["message"].as_str() else {
                continue;
            };
            let message: Value = serde_json::from_str(message)?;
            let event = &message["message"];
            let direction = match event["method"].as_str() {
                Some("Network.webSocketFrameSent") => "→",
                Some("Network.webSocketFrameReceived") => "←",
                Some("Network.webSocketClosed") => "× closed",
                Some("Network.webSocketCreated") => "+ opened",
                _ => continue,
            };
            let payload = event["params"]["response"]["payloadData"]
                .as_str()
                .unwrap_or_default();
            frames.push(format!("{direction} {payload}"));
        }
        Ok(frames)
    }

    pub async fn close(self) -> Result<()> {
        self.client.clone().close().await?;
        Ok(())
    }
}

/// A command of chromedriver's own (not W3C WebDriver, so not in fantoccini): a POST of
/// `body` to `session/{id}/{path}` — its log (`se/log`) or DevTools (`goog/cdp/execute`).
#[derive(Debug)]
struct ChromeCommand {
    path: &'static str,
    body: Value,
}

impl WebDriverCompatibleCommand for ChromeCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

/// Chromium's performance log since the last call.
fn performance_log() -> ChromeCommand {
    ChromeCommand {
        path: "se/log",
        body: json!({ "type": "performance" }),
    }
}

/// Where the browser tests find what `cargo xtask test` prepared.
pub struct Setup {
    pub server_binary: PathBuf,
    pub chromedriver: PathBuf,
    pub artifacts: PathBuf,
    /// axe-core's `axe.min.js` (`IBASHO_AXE`), for the accessibility checks.
    pub axe: PathBuf,
}

impl Setup {
    /// Reads `IBASHO_BIN`, `IBASHO_CHROMEDRIVER` and `IBASHO_ARTIFACTS`.
    pub fn from_env() -> Result<Setup> {
        let var = |name: &str| {
            std::env::var(name).with_context(|| {
                format!("{name} is not set: run the browser tests with `cargo xtask test`")
            })
        };
        Ok(Setup {
            server_binary: var("IBASHO_BIN")?.into(),
            chromedriver: var("IBASHO_CHROMEDRIVER")?.into(),
            artifacts: std::env::var("IBASHO_ARTIFACTS")
                .unwrap_or_else(|_| "target/e2e".into())
                .into(),
            axe: var("IBASHO_AXE")?.into(),
        })
    }
}
