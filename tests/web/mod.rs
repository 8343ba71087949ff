//! Fetching against real HTTP servers of our own on 127.0.0.x: feeds, pages and faults.
//! Nothing here touches the internet.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::ok;

/// One request the server saw.
#[derive(Debug, Clone)]
pub struct Req {
    pub path: String,
    pub body: Vec<u8>,
    pub at: Instant,
    pub headers: Vec<(String, String)>,
}

impl Req {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What to answer.
pub enum Reply {
    Full {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: Vec<u8>,
    },
    /// Close the connection without a word.
    Reset,
    /// Headers, then a body that trickles far slower than any timeout.
    Slow,
    /// A chunked body that never ends.
    Endless,
}

fn full(status: u16, ctype: &str, body: impl Into<Vec<u8>>) -> Reply {
    Reply::Full {
        status,
        headers: vec![("Content-Type", ctype.to_string())],
        body: body.into(),
    }
}

type Handler = dyn Fn(&Req, usize) -> Reply + Send + Sync;

/// A server on `ip` (any 127.0.0.x works on Linux) answering with `handler`, which also gets
/// how many times this path was asked before.
pub struct Server {
    pub base: String,
    pub log: Arc<Mutex<Vec<Req>>>,
}

impl Server {
    pub fn start(
        ip: &str,
        handler: impl Fn(&Req, usize) -> Reply + Send + Sync + 'static,
    ) -> Server {
        let listener = TcpListener::bind((ip, 0)).expect("bind a local port");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let log: Arc<Mutex<Vec<Req>>> = Arc::default();
        let counts: Arc<Mutex<std::collections::HashMap<String, usize>>> = Arc::default();
        let handler: Arc<Handler> = Arc::new(handler);
        let l2 = log.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                // When the connection came: what the client paced, whatever this machine's
                // load later does to reading the request.
                let at = Instant::now();
                let (log, counts, handler) = (l2.clone(), counts.clone(), handler.clone());
                std::thread::spawn(move || serve_one(stream, at, &log, &counts, &*handler));
            }
        });
        Server { base, log }
    }

    pub fn requests(&self) -> Vec<Req> {
        self.log.lock().unwrap().clone()
    }
}

fn serve_one(
    stream: TcpStream,
    at: Instant,
    log: &Mutex<Vec<Req>>,
    counts: &Mutex<std::collections::HashMap<String, usize>>,
    handler: &Handler,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) <= 2 {
            break;
        }
        if let Some((k, v)) = h.trim_end().split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let len: usize = headers
        .iter()
        .find(|(k, _): &&(String, String)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; len];
    if std::io::Read::read_exact(&mut reader, &mut body).is_err() {
        return;
    }
    let req = Req {
        body,
        path: path.clone(),
        at,
        headers,
    };
    log.lock().unwrap().push(req.clone());
    let n = {
        let mut c = counts.lock().unwrap();
        let e = c.entry(path).or_insert(0);
        *e += 1;
        *e - 1
    };
    let mut s = stream;
    match handler(&req, n) {
        Reply::Reset => drop(s),
        Reply::Full {
            status,
            headers,
            body,
        } => {
            let mut head = format!(
                "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (k, v) in headers {
                head.push_str(&format!("{k}: {v}\r\n"));
            }
            head.push_str("\r\n");
            let _ = s.write_all(head.as_bytes());
            let _ = s.write_all(&body);
        }
        Reply::Slow => {
            let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n<html>");
            for _ in 0..50 {
                std::thread::sleep(Duration::from_millis(200));
                if s.write_all(b"<p>slow</p>").is_err() {
                    return;
                }
            }
        }
        Reply::Endless => {
            let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
            let chunk = format!("{:x}\r\n{}\r\n", 8192, "x".repeat(8192));
            while s.write_all(chunk.as_bytes()).is_ok() {}
        }
    }
}

/// An article page long enough to be one, with a publication date.
fn article(host: usize, n: usize) -> String {
    let para = |k: usize| {
        format!(
            "<p>Officials in city {host} said on Thursday that project {n} had reached stage {k}, with 12 of 20 targets met and spending of $3.5 million so far, according to the report released by the agency.</p>"
        )
    };
    format!(
        "<!doctype html><html lang=\"en\"><head><title>Story {n} from host {host}</title><meta property=\"article:published_time\" content=\"2025-06-05T10:00:00Z\"></head><body><article><h1>Story {n} from host {host}</h1>{}</article></body></html>",
        (0..6).map(para).collect::<String>()
    )
}

fn rss(base: &str, host: usize, pages: usize) -> String {
    let items: String = (0..pages)
        .map(|n| format!("<item><title>Story {n}</title><link>{base}/story/{n}?utm_source=rss</link><pubDate>Thu, 05 Jun 2025 10:00:00 GMT</pubDate></item>"))
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Host {host}</title>{items}</channel></rss>"
    )
}

/// A news site: a feed with an ETag, pages with ETags, robots.txt that allows all.
fn news_site(ip: &str, host: usize, pages: usize) -> Server {
    let base = Arc::new(Mutex::new(String::new()));
    let b2 = base.clone();
    let server = Server::start(ip, move |req, _| {
        let etag = format!("\"v1-{}\"", req.path);
        if req.header("If-None-Match") == Some(etag.as_str()) {
            return Reply::Full {
                status: 304,
                headers: vec![],
                body: vec![],
            };
        }
        let (ctype, body) = match req.path.as_str() {
            "/robots.txt" => ("text/plain", "User-agent: *\nAllow: /\n".to_string()),
            "/feed.xml" => ("application/rss+xml", rss(&b2.lock().unwrap(), host, pages)),
            p if p.starts_with("/story/") => {
                let n: usize = p[7..].parse().unwrap_or(0);
                ("text/html; charset=utf-8", article(host, n))
            }
            _ => return full(404, "text/plain", "not found"),
        };
        Reply::Full {
            status: 200,
            headers: vec![("Content-Type", ctype.into()), ("ETag", etag)],
            body: body.into_bytes(),
        }
    });
    *base.lock().unwrap() = server.base.clone();
    server
}

fn write_config(ws: &Path, extra: &str) {
    std::fs::create_dir_all(ws.join("feeds")).unwrap();
    std::fs::write(
        ws.join("bantin.toml"),
        format!("sources = \"feeds\"\noutput = \"out\"\nstore = \"out/bantin.sqlite\"\ntimezone = \"UTC\"\n{extra}"),
    )
    .unwrap();
}

/// `bantin fetch --allow-private` with the workspace's config; its report.
fn fetch_in(ws: &Path) -> String {
    let cfg = ws.join("bantin.toml");
    ok(
        ws,
        &[
            "--config",
            cfg.to_str().unwrap(),
            "fetch",
            "--allow-private",
        ],
    )
}

fn add_source(ws: &Path, file: &str, body: &str) {
    std::fs::write(ws.join("feeds").join(file), body).unwrap();
}

#[test]
fn a_run_over_three_feeds_is_polite_and_a_rerun_downloads_nothing() {
    let sites: Vec<Server> = (1..=3)
        .map(|h| news_site(&format!("127.0.0.{h}"), h, 10))
        .collect();
    let ws = tempfile::tempdir().unwrap();
    write_config(ws.path(), "host_interval_secs = 0.15\n");
    for (i, s) in sites.iter().enumerate() {
        add_source(
            ws.path(),
            &format!("site{i}.toml"),
            &format!(
                "name = \"Site {i}\"\nkind = \"feed\"\nurl = \"{}/feed.xml\"\nlang = \"en\"\n",
                s.base
            ),
        );
    }
    let cfg = ws.path().join("bantin.toml");
    let started = Instant::now();
    let out = ok(
        ws.path(),
        &["--config", cfg.to_str().unwrap(), "run", "--allow-private"],
    );
    let took = started.elapsed();
    for i in 0..3 {
        assert!(
            out.contains(&format!(
                "source Site {i}: items 10  new 10  fetched 10  not modified 0  skipped 0"
            )),
            "{out}"
        );
    }
    assert!(out.contains("2025-06-05"), "{out}");
    for s in &sites {
        let reqs = s.requests();
        // robots.txt, the feed, ten pages; tracking parameters never reach the server.
        assert_eq!(reqs.len(), 12, "{reqs:?}");
        assert!(reqs.iter().all(|r| !r.path.contains("utm_")));
        assert!(reqs.iter().all(|r| {
            r.header("User-Agent")
                .is_some_and(|a| a.starts_with("bantin/") && a.contains("+http"))
        }));
        let mut times: Vec<Instant> = reqs.iter().map(|r| r.at).collect();
        times.sort();
        // Paced at 150 ms; without pacing the gaps are a few milliseconds. The margin is for
        // a loaded machine (seen: a gap of 139 ms measured when the request was read).
        for w in times.windows(2) {
            let gap = w[1] - w[0];
            assert!(
                gap >= Duration::from_millis(110),
                "two requests {gap:?} apart"
            );
        }
    }
    // Three hosts at once: well under the 36 requests x 0.15 s one host would take.
    assert!(took < Duration::from_secs_f64(36.0 * 0.15), "took {took:?}");

    let before: Vec<usize> = sites.iter().map(|s| s.requests().len()).collect();
    let again = ok(
        ws.path(),
        &["--config", cfg.to_str().unwrap(), "run", "--allow-private"],
    );
    for i in 0..3 {
        assert!(
            again.contains(&format!(
                "source Site {i}: items 0  new 0  fetched 0  not modified 1  skipped 0"
            )),
            "{again}"
        );
    }
    for (s, b) in sites.iter().zip(before) {
        let new: Vec<Req> = s.requests()[b..].to_vec();
        let asked: Vec<&str> = new.iter().map(|r| r.path.as_str()).collect();
        // robots.txt is kept for a day; the feed is asked conditionally.
        assert_eq!(asked, vec!["/feed.xml"], "{asked:?}");
        assert!(new[0].header("If-None-Match").is_some());
    }
    assert!(again.contains("articles extracted 0"), "{again}");
}

#[test]
fn every_fault_ends_in_its_documented_outcome() {
    let bomb = {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&vec![b'a'; 8 * 1024 * 1024]).unwrap();
        gz.finish().unwrap()
    };
    let cp1252: Vec<u8> = {
        let mut v = b"<html><body><article><p>".to_vec();
        for _ in 0..20 {
            v.extend_from_slice(b"The caf\xe9 on the corner served coffee to residents and visitors every single day of the year, the owner said. ");
        }
        v.extend_from_slice(b"</p></article></body></html>");
        v
    };
    let good = article(9, 1);
    let server = Server::start("127.0.0.1", move |req, n| match req.path.as_str() {
        "/robots.txt" => full(200, "text/plain", "User-agent: *\nDisallow: /private/\n"),
        "/flaky" if n == 0 => full(500, "text/plain", "oops"),
        "/reset" if n == 0 => Reply::Reset,
        "/busy" if n == 0 => Reply::Full {
            status: 429,
            headers: vec![("Retry-After", "1".into())],
            body: b"slow down".to_vec(),
        },
        "/flaky" | "/reset" | "/busy" => full(200, "text/html", good.clone()),
        "/down" => full(503, "text/plain", "down"),
        "/loop" => Reply::Full {
            status: 302,
            headers: vec![("Location", "/loop".into())],
            body: vec![],
        },
        "/slow" => Reply::Slow,
        "/endless" => Reply::Endless,
        "/bomb" => Reply::Full {
            status: 200,
            headers: vec![
                ("Content-Type", "text/html".into()),
                ("Content-Encoding", "gzip".into()),
            ],
            body: bomb.clone(),
        },
        "/image" => full(200, "image/png", vec![0x89, b'P', b'N', b'G']),
        "/private/page" => full(200, "text/html", good.clone()),
        "/cp1252" => full(200, "text/html; charset=windows-1252", cp1252.clone()),
        "/broken.xml" => full(200, "application/rss+xml", "<rss><channel><item><title>cut"),
        _ => full(404, "text/plain", "not found"),
    });
    let ws = tempfile::tempdir().unwrap();
    write_config(
        ws.path(),
        "host_interval_secs = 0.0\nretries = 2\nbackoff_ms = 50\ntimeout_secs = 2\nmax_page_bytes = 1000000\n",
    );
    let paths = [
        "flaky",
        "reset",
        "busy",
        "down",
        "loop",
        "slow",
        "endless",
        "bomb",
        "image",
        "private/page",
        "cp1252",
    ];
    for p in paths {
        add_source(
            ws.path(),
            &format!("{}.toml", p.replace('/', "-")),
            &format!(
                "name = \"{p}\"\nkind = \"page\"\nurl = \"{}/{p}\"\n",
                server.base
            ),
        );
    }
    add_source(
        ws.path(),
        "broken.toml",
        &format!(
            "name = \"broken\"\nkind = \"feed\"\nurl = \"{}/broken.xml\"\n",
            server.base
        ),
    );
    let cfg = ws.path().join("bantin.toml");
    let started = Instant::now();
    let out = fetch_in(ws.path());
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "{:?}",
        started.elapsed()
    );
    let line = |name: &str| {
        out.lines()
            .find(|l| l.starts_with(&format!("  source {name}:")))
            .unwrap_or_else(|| panic!("no line for {name}: {out}"))
            .to_string()
    };
    // Retried and then fetched.
    for p in ["flaky", "reset", "busy", "cp1252"] {
        assert!(line(p).contains("fetched 1"), "{p}: {out}");
    }
    // Skipped, each with its reason.
    for (p, why) in [
        ("down", "HTTP 503"),
        ("loop", "redirect"),
        ("slow", "timed out after 2s"),
        ("endless", "limit"),
        ("bomb", "limit"),
        ("image", "content type image/png"),
        ("private/page", "robots.txt"),
        ("broken", "broken feed"),
    ] {
        assert!(line(p).contains("skipped 1"), "{p}: {out}");
        assert!(
            out.lines()
                .any(|l| l.contains("skipped") && l.contains(why)),
            "{p} should say {why}: {out}"
        );
    }
    let by_path = |p: &str| server.requests().iter().filter(|r| r.path == p).count();
    assert_eq!(by_path("/flaky"), 2);
    assert_eq!(by_path("/busy"), 2);
    assert_eq!(by_path("/down"), 3, "two retries, then give up");
    assert_eq!(
        by_path("/private/page"),
        0,
        "robots.txt is obeyed before asking"
    );
    let busy: Vec<Instant> = server
        .requests()
        .iter()
        .filter(|r| r.path == "/busy")
        .map(|r| r.at)
        .collect();
    assert!(
        busy[1] - busy[0] >= Duration::from_millis(950),
        "Retry-After honoured"
    );
    // The page declared windows-1252 only in the header reads right.
    let json = ok(
        ws.path(),
        &[
            "--config",
            cfg.to_str().unwrap(),
            "extract",
            &format!("{}/cp1252", server.base),
            "--json",
        ],
    );
    assert!(json.contains("café"), "{json}");
}

#[test]
fn a_feed_pointing_into_a_private_network_is_refused_unless_allowed() {
    let site = news_site("127.0.0.1", 1, 2);
    let ws = tempfile::tempdir().unwrap();
    write_config(ws.path(), "host_interval_secs = 0.0\n");
    add_source(
        ws.path(),
        "site.toml",
        &format!(
            "name = \"Local\"\nkind = \"feed\"\nurl = \"{}/feed.xml\"\n",
            site.base
        ),
    );
    let cfg = ws.path().join("bantin.toml");
    let out = ok(ws.path(), &["--config", cfg.to_str().unwrap(), "fetch"]);
    assert!(out.contains("private address 127.0.0.1"), "{out}");
    assert!(site.requests().is_empty(), "not one request was sent");
    let out = fetch_in(ws.path());
    assert!(
        out.contains("source Local: items 2  new 2  fetched 2"),
        "{out}"
    );
}

#[test]
fn a_page_that_failed_is_asked_again_while_its_feed_is_unchanged() {
    let base = Arc::new(Mutex::new(String::new()));
    let b2 = base.clone();
    let server = Server::start("127.0.0.1", move |req, n| match req.path.as_str() {
        "/feed.xml" if req.header("If-None-Match").is_some() => Reply::Full {
            status: 304,
            headers: vec![],
            body: vec![],
        },
        "/feed.xml" => Reply::Full {
            status: 200,
            headers: vec![
                ("Content-Type", "application/rss+xml".into()),
                ("ETag", "\"f1\"".into()),
            ],
            body: rss(&b2.lock().unwrap(), 1, 2).into_bytes(),
        },
        "/story/1" if n == 0 => full(503, "text/plain", "busy"),
        p if p.starts_with("/story/") => full(200, "text/html", article(1, 1)),
        _ => full(404, "text/plain", "not found"),
    });
    *base.lock().unwrap() = server.base.clone();
    let ws = tempfile::tempdir().unwrap();
    write_config(ws.path(), "host_interval_secs = 0.0\nretries = 0\n");
    add_source(
        ws.path(),
        "site.toml",
        &format!(
            "name = \"Site\"\nkind = \"feed\"\nurl = \"{}/feed.xml\"\n",
            server.base
        ),
    );
    let first = fetch_in(ws.path());
    assert!(
        first.contains("items 2  new 2  fetched 1  not modified 0  skipped 1"),
        "{first}"
    );
    let second = fetch_in(ws.path());
    assert!(
        second.contains("fetched 1  not modified 1  skipped 0"),
        "{second}"
    );
    let third = fetch_in(ws.path());
    assert!(
        third.contains("items 0  new 0  fetched 0  not modified 1  skipped 0"),
        "{third}"
    );
}

#[test]
fn a_feed_source_given_a_home_page_finds_its_feed_and_a_sitemap_is_read() {
    let base = Arc::new(Mutex::new(String::new()));
    let b2 = base.clone();
    let server = Server::start("127.0.0.1", move |req, _| {
        let b = b2.lock().unwrap().clone();
        match req.path.as_str() {
            "/" => full(
                200,
                "text/html",
                "<html><head><link rel=\"alternate\" type=\"application/atom+xml\" href=\"/atom\"></head><body>Home</body></html>",
            ),
            "/atom" => full(
                200,
                "application/atom+xml",
                format!(
                    "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><id>t</id><updated>2025-06-05T10:00:00Z</updated><entry><title>A</title><id>a</id><link href=\"{b}/story/1#top\"/><updated>2025-06-05T10:00:00Z</updated></entry></feed>"
                ),
            ),
            "/news-sitemap.xml" => full(
                200,
                "application/xml",
                format!(
                    "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\"><url><loc>{b}/story/1</loc></url><url><loc>{b}/story/2</loc><news:news><news:publication_date>2025-06-05</news:publication_date></news:news></url></urlset>"
                ),
            ),
            p if p.starts_with("/story/") => full(200, "text/html", article(1, 1)),
            _ => full(404, "text/plain", "not found"),
        }
    });
    *base.lock().unwrap() = server.base.clone();
    let ws = tempfile::tempdir().unwrap();
    write_config(ws.path(), "host_interval_secs = 0.0\n");
    add_source(
        ws.path(),
        "a-home.toml",
        &format!(
            "name = \"Home\"\nkind = \"feed\"\nurl = \"{}/\"\n",
            server.base
        ),
    );
    add_source(
        ws.path(),
        "b-map.toml",
        &format!(
            "name = \"Map\"\nkind = \"sitemap\"\nurl = \"{}/news-sitemap.xml\"\n",
            server.base
        ),
    );
    let out = fetch_in(ws.path());
    assert!(
        out.contains("source Home: items 1  new 1  fetched 1"),
        "{out}"
    );
    // The sitemap lists story 1 again: it is fetched once, for the first source.
    assert!(
        out.contains("source Map: items 2  new 1  fetched 1"),
        "{out}"
    );
    let stories = server
        .requests()
        .iter()
        .filter(|r| r.path.starts_with("/story/"))
        .count();
    assert_eq!(stories, 2);
}

/// The sentence the engine tests brief, read against 3 September 2025 ("on Tuesday" is 2/9/2025).
const SENTENCE: &str =
    "Havenlink cut 1,200 jobs in Germany on Tuesday, chief executive Maria Lopez said.";
const FAITHFUL: &str = "Giám đốc điều hành Maria Lopez cho biết ngày 2/9/2025, Havenlink đã cắt giảm 1.200 việc làm tại Đức.";

/// Briefs `SENTENCE` with `[vietnamese] engines = [engine]` set up by `tables`; returns the JSON.
fn engine_brief(ws: &Path, tables: &str, sentences: &str) -> serde_json::Value {
    let out = engine_brief_output(ws, tables, sentences);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The brief of `engine_brief`, as the process ended.
fn engine_brief_output(ws: &Path, tables: &str, sentences: &str) -> std::process::Output {
    std::fs::write(
        ws.join("bantin.toml"),
        format!("store = \"store.sqlite\"\noutput = \"out\"\n{tables}"),
    )
    .unwrap();
    std::fs::write(ws.join("article.txt"), sentences).unwrap();
    super::bin()
        .current_dir(ws)
        .env("BANTIN_TEST_KEY", "secret")
        .args([
            "--config",
            "bantin.toml",
            "brief",
            "--text",
            "article.txt",
            "--published",
            "2025-09-03",
            "--json",
        ])
        .output()
        .unwrap()
}

fn openai_table(base: &str, extra: &str) -> String {
    format!(
        "[vietnamese]\nengines = [\"openai\"]\n[engines.openai]\nurl = \"{base}/v1\"\nmodel = \"m\"\napi_key_env = \"BANTIN_TEST_KEY\"\n{extra}"
    )
}

/// A chat-completions answer.
fn chat(content: &str) -> Reply {
    let v = serde_json::json!({"id": "x", "object": "chat.completion", "model": "m",
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}]});
    full(200, "application/json", v.to_string())
}

/// An OpenAI-compatible server that lists the model `m` and answers chat requests with
/// `answer` (given the request and how many came to its path before).
fn openai_server(answer: impl Fn(&Req, usize) -> Reply + Send + Sync + 'static) -> Server {
    Server::start("127.0.0.1", move |req, n| match req.path.as_str() {
        "/v1/models" => full(
            200,
            "application/json",
            r#"{"object":"list","data":[{"id":"m","object":"model"}]}"#,
        ),
        _ => answer(req, n),
    })
}

fn posts(server: &Server) -> Vec<Req> {
    server
        .requests()
        .into_iter()
        .filter(|r| r.path.ends_with("/chat/completions") || r.path == "/translate")
        .collect()
}

#[test]
fn an_openai_engine_is_probed_asked_once_per_claim_and_its_faithful_answer_published() {
    let server = openai_server(|_, _| chat(FAITHFUL));
    let ws = tempfile::tempdir().unwrap();
    let b = engine_brief(ws.path(), &openai_table(&server.base, ""), SENTENCE);
    assert_eq!(b["vi"][0], FAITHFUL, "{b}");
    let reqs = posts(&server);
    assert_eq!(reqs.len(), 1);
    let v: serde_json::Value = serde_json::from_slice(&reqs[0].body).unwrap();
    assert_eq!(reqs[0].header("Authorization"), Some("Bearer secret"));
    assert_eq!(v["model"], "m");
    // The last user message ends with the sentence exactly as in the article; the system
    // prompt carries its figures and names the Vietnamese way.
    let last = v["messages"].as_array().unwrap().last().unwrap();
    assert_eq!(last["role"], "user");
    assert!(last["content"].as_str().unwrap().ends_with(SENTENCE), "{v}");
    let system = v["messages"][0]["content"].as_str().unwrap();
    assert!(
        system.contains("1.200") && system.contains("ngày 2/9/2025") && system.contains("Đức"),
        "{system}"
    );
    assert!(server.requests().iter().any(|r| r.path == "/v1/models"));
    // A rerun is answered from the store.
    let again = engine_brief(ws.path(), &openai_table(&server.base, ""), SENTENCE);
    assert_eq!(again["vi"][0], FAITHFUL);
    assert_eq!(posts(&server).len(), 1, "a rerun asked the engine again");
}

#[test]
fn every_kind_of_corrupted_answer_is_rejected_with_its_reason() {
    let answer: Arc<Mutex<String>> = Arc::default();
    let a2 = answer.clone();
    let server = openai_server(move |_, _| chat(&a2.lock().unwrap()));
    let cases = [
        (FAITHFUL.replace("1.200", "1.201"), "figures"),
        (FAITHFUL.replace("1.200", "1.200 triệu"), "figures"),
        (FAITHFUL.replace("2/9/2025", "2/9/1987"), "figures"),
        (FAITHFUL.replace("Maria Lopez", "Petra Lindqvist"), "names"),
        (FAITHFUL.replace("Havenlink ", ""), "names"),
        (
            FAITHFUL.replace("đã cắt giảm", "không cắt giảm"),
            "negation",
        ),
        (SENTENCE.to_string(), "language"),
        (String::new(), "answer"),
    ];
    for (k, (bad, check)) in cases.iter().enumerate() {
        *answer.lock().unwrap() = bad.clone();
        let ws = tempfile::tempdir().unwrap();
        let b = engine_brief(ws.path(), &openai_table(&server.base, ""), SENTENCE);
        assert!(
            b["vi"].as_array().unwrap().is_empty(),
            "case {k} published: {b}"
        );
        let rejected = &b["rejected"][0];
        assert_eq!(rejected["engine"], "openai");
        let reason = rejected["reason"].as_str().unwrap();
        assert!(
            reason.starts_with(check) || (*check == "answer" && reason.contains("empty")),
            "case {k}: {reason}"
        );
        assert_eq!(b["needs_translation"].as_array().unwrap().len(), 1);
    }
}

#[test]
fn a_failing_server_never_fails_the_brief_and_is_retried_politely() {
    // 429 with Retry-After, then an answer.
    let server = openai_server(|_, n| match n {
        0 => Reply::Full {
            status: 429,
            headers: vec![("Retry-After", "1".into())],
            body: b"slow down".to_vec(),
        },
        _ => chat(FAITHFUL),
    });
    let ws = tempfile::tempdir().unwrap();
    let b = engine_brief(ws.path(), &openai_table(&server.base, ""), SENTENCE);
    assert_eq!(b["vi"][0], FAITHFUL, "{b}");
    let reqs = posts(&server);
    assert_eq!(reqs.len(), 2);
    assert!(reqs[1].at - reqs[0].at >= Duration::from_millis(900));

    // 500s: retried at most twice, then left for the next run.
    let server = openai_server(|_, _| full(500, "text/plain", "model crashed"));
    let ws = tempfile::tempdir().unwrap();
    let b = engine_brief(ws.path(), &openai_table(&server.base, ""), SENTENCE);
    assert!(b["vi"].as_array().unwrap().is_empty());
    assert_eq!(posts(&server).len(), 3);
    assert!(
        b["rejected"][0]["reason"].as_str().unwrap().contains("500"),
        "{b}"
    );

    // A refused key, malformed JSON, a timeout: each one reason, never a failed brief.
    for (reply, why) in [
        (401u16, "refused the key"),
        (200, "not JSON"),
        (0, "request failed"),
    ] {
        let server = openai_server(move |_, _| match reply {
            0 => Reply::Slow,
            200 => full(200, "application/json", "{\"choices\": [oops"),
            s => full(s, "text/plain", "no"),
        });
        let ws = tempfile::tempdir().unwrap();
        let b = engine_brief(
            ws.path(),
            &openai_table(&server.base, "timeout_secs = 1\n"),
            SENTENCE,
        );
        assert!(b["vi"].as_array().unwrap().is_empty());
        let reason = b["rejected"][0]["reason"].as_str().unwrap();
        assert!(reason.contains(why), "{reason}");
    }

    // A failed probe: the engine is skipped for the run, nothing is asked.
    let server = Server::start("127.0.0.1", |req, _| match req.path.as_str() {
        "/v1/models" => full(200, "application/json", r#"{"data":[{"id":"other"}]}"#),
        _ => chat(FAITHFUL),
    });
    let ws = tempfile::tempdir().unwrap();
    let b = engine_brief(ws.path(), &openai_table(&server.base, ""), SENTENCE);
    assert!(b["vi"].as_array().unwrap().is_empty());
    assert!(posts(&server).is_empty());
}

#[test]
fn requests_go_concurrency_at_a_time() {
    let in_flight: Arc<Mutex<(usize, usize)>> = Arc::default();
    let f2 = in_flight.clone();
    let server = openai_server(move |_, _| {
        {
            let mut f = f2.lock().unwrap();
            f.0 += 1;
            f.1 = f.1.max(f.0);
        }
        std::thread::sleep(Duration::from_millis(300));
        f2.lock().unwrap().0 -= 1;
        chat("Không có gì.")
    });
    let text = "Havenlink hired 300 engineers in Germany last year. \
        Exports of rice from Thailand rose 12% in March. \
        The central bank of Brazil cut its main rate to 10.5%. \
        Floods in Kenya destroyed 4,000 homes and displaced 20,000 people. \
        Toyota sold 2.3 million cars in Japan during the first half. \
        A new bridge over the Mekong will cost $400 million, officials said. \
        Shares of Nordvik Lines fell 8% after the shipping group cut its forecast. \
        Vietnam welcomed 1.5 million foreign visitors in January, the tourism agency said.";
    let ws = tempfile::tempdir().unwrap();
    engine_brief(
        ws.path(),
        &openai_table(&server.base, "concurrency = 3\n"),
        text,
    );
    let most = in_flight.lock().unwrap().1;
    assert!(posts(&server).len() >= 4, "{}", posts(&server).len());
    assert_eq!(most, 3, "at most `concurrency` requests in flight");
}

#[test]
fn libretranslate_gets_placeholders_and_the_figures_come_back_the_vietnamese_way() {
    let server = Server::start("127.0.0.1", |req, _| match req.path.as_str() {
        "/languages" => full(
            200,
            "application/json",
            r#"[{"code":"en","name":"English","targets":["de","vi"]}]"#,
        ),
        "/translate" => {
            let v: serde_json::Value = serde_json::from_slice(&req.body).unwrap();
            let q = v["q"].as_str().unwrap().to_string();
            // A word-by-word engine that keeps the placeholders where they stand.
            let mut out = q.clone();
            for (en, vi) in [
                (" cut ", " cắt giảm "),
                (" jobs in ", " việc làm tại "),
                (", chief executive ", ", giám đốc điều hành "),
                (" said.", " cho biết."),
            ] {
                out = out.replace(en, vi);
            }
            full(
                200,
                "application/json",
                serde_json::json!({"translatedText": out}).to_string(),
            )
        }
        _ => full(404, "text/plain", "no"),
    });
    let ws = tempfile::tempdir().unwrap();
    let table = format!(
        "[vietnamese]\nengines = [\"libretranslate\"]\n[engines.libretranslate]\nurl = \"{}\"\n",
        server.base
    );
    let b = engine_brief(ws.path(), &table, SENTENCE);
    let vi = b["vi"][0].as_str().unwrap_or_default();
    assert!(
        vi.contains("1.200") && vi.contains("ngày 2/9/2025") && vi.contains("Đức"),
        "{b}"
    );
    let reqs = posts(&server);
    assert_eq!(reqs.len(), 1);
    let v: serde_json::Value = serde_json::from_slice(&reqs[0].body).unwrap();
    assert_eq!(
        (
            v["source"].as_str(),
            v["target"].as_str(),
            v["format"].as_str()
        ),
        (Some("en"), Some("vi"), Some("text"))
    );
    let q = v["q"].as_str().unwrap();
    assert!(
        !q.chars().any(|c| c.is_ascii_digit() && !q.contains('[')) && q.contains("[1]"),
        "{q}"
    );
    assert!(!q.contains("1,200") && !q.contains("Maria Lopez"), "{q}");
}

#[test]
fn a_server_whose_key_is_not_set_is_skipped_with_a_note_and_the_brief_goes_on() {
    let server = openai_server(|_, _| chat(FAITHFUL));
    let ws = tempfile::tempdir().unwrap();
    let table = openai_table(&server.base, "").replace("BANTIN_TEST_KEY", "BANTIN_UNSET_KEY");
    let out = engine_brief_output(ws.path(), &table, SENTENCE);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("BANTIN_UNSET_KEY") && err.lines().count() == 1,
        "{err}"
    );
    assert!(server.requests().is_empty());
}
