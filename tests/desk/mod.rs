//! The desk (`bantin serve`) over HTTP: the real binary on 127.0.0.1, a real client, the store
//! of a real run. Browser tests are in `browser.rs`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};

use super::{bin, hostile_workspace, ok, read, workspace};

mod browser;

/// The sample's day with drafts waiting for an editor.
pub const DAY: &str = "2025-06-06";

/// A running `bantin serve`, stopped when dropped.
pub struct Desk {
    child: Child,
    /// `http://127.0.0.1:PORT/`
    pub url: String,
    pub port: u16,
    /// The access token printed at start (bound beyond loopback).
    pub token: Option<String>,
}

impl Desk {
    /// Posts `form` to claim `id`'s form action.
    pub fn post_claim(
        &self,
        http: &reqwest::blocking::Client,
        id: &str,
        form: &[(&str, &str)],
    ) -> reqwest::blocking::Response {
        http.post(format!("{}claim/{id}", self.url))
            .form(form)
            .send()
            .unwrap()
    }
}

impl Drop for Desk {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `bantin serve --port 0 --bind BIND` in `ws` and reads the address it prints.
pub fn serve(ws: &Path, bind: &str) -> Desk {
    let mut child = bin()
        .current_dir(ws)
        .args(["serve", "--port", "0", "--bind", bind])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("bantin serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .strip_prefix("desk: ")
        .and_then(|l| l.split_whitespace().next())
        .unwrap_or_else(|| panic!("serve prints its address first: {line:?}"))
        .to_string();
    let (base, token) = match addr.split_once("?token=") {
        Some((b, t)) => (b.to_string(), Some(t.to_string())),
        None => (addr, None),
    };
    let port: u16 = base
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("a port");
    Desk {
        child,
        url: format!("http://127.0.0.1:{port}/"),
        port,
        token,
    }
}

/// A workspace after `bantin run`, with its desk.
pub fn desk_of_sample() -> (tempfile::TempDir, Desk) {
    let ws = workspace();
    ok(ws.path(), &["run"]);
    let d = serve(ws.path(), "127.0.0.1");
    (ws, d)
}

pub fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The CSRF token in a page's forms.
pub fn csrf_of(html: &str) -> String {
    let at = html
        .find(r#"name="csrf" value=""#)
        .expect("a form with a CSRF token")
        + 19;
    html[at..at + 64].to_string()
}

/// A raw HTTP/1.1 request, so paths reach the server exactly as written (clients normalise
/// `..`); returns the status code and the body.
pub fn raw(port: u16, method: &str, path: &str, host: &str, body: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let code = out
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (code, out)
}

fn claims(ws: &Path) -> Vec<serde_json::Value> {
    serde_json::from_str(&ok(ws, &["review", "list", "--date", DAY, "--json"])).unwrap()
}

fn show(ws: &Path, id: &str) -> serde_json::Value {
    serde_json::from_str(&ok(ws, &["review", "show", id, "--json"])).unwrap()
}

#[test]
fn a_change_without_the_csrf_token_or_with_a_wrong_one_is_forbidden() {
    let (ws, d) = desk_of_sample();
    let http = client();
    let page = http.get(format!("{}day/{DAY}", d.url)).send().unwrap();
    assert_eq!(page.status(), 200);
    let csrf = csrf_of(&page.text().unwrap());
    let id = claims(ws.path())[0]["id"].as_str().unwrap().to_string();
    let post = |form: &[(&str, &str)]| d.post_claim(&http, &id, form).status().as_u16();
    assert_eq!(post(&[("action", "approve")]), 403, "no token");
    assert_eq!(
        post(&[("action", "approve"), ("csrf", "0")]),
        403,
        "wrong token"
    );
    let wrong = "f".repeat(64);
    assert_eq!(post(&[("action", "approve"), ("csrf", &wrong)]), 403);
    assert_eq!(
        show(ws.path(), &id)["claim"]["status"],
        "pending",
        "nothing changed"
    );
    let publish = http
        .post(format!("{}day/{DAY}/publish", d.url))
        .form(&[("x", "1")])
        .send()
        .unwrap();
    assert_eq!(publish.status(), 403, "publish needs the token too");
    assert_eq!(post(&[("action", "approve"), ("csrf", &csrf)]), 303);
    assert_eq!(show(ws.path(), &id)["claim"]["status"], "approved");
}

#[test]
fn a_desk_bound_beyond_loopback_needs_its_token_on_every_request() {
    let ws = workspace();
    ok(ws.path(), &["run"]);
    let d = serve(ws.path(), "0.0.0.0");
    let token = d.token.clone().expect("a token is printed");
    assert!(token.len() >= 32);
    let http = client();
    let get = |path: &str, auth: Option<&str>| {
        let mut r = http.get(format!("{}{path}", d.url));
        if let Some(a) = auth {
            r = r.header("Authorization", format!("Bearer {a}"));
        }
        r.send().unwrap()
    };
    assert_eq!(get("", None).status(), 403, "no token");
    assert_eq!(get(&format!("day/{DAY}"), None).status(), 403);
    assert_eq!(get("static/desk.css", None).status(), 403);
    assert_eq!(get("", Some("nottheone")).status(), 403);
    assert_eq!(get("?token=nottheone", None).status(), 403);
    assert_eq!(get(&format!("day/{DAY}"), Some(&token)).status(), 200);
    // Opened once with the token, the browser keeps it in a cookie and the address loses it.
    let r = get(&format!("day/{DAY}?token={token}"), None);
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], format!("/day/{DAY}"));
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    let pair = cookie.split(';').next().unwrap();
    let r = http
        .get(format!("{}day/{DAY}", d.url))
        .header("Cookie", pair)
        .send()
        .unwrap();
    assert_eq!(r.status(), 200);
    // The token leaves the address and the rest of it stays; it never leads elsewhere.
    let r = get(&format!("day/{DAY}?filter=edited&token={token}"), None);
    assert_eq!(r.headers()["location"], format!("/day/{DAY}?filter=edited"));
    let (code, answer) = raw(
        d.port,
        "GET",
        &format!("//evil.example/?token={token}"),
        "evil.example",
        "",
    );
    assert_eq!(code, 303);
    assert!(answer.contains("location: /\r\n"), "{answer}");
}

#[test]
fn a_loopback_desk_answers_only_to_loopback_host_names() {
    let (_ws, d) = desk_of_sample();
    let (code, _) = raw(d.port, "GET", "/", &format!("127.0.0.1:{}", d.port), "");
    assert_eq!(code, 200);
    let (code, _) = raw(d.port, "GET", "/", &format!("localhost:{}", d.port), "");
    assert_eq!(code, 200);
    // A name that resolves to 127.0.0.1 (DNS rebinding) does not reach the store.
    let (code, _) = raw(d.port, "GET", "/", &format!("evil.example:{}", d.port), "");
    assert_eq!(code, 403);
}

#[test]
fn path_traversal_in_any_parameter_is_refused() {
    let (ws, d) = desk_of_sample();
    ok(ws.path(), &["publish"]);
    let host = format!("127.0.0.1:{}", d.port);
    let (code, body) = raw(d.port, "GET", &format!("/site/{DAY}.en.html"), &host, "");
    assert_eq!(code, 200, "a published page is served: {body}");
    for path in [
        "/site/../../bantin.sqlite",
        "/site/..%2f..%2fbantin.sqlite",
        "/site/%2e%2e/%2e%2e/sources/config.toml",
        "/site/..%5c..%5cbantin.sqlite",
        "/site/%2fetc%2fpasswd",
        "/site//etc/passwd",
        "/site/.hidden.html",
        "/site/index.html%00.css",
        "/day/..%2f..%2fetc%2fpasswd",
        "/day/2025-06-06%2f..%2f..",
        "/day/2025-06-06?filter=..%2f..%2fetc%2fpasswd",
        "/day/2025-06-06/preview/../../../etc/passwd",
        "/static/..%2f..%2fCargo.toml",
    ] {
        let (code, body) = raw(d.port, "GET", path, &host, "");
        assert!((400..500).contains(&code), "{path} answered {code}");
        assert!(
            !body.contains("SQLite format")
                && !body.contains("root:")
                && !body.contains("[package]"),
            "{path} leaked a file"
        );
    }
    let page = read_day(&d);
    let csrf = csrf_of(&page);
    for path in [
        "/claim/..%2f..%2fx",
        "/claim/a%00b",
        "/day/..%2f..%2f/publish",
    ] {
        let (code, _) = raw(
            d.port,
            "POST",
            path,
            &host,
            &format!("csrf={csrf}&action=approve"),
        );
        assert!((400..500).contains(&code), "POST {path} answered {code}");
    }
}

fn read_day(d: &Desk) -> String {
    client()
        .get(format!("{}day/{DAY}", d.url))
        .send()
        .unwrap()
        .text()
        .unwrap()
}

#[test]
fn every_desk_page_sets_a_strict_content_security_policy() {
    let (ws, d) = desk_of_sample();
    ok(ws.path(), &["publish"]);
    let http = client();
    for path in [
        String::new(),
        format!("day/{DAY}"),
        format!("day/{DAY}/preview"),
        "static/desk.js".into(),
        "day/1999-01-01".into(),
    ] {
        let r = http.get(format!("{}{path}", d.url)).send().unwrap();
        let csp = r.headers()["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("default-src 'none'") && csp.contains("script-src 'self'"),
            "{path}: {csp}"
        );
        assert!(!csp.contains("unsafe"), "{path}: {csp}");
        assert_eq!(r.headers()["x-content-type-options"], "nosniff");
        assert_eq!(r.headers()["x-frame-options"], "DENY");
    }
    let r = http
        .get(format!("{}site/{DAY}.en.html", d.url))
        .send()
        .unwrap();
    let csp = r.headers()["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("default-src 'none'") && !csp.contains("script-src"),
        "{csp}"
    );
}

#[test]
fn a_refused_edit_is_kept_as_a_draft_with_its_reason_and_a_fixed_one_is_saved() {
    let (ws, d) = desk_of_sample();
    let c = claims(ws.path())
        .into_iter()
        .find(|c| c["needs_translation"] == true && c["vi_draft"].is_string())
        .expect("a claim with a rules draft");
    let id = c["id"].as_str().unwrap();
    let http = client();
    let csrf = csrf_of(&read_day(&d));
    let edit = |vi: &str| {
        let en = c["en"].as_str().unwrap();
        let form = [
            ("csrf", csrf.as_str()),
            ("action", "edit"),
            ("vi", vi),
            ("en", en),
        ];
        d.post_claim(&http, id, &form)
    };
    let bad = "Biên tập viên đã dịch ý này sang tiếng Việt.";
    let r = edit(bad);
    assert_eq!(r.status(), 303);
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .ends_with(&format!("&at={id}#c-{id}"))
    );
    let page = read_day(&d);
    let card = &page[page.find(&format!("id=\"c-{id}\"")).unwrap()..];
    let card = &card[..card.find("</article>").unwrap()];
    assert!(card.contains("Your edit was not saved"), "{card}");
    assert!(card.contains(bad), "the refused text stays in the box");
    let shown = show(ws.path(), id);
    assert_eq!(
        shown["claim"]["status"], "pending",
        "the claim is unchanged"
    );
    assert_eq!(shown["draft"]["vi"], bad);
    let text = ok(ws.path(), &["review", "show", id]);
    assert!(text.contains("draft") && text.contains("refused"), "{text}");
    let listed = ok(ws.path(), &["review", "list", "--date", DAY, "--rejected"]);
    assert!(
        listed.contains(id),
        "a refused edit lists under --rejected: {listed}"
    );

    let good = format!(
        "{} (biên tập)",
        c["vi_draft"].as_str().unwrap().trim_end_matches('.')
    );
    assert_eq!(edit(&good).status(), 303);
    let shown = show(ws.path(), id);
    assert_eq!(shown["claim"]["status"], "edited");
    assert_eq!(shown["claim"]["vi"], good.as_str());
    assert!(
        shown["draft"].is_null(),
        "the draft goes once an edit passes"
    );
    assert!(
        shown["claim"]["vi_missing"].is_null(),
        "no old reason on an edited claim"
    );
    let line = ok(ws.path(), &["review", "list", "--date", DAY, "--edited"]);
    assert!(line.contains(id) && !line.contains("[a rule"), "{line}");
    // Remembered: the same English text gets the editor's Vietnamese (translation memory).
    ok(ws.path(), &["run", "--date", DAY]);
    assert!(read(&ws.path().join(format!("output/{DAY}/brief.vi.md"))).contains(&good));
}

#[test]
fn review_list_filters_and_prints_json() {
    let ws = workspace();
    ok(ws.path(), &["run"]);
    let all = claims(ws.path());
    let waiting: Vec<serde_json::Value> = serde_json::from_str(&ok(
        ws.path(),
        &[
            "review",
            "list",
            "--date",
            DAY,
            "--needs-translation",
            "--json",
        ],
    ))
    .unwrap();
    assert!(!waiting.is_empty() && waiting.len() < all.len());
    assert!(waiting.iter().all(|c| c["needs_translation"] == true));
    let id = waiting[0]["id"].as_str().unwrap();
    ok(ws.path(), &["review", "approve", id]);
    let approved = ok(ws.path(), &["review", "list", "--date", DAY, "--approved"]);
    assert_eq!(approved.lines().count(), 1, "{approved}");
    assert!(approved.contains(id));
    let card = ok(ws.path(), &["review", "show", id]);
    assert!(
        card.starts_with(id) && card.contains("source ") && card.contains("en "),
        "{card}"
    );
}

#[test]
fn a_source_carrying_markup_shows_on_the_desk_as_text() {
    let ws = hostile_workspace();
    ok(ws.path(), &["run"]);
    let d = serve(ws.path(), "127.0.0.1");
    let page = client()
        .get(format!("{}day/2025-06-05", d.url))
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(page.contains("Acme"), "the hostile article is on the desk");
    assert!(
        page.contains("&lt;div onmouseover=alert(5)&gt;"),
        "markup shows as text"
    );
    assert!(
        page.contains("{{ config }}"),
        "template syntax shows as text"
    );
    let live = regex::Regex::new(
        r#"(?i)<script(?:[^>]*)>(?:[^<]*)</script>|<img|<div on|(href|src|action)\s*=\s*["']?\s*javascript:|<[a-z][^>]*\son[a-z]+\s*="#,
    )
    .unwrap();
    let scripts: Vec<&str> = live
        .find_iter(&page)
        .map(|m| m.as_str())
        .filter(|m| *m != r#"<script src="/static/desk.js" defer></script>"#)
        .collect();
    assert_eq!(
        scripts,
        Vec::<&str>::new(),
        "no live markup but the desk's own script tag"
    );
}

#[test]
fn a_run_and_the_desk_work_on_one_store_at_once_and_lose_no_edit() {
    let (ws, d) = desk_of_sample();
    let ids: Vec<String> = claims(ws.path())
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .take(24)
        .collect();
    let csrf = csrf_of(&read_day(&d));
    let root = ws.path().to_path_buf();
    // Runs that rebrief the day again and again while the editor works.
    let runs = std::thread::spawn(move || {
        (0..3)
            .map(|_| {
                bin()
                    .current_dir(&root)
                    .args(["run", "--date", DAY])
                    .output()
                    .unwrap()
            })
            .collect::<Vec<_>>()
    });
    let http = client();
    for (i, id) in ids.iter().enumerate() {
        let action = if i % 3 == 0 { "reject" } else { "approve" };
        let r = http
            .post(format!("{}claim/{id}", d.url))
            .form(&[("csrf", csrf.as_str()), ("action", action)])
            .send()
            .unwrap();
        assert_eq!(r.status(), 303, "{action} {id} while a run works");
    }
    for out in runs.join().unwrap() {
        assert!(
            out.status.success(),
            "a run beside the desk: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let after = claims(ws.path());
    for (i, id) in ids.iter().enumerate() {
        let want = if i % 3 == 0 { "rejected" } else { "approved" };
        let c = after.iter().find(|c| c["id"] == id.as_str()).unwrap();
        assert_eq!(c["status"], want, "{id}");
    }
}

#[test]
fn approve_takes_what_the_boxes_hold_and_publish_puts_only_its_day_on_the_site() {
    let (ws, d) = desk_of_sample();
    let http = client();
    let csrf = csrf_of(&read_day(&d));
    let all = claims(ws.path());
    let drafted = all
        .iter()
        .find(|c| c["needs_translation"] == true && c["vi_draft"].is_string())
        .expect("a claim with a rules draft");
    let id = drafted["id"].as_str().unwrap();
    let post = |form: &[(&str, &str)]| d.post_claim(&http, id, form).status();
    let approve = |vi: &str| post(&[("csrf", &csrf), ("action", "approve"), ("vi", vi)]);
    // A Vietnamese typed in the box and approved is checked first: refused, not approved.
    let bad = "Biên tập viên đã dịch ý này sang tiếng Việt.";
    assert_eq!(approve(bad), 303);
    let shown = show(ws.path(), id);
    assert_eq!(shown["claim"]["status"], "pending");
    assert_eq!(shown["draft"]["vi"], bad);
    // Put back as it was and saved: the refused draft is withdrawn.
    let draft = drafted["vi_draft"].as_str().unwrap();
    let en = drafted["en"].as_str().unwrap();
    assert_eq!(
        post(&[
            ("csrf", &csrf),
            ("action", "edit"),
            ("vi", draft),
            ("en", en)
        ]),
        303
    );
    assert!(show(ws.path(), id)["draft"].is_null(), "withdrawn");
    assert_eq!(approve(bad), 303);
    // The rules' draft left in the box and approved: published as it is, waiting no more.
    assert_eq!(approve(draft), 303);
    let shown = show(ws.path(), id);
    assert_eq!(shown["claim"]["status"], "approved");
    assert_eq!(shown["claim"]["vi"], draft);
    assert_eq!(shown["claim"]["needs_translation"], false);
    assert!(shown["draft"].is_null());
    // An English edit alone approves no Vietnamese: the draft still waits.
    let other = all
        .iter()
        .find(|c| {
            c["id"] != drafted["id"] && c["needs_translation"] == true && c["vi_draft"].is_string()
        })
        .expect("a second claim with a rules draft");
    let oid = other["id"].as_str().unwrap();
    let shorter = other["en"].as_str().unwrap().replacen(", ", " ", 1);
    let r = http
        .post(format!("{}claim/{oid}", d.url))
        .form(&[
            ("csrf", csrf.as_str()),
            ("action", "edit"),
            ("en", shorter.as_str()),
            ("vi", other["vi_draft"].as_str().unwrap()),
        ])
        .send()
        .unwrap();
    assert_eq!(r.status(), 303);
    let shown = show(ws.path(), oid);
    assert_eq!(shown["claim"]["status"], "edited");
    assert!(shown["claim"]["vi"].is_null(), "{shown}");
    // An emptied Vietnamese box does not approve what it no longer shows.
    let r = http
        .post(format!("{}claim/{oid}", d.url))
        .form(&[("csrf", csrf.as_str()), ("action", "approve"), ("vi", "")])
        .send()
        .unwrap();
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .contains("note=emptied")
    );
    assert_eq!(show(ws.path(), oid)["claim"]["status"], "edited");
    // The index counts what waits as the day page does.
    let index = http.get(&d.url).send().unwrap().text().unwrap();
    let waiting = claims(ws.path())
        .iter()
        .filter(|c| c["needs_translation"] == true && c["status"] != "rejected")
        .count();
    assert!(
        index.contains(&format!("?filter=needs_translation\">{waiting}</a>")),
        "{waiting} waiting: {index}"
    );
    // Publishing this day leaves the others off the site.
    let r = http
        .post(format!("{}day/{DAY}/publish", d.url))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .unwrap();
    assert_eq!(r.status(), 303);
    let public = ws.path().join("output/site/public");
    assert!(public.join(format!("{DAY}.en.html")).exists());
    assert!(read(&public.join(format!("{DAY}.vi.html"))).contains(draft.trim_end_matches('.')));
    assert!(
        !public.join("2019-11-19.en.html").exists(),
        "another day was published"
    );
    let index = read(&public.join("index.html"));
    assert!(!index.contains("2019-11-19"), "{index}");
}
