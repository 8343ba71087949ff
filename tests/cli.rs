//! End-to-end tests of the `bantin` command: each runs the real binary in a temporary folder
//! against fixtures under `tests/fixtures/` (and, for HTTP, a server of its own on 127.0.0.1).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod desk;
mod hub;
mod web;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_bantin"));
    // No translation model from the machine's Hugging Face cache: tests that want one make it.
    c.env(
        "HF_HUB_CACHE",
        std::env::temp_dir().join("bantin-tests-no-model-cache"),
    )
    .env_remove("HF_HOME")
    .env("HF_ENDPOINT", "http://127.0.0.1:9");
    c
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(p: &str) -> PathBuf {
    root().join("tests/fixtures").join(p)
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    bin()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("bantin runs")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = run_in(dir, args);
    assert!(
        out.status.success(),
        "bantin {args:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Fails with exactly one line on stderr that names `what`.
fn fails_naming(dir: &Path, args: &[&str], what: &str) {
    let out = run_in(dir, args);
    assert!(!out.status.success(), "bantin {args:?} should fail");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err.trim().lines().count(),
        1,
        "one line expected, got: {err}"
    );
    assert!(err.contains(what), "error should name {what}: {err}");
}

/// A working folder with the bundled sources copied in and a config pointing at them.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&root().join("sources"), &dir.path().join("sources"));
    dir
}

/// Adds a fixture page to the workspace's saved pages, with a sidecar giving its URL.
fn add_page(ws: &tempfile::TempDir, fixture_page: &str, name: &str, url: Option<&str>) {
    let pages = ws.path().join("sources/pages");
    std::fs::copy(fixture(fixture_page), pages.join(format!("{name}.html"))).unwrap();
    if let Some(url) = url {
        std::fs::write(
            pages.join(format!("{name}.toml")),
            format!("url = \"{url}\"\n"),
        )
        .unwrap();
    }
}

/// A workspace whose saved pages hold a hostile one (markup, handlers, `javascript:` links and
/// template syntax written as text; hidden text) dated 2025-06-05.
fn hostile_workspace() -> tempfile::TempDir {
    let ws = workspace();
    add_page(
        &ws,
        "hostile/page.html",
        "zz-hostile",
        Some("https://hostile.example/acme"),
    );
    ws
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn brief_json(dir: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(dir, args)).expect("brief --json prints JSON")
}

/// Approves every claim of a day whose rule rendering waits as a draft; returns how many.
fn approve_drafts(ws: &Path, day: &str) -> usize {
    let mut n = 0;
    for c in claims_of_day(ws, day) {
        if c["vi_draft"].is_string() {
            ok(ws, &["review", "approve", c["id"].as_str().unwrap()]);
            n += 1;
        }
    }
    n
}

#[test]
fn the_harvard_belfer_brief_keeps_its_facts_in_both_languages_once_the_drafts_are_approved() {
    let ws = workspace();
    ok(ws.path(), &["run"]);
    let day = ws.path().join("output/2025-06-06");
    let en = read(&day.join("brief.en.md"));
    assert!(en.contains("Harvard") && en.contains("Belfer"), "{en}");
    assert!(en.contains("57 of 64"), "{en}");
    assert!(en.contains("2019 to 2023"), "{en}");
    // The rules publish nothing unreviewed: their renderings wait as drafts, and a day with
    // no Vietnamese has no Vietnamese page.
    assert!(!day.join("brief.vi.md").exists());
    assert!(approve_drafts(ws.path(), "2025-06-06") >= 3);
    ok(ws.path(), &["run"]);
    let vi = read(&day.join("brief.vi.md"));
    for needle in ["5/6/2025", "57/64", "2019–2023", "Mỹ", "Trung Quốc", "📌"] {
        assert!(
            vi.contains(needle),
            "Vietnamese brief lacks {needle}:\n{vi}"
        );
    }
    insta::assert_snapshot!("harvard_belfer_brief_vi", vi);
}

#[test]
fn the_harvard_belfer_briefs_match_their_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let page = fixture("harvard-belfer/article.html");
    let out = dir.path().join("out");
    ok(
        dir.path(),
        &[
            "brief",
            page.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    insta::assert_snapshot!("harvard_belfer_brief_en", read(&out.join("brief.en.md")));
    // Before an editor approves anything, no Vietnamese passed: no Vietnamese page.
    assert!(!out.join("brief.vi.md").exists());
    let claims: serde_json::Value = serde_json::from_str(&read(&out.join("claims.json"))).unwrap();
    // Every record written is a whole claim record (its fields and their order are pinned in
    // `model`): read back and written again, it is the same JSON.
    for c in claims.as_array().unwrap() {
        let record: bantin::model::ClaimRecord = serde_json::from_value(c.clone()).unwrap();
        assert_eq!(&serde_json::to_value(&record).unwrap(), c);
    }
}

/// The facts of the reference Vietnamese brief (../shared/examples/harvard-belfer/), each as the
/// words an English bullet stating it must hold (any one group of alternatives).
const HARVARD_FACTS: &[(&str, &[&[&str]])] = &[
    (
        "US leads China in critical technologies",
        &[&["lead", "critical technologies"]],
    ),
    (
        "US edge: investment, workforce, decentralised ecosystem",
        &[&["investment", "ecosystem"]],
    ),
    (
        "Nature Index and ASPI trackers put China ahead",
        &[&["nature index"], &["leading country"]],
    ),
    (
        "Sichuan University overtook Stanford, MIT, Oxford in under 2 years",
        &[&["sichuan"]],
    ),
    (
        "ASPI: China led 57 of 64 technologies in 2019-2023",
        &[&["57 of 64", "2019 to 2023"]],
    ),
    (
        "indices miss funding, where the US leads",
        &[&["not captured"]],
    ),
    (
        "US leads in computing power and algorithms",
        &[&["computing power"]],
    ),
    (
        "China narrows the gap with planning, resources, human capital",
        &[&["centralised planning"], &["narrowing the gap"]],
    ),
    (
        "in AI China leads in data and human capital",
        &[&["data and human capital"], &["deepseek"]],
    ),
    (
        "China may overtake the US in biotechnology",
        &[&["overtake", "biotechnology"]],
    ),
    (
        "semiconductors: foreign equipment, Made in China 2025",
        &[&["semiconductor", "made in china"], &["foreign equipment"]],
    ),
    (
        "quantum: human capital and research bring China close",
        &[&["quantum", "research achievements"]],
    ),
    (
        "US may lose talent and funding to policy",
        &[&["lose talent"], &["polarisation"]],
    ),
    (
        "US and China foremost, ahead of Japan, Korea, UK, Germany, Taiwan",
        &[&["foremost"]],
    ),
];

#[test]
fn the_harvard_belfer_english_brief_covers_ten_of_the_fourteen_reference_facts() {
    let dir = tempfile::tempdir().unwrap();
    let page = fixture("harvard-belfer/article.html");
    // Fourteen bullets for fourteen facts (a day's brief has at most six a story).
    let b = brief_json(
        dir.path(),
        &[
            "brief",
            page.to_str().unwrap(),
            "--max-bullets",
            "14",
            "--json",
        ],
    );
    // The 📌 line states the main claims in place of their bullets: it counts too.
    let bullets: Vec<String> = b["en"]
        .as_array()
        .unwrap()
        .iter()
        .chain([&b["takeaway"]["en"]])
        .map(|v| v.as_str().unwrap().to_lowercase())
        .collect();
    let en = bullets.join("\n");
    let covered: Vec<&str> = HARVARD_FACTS
        .iter()
        .filter(|(_, alternatives)| {
            alternatives
                .iter()
                .any(|words| bullets.iter().any(|b| words.iter().all(|w| b.contains(w))))
        })
        .map(|(fact, _)| *fact)
        .collect();
    assert!(
        covered.len() >= 10,
        "{} of {} facts covered: {covered:?}\n{en}",
        covered.len(),
        HARVARD_FACTS.len()
    );
}

#[test]
fn the_harvard_belfer_claims_match_their_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let page = fixture("harvard-belfer/article.html");
    let out = ok(dir.path(), &["claims", page.to_str().unwrap(), "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // One line per claim: kind, text, its figures with their values, and who said it.
    let mut view = String::new();
    for c in v["claims"].as_array().unwrap() {
        let figures: Vec<String> = c["figures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let mut g = f.clone();
                let o = g.as_object_mut().unwrap();
                o.remove("span");
                o.remove("text");
                format!("{} {}", f["text"], g)
            })
            .collect();
        view.push_str(&format!(
            "[{}] {}\n  figures: {}\n  source: {}\n",
            c["kind"].as_str().unwrap(),
            c["text"].as_str().unwrap(),
            figures.join("; "),
            c["attribution"]["source"].as_str().unwrap_or("-"),
        ));
    }
    insta::assert_snapshot!("harvard_belfer_claims", view);
}

#[test]
fn figure_and_attribution_scores_stay_above_their_floor_on_both_sets() {
    let floor: serde_json::Value =
        serde_json::from_str(&read(&root().join("tests/eval_baseline.json"))).unwrap();
    for (file, key) in [
        (root().join("../shared/bench/figures/dev.jsonl"), "figures"),
        (fixture("figures/heldout.jsonl"), "figures_heldout"),
        (fixture("figures/third.jsonl"), "figures_third"),
    ] {
        if !file.exists() {
            eprintln!("skipped: {} is not here", file.display());
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let out = ok(dir.path(), &["eval", "figures", file.to_str().unwrap()]);
        let line = out
            .lines()
            .find(|l| l.starts_with("figures P="))
            .expect("a summary line");
        let get = |k: &str| metric(line, k);
        for (k, field) in [
            ("P", "precision"),
            ("R", "recall"),
            ("value", "value"),
            ("attribution", "attribution"),
        ] {
            let min = floor[key][field].as_f64().unwrap();
            assert!(
                get(k) >= min,
                "{key}: {k} {} fell below its floor {min}: {line}",
                get(k)
            );
        }
        assert!(line.ends_with("failures=0"), "{line}");
    }
}

#[test]
fn claims_resolve_thursday_against_the_publication_date() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("s.txt");
    std::fs::write(
        &text,
        "The report was released on Thursday by Harvard University, the team said.",
    )
    .unwrap();
    let out = ok(
        dir.path(),
        &[
            "claims",
            "--text",
            text.to_str().unwrap(),
            "--published",
            "2025-06-06",
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let f = &v["figures"][0];
    assert_eq!(f["kind"], "date");
    assert_eq!(f["value"], "2025-06-05");
    assert_eq!(f["text"], "Thursday");
    let span = f["span"].as_array().unwrap();
    assert_eq!(
        &read(&text)[span[0].as_u64().unwrap() as usize..span[1].as_u64().unwrap() as usize],
        "Thursday"
    );
    assert_eq!(v["claims"][0]["attribution"]["source"], "the team");
}

#[test]
fn the_daily_run_briefs_every_day_and_a_rerun_changes_nothing() {
    let ws = workspace();
    let report = ok(ws.path(), &["run"]);
    assert!(report.contains("articles extracted 12"), "{report}");
    let day = ws.path().join("output/2019-11-19");
    for f in ["brief.en.md", "brief.md", "claims.json"] {
        assert!(day.join(f).exists(), "missing {f}");
    }
    // Nothing in Vietnamese passed on its own (the rules' renderings wait for an editor):
    // no Vietnamese page, and nothing internal in the English one.
    assert!(!day.join("brief.vi.md").exists());
    assert!(!read(&day.join("brief.md")).contains("chờ"));
    // The multi-article day cites every source of the story it groups.
    let en = read(&day.join("brief.en.md"));
    assert!(en.matches("\n## ").count() >= 3, "{en}");
    assert!(
        en.contains("spacenews.com") && en.contains("space.com/nasa-picks"),
        "the two lander stories form one item"
    );
    let both = read(&day.join("brief.md"));
    assert!(
        both.starts_with("# Brief for") && !both.contains("# Bản tin"),
        "English alone while no Vietnamese passed: {both}"
    );

    let before: Vec<(PathBuf, String)> = outputs(&ws.path().join("output"));
    let again = ok(ws.path(), &["run"]);
    assert!(again.contains("articles extracted 0"), "{again}");
    assert!(again.contains("unchanged 12"), "{again}");
    assert_eq!(
        before,
        outputs(&ws.path().join("output")),
        "a rerun writes the same output"
    );
}

#[test]
fn claims_read_anew_by_newer_rules_are_briefed_again_and_wait_for_the_editor_as_before() {
    let ws = workspace();
    ok(ws.path(), &["run"]);
    let waiting = || {
        let out = ok(
            ws.path(),
            &["review", "list", "--needs-translation", "--json"],
        );
        let list: serde_json::Value = serde_json::from_str(&out).expect("review list JSON");
        list.as_array().map_or(0, Vec::len)
    };
    let before = waiting();
    assert!(before > 0, "the sample has claims waiting for the editor");
    // The articles were stored by an older bantin: their claims are read again, with no
    // rendering, and their days' briefs must be made again to render them.
    let db = rusqlite::Connection::open(ws.path().join("output/bantin.sqlite")).unwrap();
    db.execute("UPDATE articles SET content_hash = 'older rules'", [])
        .unwrap();
    drop(db);
    let again = ok(ws.path(), &["run"]);
    assert!(again.contains("articles extracted 12"), "{again}");
    assert!(!again.contains("already briefed"), "{again}");
    assert_eq!(waiting(), before);
}

/// Every brief file under `dir` with its contents, sorted.
fn outputs(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut v = Vec::new();
    for day in std::fs::read_dir(dir).unwrap().flatten() {
        if day.path().is_dir() {
            for f in std::fs::read_dir(day.path()).unwrap().flatten() {
                v.push((f.path(), read(&f.path())));
            }
        }
    }
    v.sort();
    v
}

#[test]
fn a_run_killed_midway_finishes_on_the_next_run() {
    let clean = workspace();
    ok(clean.path(), &["run"]);
    let ws = workspace();
    for delay_ms in [50, 150, 400] {
        let mut child = bin().current_dir(ws.path()).arg("run").spawn().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
    }
    ok(ws.path(), &["run"]);
    let strip = |v: Vec<(PathBuf, String)>, base: &Path| -> Vec<(PathBuf, String)> {
        v.into_iter()
            .map(|(p, s)| (p.strip_prefix(base).unwrap().to_path_buf(), s))
            .collect()
    };
    assert_eq!(
        strip(outputs(&clean.path().join("output")), clean.path()),
        strip(outputs(&ws.path().join("output")), ws.path())
    );
}

#[test]
fn a_day_whose_files_were_lost_is_written_again() {
    let ws = workspace();
    ok(ws.path(), &["run"]);
    let day = ws.path().join("output/2025-06-06");
    let kept = read(&day.join("brief.md"));
    std::fs::remove_dir_all(&day).unwrap();
    ok(ws.path(), &["run"]);
    assert_eq!(read(&day.join("brief.md")), kept);
}

fn claims_of_day(ws: &Path, day: &str) -> Vec<serde_json::Value> {
    let v: serde_json::Value =
        serde_json::from_str(&read(&ws.join("output").join(day).join("claims.json"))).unwrap();
    v.as_array().unwrap().clone()
}

#[test]
fn review_edits_rejections_and_approvals_shape_the_next_brief() {
    let ws = workspace();
    ok(ws.path(), &["run"]);
    let day = "2025-06-06";
    let claims = claims_of_day(ws.path(), day);
    let en_brief = read(&ws.path().join("output").join(day).join("brief.en.md"));
    let in_brief: Vec<&serde_json::Value> = claims
        .iter()
        .filter(|c| en_brief.contains(c["text"].as_str().unwrap().get(..40).unwrap_or("")))
        .collect();
    assert!(in_brief.len() >= 3, "need claims shown in the brief");
    let waiting = in_brief
        .iter()
        .find(|c| c["needs_translation"] == true && c["vi_draft"].is_string())
        .expect("a claim waiting for Vietnamese, with a draft");
    let edited = waiting["id"].as_str().unwrap();
    let rejected = in_brief.iter().find(|c| c["id"] != waiting["id"]).unwrap();
    let rejected_id = rejected["id"].as_str().unwrap();
    let rejected_text = rejected["text"].as_str().unwrap().to_string();

    // An edit that drops the claim's figures or names is refused, and nothing is saved.
    let out = run_in(
        ws.path(),
        &[
            "review",
            "edit",
            edited,
            "--vi",
            "Biên tập viên đã dịch ý này sang tiếng Việt.",
        ],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("gate"));
    let vi = format!(
        "{} (biên tập)",
        waiting["vi_draft"].as_str().unwrap().trim_end_matches('.')
    );
    let vi = vi.as_str();
    ok(ws.path(), &["review", "edit", edited, "--vi", vi]);
    ok(ws.path(), &["review", "reject", rejected_id]);
    ok(ws.path(), &["run"]);
    let vi_brief = read(&ws.path().join("output").join(day).join("brief.vi.md"));
    assert!(
        vi_brief.contains(vi),
        "the editor's Vietnamese is used:\n{vi_brief}"
    );
    let en_brief = read(&ws.path().join("output").join(day).join("brief.en.md"));
    assert!(
        !en_brief.contains(&rejected_text),
        "a rejected claim never appears"
    );

    let shown: serde_json::Value =
        serde_json::from_str(&ok(ws.path(), &["review", "show", edited, "--json"])).unwrap();
    assert_eq!(shown["claim"]["status"], "edited");
    assert_eq!(shown["claim"]["vi_origin"], "human");
    assert_eq!(shown["history"][0]["editor"], "editor");

    // Only approved claims with --approved-only.
    ok(ws.path(), &["review", "approve", edited]);
    ok(ws.path(), &["run", "--date", day, "--approved-only"]);
    let claims = claims_of_day(ws.path(), day);
    let en_brief = read(&ws.path().join("output").join(day).join("brief.en.md"));
    let shown: Vec<_> = claims
        .iter()
        .filter(|c| en_brief.contains(c["text"].as_str().unwrap().get(..40).unwrap_or("~")))
        .collect();
    assert!(
        shown.iter().all(|c| c["id"] == edited),
        "only the approved claim is shown"
    );
}

#[test]
fn an_edit_is_remembered_for_the_same_english_text() {
    let ws = workspace();
    ok(ws.path(), &["run"]);
    let claims = claims_of_day(ws.path(), "2025-06-06");
    let c = claims
        .iter()
        .find(|c| c["needs_translation"] == true && c["vi_draft"].is_string())
        .unwrap();
    let vi = c["vi_draft"].as_str().unwrap();
    ok(
        ws.path(),
        &["review", "edit", c["id"].as_str().unwrap(), "--vi", vi],
    );
    // The same sentence in a new article comes out of the translation memory.
    let text = ws.path().join("again.txt");
    std::fs::write(&text, format!("{}\n\nThe United States continued to lead China in critical technologies, the report said.", c["text"].as_str().unwrap())).unwrap();
    let b = brief_json(
        ws.path(),
        &[
            "brief",
            "--text",
            text.to_str().unwrap(),
            "--published",
            "2025-06-06",
            "--json",
            "--max-bullets",
            "2",
        ],
    );
    assert!(b["vi"].as_array().unwrap().iter().any(|v| v == vi), "{b}");
}

#[test]
fn a_broken_source_file_is_reported_and_the_others_still_run() {
    let ws = workspace();
    std::fs::write(
        ws.path().join("sources/broken.toml"),
        "name = \"Broken\"\nkind = \"nope\"\n",
    )
    .unwrap();
    // The others run; then the run exits non-zero so a scheduled job notices, saying why.
    let run = run_in(ws.path(), &["run"]);
    assert!(!run.status.success());
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(
        out.contains("invalid source file") && out.contains("broken.toml"),
        "{out}"
    );
    assert!(out.contains("articles extracted 12"), "{out}");
    assert!(
        out.contains("problems (the run exits with status 1): 1"),
        "{out}"
    );
}

#[test]
fn a_term_taught_in_review_is_used_by_the_next_brief() {
    let ws = workspace();
    ok(ws.path(), &["run"]);
    let list = ok(ws.path(), &["review", "list", "--date", "2025-06-06"]);
    // Review says why a claim has no Vietnamese: the word the glossary lacks.
    let (id, word) = list
        .lines()
        .find_map(|l| {
            let w = l.split("[no Vietnamese for \"").nth(1)?.split('"').next()?;
            Some((l.split_whitespace().next()?.to_string(), w.to_string()))
        })
        .expect("a claim waiting for a word");
    let said = ok(
        ws.path(),
        &["review", "term", &word, "từ mới", "--pos", "adj"],
    );
    assert!(said.contains(&word), "{said}");
    ok(ws.path(), &["run"]);
    let list = ok(ws.path(), &["review", "list", "--date", "2025-06-06"]);
    let line = list.lines().find(|l| l.starts_with(&id)).unwrap();
    assert!(
        !line.contains(&format!("[no Vietnamese for \"{word}\"]")),
        "{line}"
    );
    fails_naming(
        ws.path(),
        &["review", "term", "quantify", "định lượng", "--pos", "thing"],
        "part of speech",
    );
    // A term may carry the lexicon's word classes (each once, in the lexicon's order); an
    // unknown one is refused by name.
    let said = ok(
        ws.path(),
        &[
            "review",
            "term",
            "skyrocket",
            "tăng vọt",
            "--pos",
            "verb",
            "--tag",
            "rise,motion,rise,",
        ],
    );
    assert!(
        said.contains("skyrocket (verb) = tăng vọt [motion, rise]"),
        "{said}"
    );
    fails_naming(
        ws.path(),
        &[
            "review",
            "term",
            "plunge",
            "lao dốc",
            "--pos",
            "verb",
            "--tag",
            "falling",
        ],
        "tag \"falling\" is not one of",
    );
}

#[test]
fn invalid_review_input_is_refused_and_loses_nothing() {
    let ws = workspace();
    ok(ws.path(), &["run"]);
    let c = &claims_of_day(ws.path(), "2025-06-06")[0];
    let id = c["id"].as_str().unwrap();
    fails_naming(ws.path(), &["review", "approve", "nosuchid"], "nosuchid");
    fails_naming(
        ws.path(),
        &["review", "edit", id, "--vi", "  "],
        "the Vietnamese is empty",
    );
    fails_naming(ws.path(), &["review", "edit", id], "needs --en");
    let shown: serde_json::Value =
        serde_json::from_str(&ok(ws.path(), &["review", "show", id, "--json"])).unwrap();
    assert_eq!(shown["claim"]["status"], "pending");
    assert!(ok(ws.path(), &["review", "list", "--date", "2025-06-06"]).contains(id));
}

#[test]
fn bad_input_gets_one_clear_line_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fails_naming(d, &["extract", "/no/such/page.html"], "/no/such/page.html");
    let binary = fixture("bad/binary.html");
    fails_naming(d, &["extract", binary.to_str().unwrap()], "binary");
    let nav = fixture("bad/navigation-only.html");
    fails_naming(d, &["extract", nav.to_str().unwrap()], "not an article");
    let malformed = fixture("bad/malformed.html");
    fails_naming(
        d,
        &["extract", malformed.to_str().unwrap()],
        "malformed.html",
    );
    std::fs::write(d.join("bad.toml"), "max_bulets = 3\n").unwrap();
    fails_naming(d, &["--config", "bad.toml", "run"], "max_bulets");
    fails_naming(d, &["claims", "--json"], "--text");
    fails_naming(d, &["run", "--date", "2025-13-01"], "2025-13-01");
    fails_naming(d, &["run", "--no-such-flag"], "--no-such-flag");
}

#[test]
fn a_broken_page_among_good_ones_does_not_stop_the_run() {
    let ws = workspace();
    add_page(
        &ws,
        "bad/binary.html",
        "zz-binary",
        Some("https://example.com/binary"),
    );
    let report = ok(ws.path(), &["run"]);
    assert!(report.contains("articles extracted 12"), "{report}");
    assert!(
        report.contains("https://example.com/binary: page is binary"),
        "{report}"
    );
}

/// A one-shot HTTP server on 127.0.0.1 that answers each request from `pages` by path.
fn serve(pages: Vec<(&'static str, u16, &'static str, Vec<u8>)>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(16) {
            let Ok(mut s) = stream else { continue };
            let mut reader = BufReader::new(s.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap() <= 2 {
                    break;
                }
            }
            let (status, ctype, body) = pages
                .iter()
                .find(|(p, ..)| *p == path)
                .map(|(_, st, ct, b)| (*st, *ct, b.clone()))
                .unwrap_or((404, "text/plain", b"not found".to_vec()));
            let head = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = s.write_all(head.as_bytes());
            let _ = s.write_all(&body);
        }
    });
    format!("http://{addr}")
}

#[test]
fn extracts_a_page_served_over_http() {
    let html = std::fs::read(fixture("harvard-belfer/article.html")).unwrap();
    let base = serve(vec![
        ("/article.html", 200, "text/html; charset=utf-8", html),
        ("/image.png", 200, "image/png", vec![0x89, b'P', b'N', b'G']),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let out = ok(
        dir.path(),
        &["extract", &format!("{base}/article.html"), "--json"],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["title"],
        "US still reigns over China in tech race, but gaps are quickly closing: Harvard report"
    );
    assert_eq!(v["published"], "2025-06-06T09:00:00+08:00");
    assert_eq!(v["site_name"], "South China Morning Post");
    assert!(
        v["text"]
            .as_str()
            .unwrap()
            .contains("57 of 64 technologies")
    );
    assert!(!v["text"].as_str().unwrap().contains("Subscribe"));
    fails_naming(
        dir.path(),
        &["extract", &format!("{base}/missing.html")],
        "404",
    );
    fails_naming(
        dir.path(),
        &["extract", &format!("{base}/image.png")],
        "image/png",
    );
    fails_naming(
        dir.path(),
        &["extract", "http://127.0.0.1:9/dead"],
        "127.0.0.1:9",
    );
}

#[test]
fn batch_extraction_writes_one_record_per_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let pages = root().join("sources/pages");
    let o = run_in(
        dir.path(),
        &[
            "extract",
            "--batch",
            pages.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("pages/s"));
    let v: serde_json::Value =
        serde_json::from_str(&read(&out.join("nasa-landers-spacenews.json"))).unwrap();
    for key in [
        "url",
        "title",
        "byline",
        "published",
        "lang",
        "site_name",
        "text",
    ] {
        assert!(v.get(key).is_some(), "record lacks {key}");
    }
    assert!(out.join("harvard-belfer-scmp.json").exists());
}

#[test]
fn publish_writes_a_bilingual_site_with_a_feed() {
    let ws = workspace();
    ok(ws.path(), &["run"]);
    approve_drafts(ws.path(), "2025-06-06");
    ok(ws.path(), &["run"]);
    let site = ws.path().join("site");
    ok(
        ws.path(),
        &[
            "publish",
            "--site",
            site.to_str().unwrap(),
            "--format",
            "hugo",
        ],
    );
    let vi = read(&site.join("content/2025-06-06.vi.md"));
    assert!(vi.starts_with("---\n"), "{vi}");
    assert!(
        vi.contains("lang: vi") && vi.contains("translationKey: \"brief-2025-06-06\""),
        "{vi}"
    );
    assert!(vi.contains("57/64"));
    let en = read(&site.join("content/2025-06-06.en.md"));
    assert!(en.contains("lang: en") && en.contains("scmp.com"));
    let html = read(&site.join("public/2025-06-06.vi.html"));
    assert!(html.contains("<li>") && html.contains("lang=\"vi\""));
    let feed = read(&site.join("public/feed.xml"));
    // Every day in English, the approved day in Vietnamese too; no page for a day without.
    assert!(
        feed.contains("<feed") && feed.matches("<entry>").count() >= 5,
        "{feed}"
    );
    assert!(!site.join("public/2019-11-19.vi.html").exists());
    assert!(!site.join("content/2019-11-19.vi.md").exists());
    let index = read(&site.join("public/index.html"));
    assert!(
        index.contains("2025-06-06.vi.html") && !index.contains("2019-11-19.vi.html"),
        "{index}"
    );
    assert!(
        index.contains("<li><a href=\"2025-06-06.en.html\">"),
        "headlines are listed: {index}"
    );
    ok(ws.path(), &["publish", "--site", site.to_str().unwrap()]);
    assert!(read(&site.join("content/2025-06-06.en.md")).starts_with("+++\n"));
}

#[test]
fn a_template_from_the_user_folder_overrides_the_built_in_one() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("tpl");
    ok(dir.path(), &["templates", "dump", t.to_str().unwrap()]);
    let en = read(&t.join("brief.en.md")).replace("# Brief for", "# Morning brief for");
    std::fs::write(t.join("brief.en.md"), en).unwrap();
    let page = fixture("harvard-belfer/article.html");
    let out = ok(
        dir.path(),
        &[
            "--templates",
            t.to_str().unwrap(),
            "brief",
            page.to_str().unwrap(),
        ],
    );
    assert!(out.starts_with("# Morning brief for June 6, 2025"), "{out}");
}

#[test]
fn a_corrupted_bullet_is_refused_in_review_and_never_published() {
    // An editor's English edit that changes a figure fails the check at once, is kept as a
    // draft, and never reaches a brief.
    let ws = workspace();
    ok(ws.path(), &["run"]);
    let claims = claims_of_day(ws.path(), "2025-06-06");
    let c = claims
        .iter()
        .find(|c| c["text"].as_str().unwrap().contains("57 of 64"))
        .unwrap();
    let id = c["id"].as_str().unwrap();
    fails_naming(
        ws.path(),
        &[
            "review",
            "edit",
            id,
            "--en",
            "China led in 58 of 64 technologies from 2019 to 2023.",
        ],
        "\"58 of 64\" is not in the source",
    );
    let shown: serde_json::Value =
        serde_json::from_str(&ok(ws.path(), &["review", "show", id, "--json"])).unwrap();
    assert_eq!(shown["claim"]["status"], "pending");
    assert!(shown["draft"]["en"].as_str().unwrap().contains("58 of 64"));
    ok(ws.path(), &["run"]);
    assert!(!read(&ws.path().join("output/2025-06-06/brief.en.md")).contains("58 of 64"));
    let vi = ws.path().join("output/2025-06-06/brief.vi.md");
    assert!(!vi.exists() || !read(&vi).contains("58/64"));
}

fn fetched(path: &Path, content_type: Option<String>) -> bantin::model::Fetched {
    bantin::model::Fetched {
        url: format!("https://fixture.example/{}", path.display()),
        source: "fixture".into(),
        body: std::fs::read(path).unwrap(),
        content_type,
        published_hint: None,
        site_hint: None,
        fetched_at: chrono::Utc::now(),
    }
}

/// Every fixture case folder under `tests/fixtures/<group>`, sorted.
fn cases(group: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(fixture(group))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    v.sort();
    assert!(!v.is_empty());
    v
}

#[test]
fn every_charset_fixture_decodes_to_its_expected_text() {
    use unicode_normalization::UnicodeNormalization;
    for case in cases("charsets") {
        let ct = std::fs::read_to_string(case.join("content-type"))
            .ok()
            .map(|s| s.trim().to_string());
        let a = bantin::extract::extract(
            &fetched(&case.join("page.html"), ct),
            &bantin::extract::Limits::default(),
        )
        .unwrap_or_else(|e| panic!("{}: {e:#}", case.display()))
        .unwrap_or_else(|| panic!("{}: not an article", case.display()));
        for line in read(&case.join("expected.txt"))
            .lines()
            .filter(|l| !l.is_empty())
        {
            assert!(
                a.text.contains(line),
                "{}: {line:?} not in {:?}",
                case.display(),
                &a.text[..a.text.len().min(200)]
            );
        }
        assert_eq!(
            a.text.nfc().collect::<String>(),
            a.text,
            "{}: text is NFC",
            case.display()
        );
    }
}

#[test]
fn an_articles_short_items_and_lines_are_kept_and_a_list_of_dated_headlines_is_not() {
    let a = bantin::extract::extract(
        &fetched(&fixture("lists/short-items/page.html"), None),
        &bantin::extract::Limits::default(),
    )
    .unwrap()
    .expect("an article");
    for item in [
        "Holding the pencil",
        "Light and shadow",
        "A sketchbook",
        "Twelve places each term",
        "Beginners welcome",
    ] {
        assert!(a.text.contains(item), "{item} missing from {}", a.text);
    }
    for line in ["Library opens on Sundays", "11/20/2025 01:14 PM"] {
        assert!(!a.text.contains(line), "{line} kept in {}", a.text);
    }
}

#[test]
fn every_verdict_fixture_gets_its_verdict() {
    for case in cases("verdicts") {
        let want = read(&case.join("expected.txt")).trim().to_string();
        let got = bantin::extract::extract(
            &fetched(&case.join("page.html"), None),
            &bantin::extract::Limits::default(),
        )
        .unwrap()
        .map_or("not_article".to_string(), |a| {
            a.verdict.as_str().to_string()
        });
        assert_eq!(got, want, "{}", case.display());
    }
}

#[test]
fn a_run_reports_pages_it_will_not_summarise_with_their_verdict() {
    let ws = workspace();
    add_page(&ws, "verdicts/paywalled/page.html", "zz-wall", None);
    let report = ok(ws.path(), &["run"]);
    assert!(report.contains("paywalled (not summarised)"), "{report}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]

    #[test]
    fn extraction_never_panics_on_any_markup(s in ".{0,400}", tags in proptest::collection::vec("</?[a-z]{1,8}( [a-z]+=\"?[^>]{0,10})?/?>", 0..40)) {
        let html = tags.iter().fold(s, |acc, t| acc + t + "text, more text. ");
        let _ = bantin::extract::extract_html(&html, "https://fuzz.example/");
        for f in bantin::claims::figures::find(&html, chrono::NaiveDate::from_ymd_opt(2025, 6, 6)) {
            proptest::prop_assert_eq!(&html[f.span[0]..f.span[1]], f.text.as_str());
        }
    }

    /// The short form of the `fuzz/` extract target: any bytes, any charset label.
    #[test]
    fn extraction_never_panics_on_any_bytes(body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2000), label in "(utf-8|shift_jis|windows-1252|x-bogus)?") {
        let mut page = fetched(&fixture("verdicts/ok/page.html"), Some(format!("text/html; charset={label}")));
        page.body = body;
        let _ = bantin::extract::extract(&page, &bantin::extract::Limits::default());
    }

    #[test]
    fn extraction_never_panics_on_a_truncated_real_page(cut in 0usize..10_000) {
        let html = std::fs::read(fixture("harvard-belfer/article.html")).unwrap();
        let cut = cut.min(html.len());
        let _ = bantin::extract::extract_html(&String::from_utf8_lossy(&html[..cut]), "https://fuzz.example/");
    }
}

#[test]
fn huge_and_deep_pages_are_handled() {
    let deep = format!(
        "<html><body>{}<p>{}</p></body></html>",
        "<div>".repeat(100_000),
        "word ".repeat(100)
    );
    let _ = bantin::extract::extract_html(&deep, "https://deep.example/");
    let wide = format!(
        "<html><body><article>{}</article></body></html>",
        (0..9_000)
            .map(|i| format!("<p>The council met on Tuesday to discuss item {i} of the budget for the coming year, and argued for most of the evening about new roads, the library and the pool.</p>"))
            .collect::<String>()
    );
    assert!(wide.len() > 1_400_000);
    let a = bantin::extract::extract_html(&wide, "https://wide.example/")
        .unwrap()
        .unwrap();
    assert!(a.paragraphs.len() > 1000);
}

/// The number after `key=` in a report line ("F1=0.9707").
fn metric(line: &str, key: &str) -> f64 {
    let i = line.find(&format!("{key}=")).unwrap() + key.len() + 1;
    line[i..]
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn bench_brief_reports_speed_and_memory_over_a_folder_of_pages() {
    let ws = workspace();
    let out = ok(
        ws.path(),
        &["bench", "brief", "sources/pages", "--rounds", "1"],
    );
    let line = out
        .lines()
        .find(|l| l.starts_with("brief:"))
        .expect("a brief line");
    assert!(line.contains("12 articles"), "{line}");
    for part in ["articles/s", "p95", "peak RSS"] {
        assert!(line.contains(part), "{part} missing: {line}");
    }
}

/// The benchmark lives in ../shared (tests may read it; the program never does).
fn shared_bench() -> Option<PathBuf> {
    let p = root().join("../shared/bench/extraction");
    p.join("ground-truth.json").exists().then_some(p)
}

/// What `bench extract` prints for a benchmark folder (`html/` and `ground-truth.json`), one pass.
fn bench_extract(bench: &Path) -> String {
    let dir = tempfile::tempdir().unwrap();
    ok(
        dir.path(),
        &[
            "bench",
            "extract",
            bench.join("html").to_str().unwrap(),
            "--truth",
            bench.join("ground-truth.json").to_str().unwrap(),
            "--rounds",
            "1",
        ],
    )
}

#[test]
fn extraction_quality_stays_above_its_floor_on_the_benchmark() {
    let Some(bench) = shared_bench() else {
        eprintln!("skipped: ../shared/bench/extraction is not here");
        return;
    };
    let floor: serde_json::Value =
        serde_json::from_str(&read(&root().join("tests/eval_baseline.json"))).unwrap();
    let out = bench_extract(&bench);
    let line = out
        .lines()
        .find(|l| l.starts_with("quality:"))
        .expect("a quality line");
    let get = |k: &str| metric(line, k);
    for (k, key) in [("F1", "f1"), ("P", "precision"), ("R", "recall")] {
        let min = floor["extraction"][key].as_f64().unwrap();
        assert!(
            get(k) >= min,
            "{k} {} fell below its floor {min}: {line}",
            get(k)
        );
    }
}

#[test]
fn articles_are_extracted_and_lists_refused_above_their_floors_on_the_2025_set() {
    let bench = root().join("../shared/bench/extraction-2025");
    if !bench.join("ground-truth.json").exists() {
        eprintln!("skipped: ../shared/bench/extraction-2025 is not here");
        return;
    }
    let floor: serde_json::Value =
        serde_json::from_str(&read(&root().join("tests/eval_baseline.json"))).unwrap();
    let floor = &floor["extraction_2025"];
    let out = bench_extract(&bench);
    // "  listing  93  F1=... P=... R=...  39 / 7 / 47 / 0  not an article 50.5%"
    let kind = |k: &str| {
        let line = out
            .lines()
            .find(|l| l.split_whitespace().next() == Some(k))
            .unwrap_or_else(|| panic!("no line for {k}: {out}"));
        let words: Vec<&str> = line.split_whitespace().collect();
        let pages: f64 = words[1].parse().unwrap();
        let slash = words.iter().position(|w| *w == "/").unwrap();
        let refused: f64 = words[slash + 3].parse().unwrap();
        (line.to_string(), pages, refused)
    };
    let (article, pages, refused) = kind("article");
    let f1 = metric(&article, "F1");
    assert!(f1 >= floor["article_f1"].as_f64().unwrap(), "{article}");
    assert!(
        refused / pages <= floor["article_refused_at_most"].as_f64().unwrap(),
        "{article}"
    );
    let (mut all, mut lists) = (0.0, 0.0);
    for k in ["listing", "collection", "product"] {
        let (_, pages, refused) = kind(k);
        all += pages;
        lists += refused;
    }
    let share = lists / all;
    assert!(
        share >= floor["lists_refused"].as_f64().unwrap(),
        "listing, collection and product pages refused: {share:.3}"
    );
}

#[test]
fn every_metadata_fixture_reads_its_expected_fields() {
    for case in cases("metadata") {
        let dir = tempfile::tempdir().unwrap();
        let out = ok(
            dir.path(),
            &[
                "extract",
                case.join("page.html").to_str().unwrap(),
                "--json",
            ],
        );
        let got: serde_json::Value = serde_json::from_str(&out).unwrap();
        let want: serde_json::Value =
            serde_json::from_str(&read(&case.join("expected.json"))).unwrap();
        for (k, v) in want.as_object().unwrap() {
            assert_eq!(&got[k], v, "{}: {k}", case.display());
        }
    }
}

#[test]
fn two_briefs_making_one_new_store_at_once_both_succeed() {
    // Switching a new store to WAL needs the file to itself, and SQLite answers "busy" then
    // without waiting: the second process must wait, never fail. (A closed port as the engine:
    // a brief with a server configured keeps its answers in the store.)
    let config = "store = \"s.sqlite\"\noutput = \"o\"\n[vietnamese]\nengines = [\"openai\"]\n[engines.openai]\nurl = \"http://127.0.0.1:9/v1\"\nmodel = \"m\"\n";
    for _ in 0..30 {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("c.toml"), config).unwrap();
        std::fs::write(
            dir.path().join("a.txt"),
            "Havenlink cut 1,200 jobs in Germany.",
        )
        .unwrap();
        let children: Vec<_> = (0..2)
            .map(|_| {
                bin()
                    .current_dir(dir.path())
                    .args(["--config", "c.toml", "brief", "--text", "a.txt", "--json"])
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

#[test]
fn only_english_articles_are_briefed_and_the_report_counts_the_others_by_language() {
    let ws = workspace();
    for (page, name) in [
        ("languages/german-declared-english.html", "zz-de"),
        ("languages/spanish.html", "zz-es"),
        ("languages/vietnamese.html", "zz-vi"),
    ] {
        add_page(&ws, page, name, None);
    }
    let report = ok(ws.path(), &["run"]);
    assert!(
        report.contains("not English (kept, not briefed): 3 articles: de 1, es 1, vi 1"),
        "{report}"
    );
    assert!(
        report.contains("does not translate Vietnamese pages"),
        "{report}"
    );
    // Kept in the store with their language, and in no brief.
    let extracted = ok(
        ws.path(),
        &[
            "extract",
            "--json",
            &fixture("languages/german-declared-english.html")
                .display()
                .to_string(),
        ],
    );
    assert!(extracted.contains("\"lang\": \"de\""), "{extracted}");
    let day = ws.path().join("output/2025-06-05");
    assert!(!day.exists(), "no day is briefed from pages not in English");
    // A rerun counts them again and changes nothing.
    let again = ok(ws.path(), &["run"]);
    assert!(again.contains("de 1, es 1, vi 1"), "{again}");
}

#[test]
fn a_second_run_waits_for_the_first_and_both_succeed() {
    let ws = workspace();
    // Another process holds the lock: the run says so and waits.
    let lock = bantin::pipeline::RunLock::acquire(&ws.path().join("output/bantin.sqlite"), |_| {
        panic!("nobody holds the lock yet")
    })
    .unwrap();
    let child = bin()
        .current_dir(ws.path())
        .arg("run")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(
        !ws.path().join("output/2019-11-19").exists(),
        "the run waits before writing anything"
    );
    drop(lock);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("waiting for it to finish"), "{err}");
    let relative = |ws: &Path| -> Vec<(PathBuf, String)> {
        let out = ws.join("output");
        outputs(&out)
            .into_iter()
            .map(|(p, text)| (p.strip_prefix(&out).unwrap().to_path_buf(), text))
            .collect()
    };
    let first = relative(ws.path());

    // Two runs started at once on a fresh folder: both succeed, with the same files.
    let ws2 = workspace();
    let spawn = || {
        bin()
            .current_dir(ws2.path())
            .arg("run")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(relative(ws2.path()), first);
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.path().is_dir() {
            out.extend(files_under(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}

#[test]
fn a_hostile_page_is_briefed_and_published_with_no_live_link_handler_or_script() {
    let ws = hostile_workspace();
    ok(ws.path(), &["run"]);
    ok(ws.path(), &["publish"]);
    let out = ws.path().join("output");
    let day = out.join("2025-06-05");
    let en = read(&day.join("brief.en.md"));
    assert!(en.contains("Acme"), "the hostile page is briefed: {en}");
    let live = regex::Regex::new(
        r#"(?i)<script|<img|<iframe|(href|src|action)\s*=\s*["']?\s*javascript:|<[a-z][^>]*\son[a-z]+\s*="#,
    )
    .unwrap();
    let mut checked = 0;
    for f in files_under(&out) {
        let name = f.display().to_string();
        if name.ends_with(".sqlite") || name.contains(".sqlite-") || name.ends_with(".lock") {
            continue;
        }
        let text = read(&f);
        checked += 1;
        assert!(
            !text.contains(|c: char| c.is_control() && c != '\n' && c != '\t')
                && !text.contains("\\u0000")
                && !text.contains("\\u001b"),
            "{name} carries a control character"
        );
        assert!(
            !text.contains("HIDDEN"),
            "{name} carries text the page hides"
        );
        if name.ends_with(".md") {
            // As Markdown renders it: links only to http(s), no raw HTML at all.
            for event in pulldown_cmark::Parser::new(&text) {
                match event {
                    pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link {
                        dest_url, ..
                    })
                    | pulldown_cmark::Event::Start(pulldown_cmark::Tag::Image {
                        dest_url, ..
                    }) => assert!(
                        dest_url.starts_with("https://") || dest_url.starts_with("http://"),
                        "{name} links to {dest_url}"
                    ),
                    pulldown_cmark::Event::Html(h) | pulldown_cmark::Event::InlineHtml(h) => {
                        panic!("{name} carries raw HTML: {h}")
                    }
                    _ => {}
                }
            }
        }
        if name.ends_with(".html") || name.ends_with(".xml") {
            // The feed carries its HTML escaped: read it as the reader's feed reader will.
            let html = if name.ends_with(".xml") {
                text.replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&amp;", "&")
            } else {
                text.clone()
            };

            assert!(
                !live.is_match(&html),
                "{name} carries live markup: {:?}",
                live.find(&html).map(|m| m.as_str())
            );
        }
    }
    assert!(checked >= 8, "outputs checked: {checked}");
    // The words stay, as text: the reader sees what the page wrote.
    let site = read(&out.join("site/public/2025-06-05.en.html"));
    assert!(site.contains("&lt;script&gt;alert(1)"), "{site}");
    // The index lists the day's headlines, escaped like every page.
    let index = read(&out.join("site/public/index.html"));
    assert!(index.contains("Acme") && !live.is_match(&index), "{index}");
}

#[test]
fn a_day_tells_its_most_important_stories_in_full_and_the_rest_in_one_line_each() {
    let ws = workspace();
    std::fs::write(ws.path().join("sources/config.toml"), "max_stories = 3\n").unwrap();
    ok(ws.path(), &["run"]);
    let en = read(&ws.path().join("output/2019-11-19/brief.en.md"));
    let (full, also) = en
        .split_once("## Also today")
        .expect("an Also today section");
    assert_eq!(full.matches("\n## ").count(), 3, "{en}");
    assert_eq!(full.matches("📌").count(), 3, "{en}");
    assert!(
        also.lines().filter(|l| l.starts_with("- ")).count() >= 1,
        "{en}"
    );
    assert!(
        also.contains("](https://"),
        "each line links its source: {also}"
    );
    for story in full.split("\n## ").skip(1) {
        let bullets = story.lines().filter(|l| l.starts_with("- ")).count();
        assert!((1..=6).contains(&bullets), "{story}");
    }
    insta::assert_snapshot!("three_story_day_en", en);
}
