//! The desk in a real browser: Debian's `chromium` driven through `chromedriver` (WebDriver),
//! both installed by `.ci/run`. The page is used as an editor uses it: filters, an edit the
//! gate refuses, the fix, the keyboard, a reload, the preview, Publish, the published page.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

use super::{DAY, serve};
use crate::{hostile_workspace, ok, workspace};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// A chromedriver of this test's own, stopped when dropped.
struct Driver {
    child: Child,
    url: String,
    _profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn driver() -> Driver {
    assert!(
        Path::new(CHROMEDRIVER).exists() && Path::new(CHROMIUM).exists(),
        "the desk's browser tests need Debian's chromium and chromium-driver \
         (`apt-get install chromium chromium-driver`, as .ci/run does)"
    );
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "chromedriver did not listen"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
        _profile: tempfile::tempdir().unwrap(),
    }
}

async fn browser(d: &Driver) -> Client {
    let caps = serde_json::json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,1600",
                format!("--user-data-dir={}", d._profile.path().display()),
            ]
        }
    });
    let caps = caps.as_object().unwrap().clone();
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&d.url)
        .await
        .expect("a browser session")
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

async fn css(c: &Client, sel: &str) -> fantoccini::elements::Element {
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(sel))
        .await
        .unwrap_or_else(|e| panic!("no {sel} on the page: {e}"))
}

async fn value(c: &Client, sel: &str) -> String {
    css(c, sel)
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

/// Writes a screenshot where cargo keeps test artifacts; returns its path.
async fn screenshot(c: &Client, name: &str) -> std::path::PathBuf {
    let png = c.screenshot().await.unwrap();
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, png).unwrap();
    path
}

#[test]
fn an_editor_filters_edits_fixes_approves_and_publishes_in_the_browser() {
    let ws = workspace();
    ok(ws.path(), &["run"]);
    let desk = serve(ws.path(), "127.0.0.1");
    let drv = driver();
    runtime().block_on(async {
        let c = browser(&drv).await;
        c.goto(&format!("{}day/{DAY}", desk.url)).await.unwrap();
        let shot = screenshot(&c, "desk-day.png").await;
        eprintln!("desk screenshot: {}", shot.display());

        // Filter: only claims that wait for Vietnamese, and the filter is marked.
        css(&c, "a[data-filter=needs_translation]")
            .await
            .click()
            .await
            .unwrap();
        css(&c, "a[data-filter=needs_translation][aria-current]").await;
        let cards = c.find_all(Locator::Css("article.claim")).await.unwrap();
        assert!(!cards.is_empty());
        for card in &cards {
            let class = card.attr("class").await.unwrap().unwrap_or_default();
            assert!(class.contains("waiting"), "filtered card: {class}");
        }

        // A claim with the rules' draft prefilled.
        let mut target = None;
        for card in &cards {
            let vi = card.find(Locator::Css("textarea.vi")).await.unwrap();
            if !vi
                .prop("value")
                .await
                .unwrap()
                .unwrap_or_default()
                .is_empty()
            {
                target = Some(card.attr("id").await.unwrap().unwrap());
                break;
            }
        }
        let id = target.expect("a waiting claim with a draft");
        let card = format!("#{id}");
        let draft = value(&c, &format!("{card} textarea.vi")).await;

        // An edit that loses the claim's figures is refused, shown with its reason, kept.
        let bad = "Biên tập viên đã dịch ý này sang tiếng Việt.";
        let vi = css(&c, &format!("{card} textarea.vi")).await;
        vi.clear().await.unwrap();
        vi.send_keys(bad).await.unwrap();
        css(&c, &format!("{card} button.save"))
            .await
            .click()
            .await
            .unwrap();
        let alert = css(&c, &format!("{card} .refusal")).await;
        let reason = alert.text().await.unwrap();
        assert!(
            reason.contains("not saved") && reason.contains("figures"),
            "{reason}"
        );
        assert_eq!(
            value(&c, &format!("{card} textarea.vi")).await,
            bad,
            "kept as a draft"
        );

        // Fixed, and saved with the keyboard (Ctrl+Enter in the box).
        let good = format!("{} (biên tập)", draft.trim_end_matches('.'));
        let vi = css(&c, &format!("{card} textarea.vi")).await;
        vi.clear().await.unwrap();
        vi.send_keys(&good).await.unwrap();
        vi.send_keys("\u{E009}\u{E007}").await.unwrap(); // Control + Enter
        c.wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(&format!("{card}.passed")))
            .await
            .expect("the fixed edit passes the gate");
        assert!(
            c.find(Locator::Css(&format!("{card} .refusal")))
                .await
                .is_err()
        );

        // Approve with the keyboard: focus the card, press a.
        css(&c, &card).await.send_keys("a").await.unwrap();
        c.wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(&format!("{card}.approved")))
            .await
            .expect("approved with the a key");

        // Reload: kept.
        c.refresh().await.unwrap();
        css(&c, &format!("{card}.approved")).await;
        assert_eq!(value(&c, &format!("{card} textarea.vi")).await, good);

        // Preview, publish, open the published page.
        c.goto(&format!("{}day/{DAY}/preview", desk.url))
            .await
            .unwrap();
        let preview = css(&c, ".preview").await.text().await.unwrap();
        assert!(preview.contains(&good), "the preview shows the edit");
        css(&c, "form.publish button").await.click().await.unwrap();
        css(&c, ".done").await;
        css(&c, "a.site-vi").await.click().await.unwrap();
        let published = css(&c, "main").await.text().await.unwrap();
        assert!(published.contains(&good), "published: {published}");
        assert!(
            ws.path()
                .join(format!("output/site/public/{DAY}.vi.html"))
                .exists()
        );
        c.close().await.unwrap();
    });
}

#[test]
fn a_source_with_an_xss_payload_shows_as_text_and_runs_nothing() {
    // Anything the payload would fetch comes here: nothing must.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let evil = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    let hits = Arc::new(AtomicUsize::new(0));
    let seen = hits.clone();
    std::thread::spawn(move || {
        loop {
            if listener.accept().is_ok() {
                seen.fetch_add(1, Ordering::SeqCst);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    });
    let ws = hostile_workspace();
    let page = ws.path().join("sources/pages/zz-hostile.html");
    let html = std::fs::read_to_string(&page)
        .unwrap()
        .replace("http://evil.example/p.png", &format!("http://{evil}/p.png"));
    // Markup written as text in the article: a script, an image with a handler, a link.
    let html = html.replace(
        "in the year.",
        &format!(
            "in the year &lt;script&gt;window.__xss=1;fetch('http://{evil}/s')&lt;/script&gt; \
             &lt;img src=http://{evil}/i onerror=alert(9)&gt;."
        ),
    );
    std::fs::write(&page, html).unwrap();
    ok(ws.path(), &["run"]);
    let desk = serve(ws.path(), "127.0.0.1");
    let drv = driver();
    runtime().block_on(async {
        let c = browser(&drv).await;
        c.goto(&format!("{}day/2025-06-05", desk.url))
            .await
            .unwrap();
        let text = css(&c, "main").await.text().await.unwrap();
        assert!(
            text.contains("<script>window.__xss=1"),
            "the payload shows as text"
        );
        assert!(text.contains("onerror=alert(9)"));
        assert!(text.contains("{{ config }}"));
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert!(c.get_alert_text().await.is_err(), "no dialog opened");
        let ran = c
            .execute("return typeof window.__xss", vec![])
            .await
            .unwrap();
        assert_eq!(ran, serde_json::json!("undefined"), "the payload never ran");
        c.close().await.unwrap();
    });
    assert_eq!(
        hits.load(Ordering::SeqCst),
        0,
        "no request to another origin"
    );
}
