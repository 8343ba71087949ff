//! The translation model: pulled from a Hugging Face Hub of our own on 127.0.0.1 (a tiny Marian
//! model with random weights that the test writes), then run on the sample day behind the gate.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;

use sha1::Digest as _;

use super::web::{Reply, Server};
use super::{bin, read, workspace};

const REPO: &str = "Helsinki-NLP/opus-mt-en-vi";
const COMMIT: &str = "0123456789abcdef0123456789abcdef01234567";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A Hub serving the tiny model under `REPO` and under `broken/model`, whose weights arrive
/// corrupted.
fn hub(model: &Path) -> Server {
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for e in std::fs::read_dir(model).unwrap() {
        let e = e.unwrap();
        files.insert(
            e.file_name().to_string_lossy().into(),
            std::fs::read(e.path()).unwrap(),
        );
    }
    let siblings: Vec<serde_json::Value> = files
        .iter()
        .map(|(name, bytes)| {
            let mut git = sha1::Sha1::new();
            git.update(format!("blob {}\0", bytes.len()).as_bytes());
            git.update(bytes);
            let mut s = serde_json::json!({"rfilename": name, "size": bytes.len(), "blobId": hex(&git.finalize())});
            if name.ends_with(".safetensors") {
                let sha = sha2::Sha256::digest(bytes);
                s["lfs"] = serde_json::json!({"sha256": hex(&sha), "size": bytes.len(), "pointerSize": 134});
            }
            s
        })
        .chain([serde_json::json!({"rfilename": "README.md", "blobId": "0".repeat(40), "size": 5})])
        .collect();
    let info = serde_json::json!({"id": REPO, "sha": COMMIT, "siblings": siblings}).to_string();
    Server::start("127.0.0.1", move |req, _| {
        let path = req.path.as_str();
        for repo in [REPO, "broken/model"] {
            if path == format!("/api/models/{repo}/revision/main?blobs=true") {
                return Reply::Full {
                    status: 200,
                    headers: vec![("Content-Type", "application/json".into())],
                    body: info.clone().into_bytes(),
                };
            }
            if let Some(file) = path.strip_prefix(&format!("/{repo}/resolve/{COMMIT}/"))
                && let Some(bytes) = files.get(file)
            {
                let mut body = bytes.clone();
                if repo == "broken/model" && file == "model.safetensors" {
                    let last = body.len() - 1;
                    body[last] ^= 0xff;
                }
                return Reply::Full {
                    status: 200,
                    headers: vec![],
                    body,
                };
            }
        }
        Reply::Full {
            status: 404,
            headers: vec![],
            body: b"not found".to_vec(),
        }
    })
}

/// A folder holding the tiny model (`made/`) and room for a cache, and a Hub serving it.
fn tiny_hub() -> (tempfile::TempDir, Server) {
    let tmp = tempfile::tempdir().unwrap();
    let model = tmp.path().join("made");
    bantin::translate::marian::tiny::write(&model, Default::default()).unwrap();
    let hub = hub(&model);
    (tmp, hub)
}

fn with_hub(dir: &Path, hub: &Server, cache: &Path, args: &[&str]) -> Output {
    bin()
        .current_dir(dir)
        .env("HF_ENDPOINT", &hub.base)
        .env("HF_HUB_CACHE", cache)
        .args(args)
        .output()
        .expect("bantin runs")
}

fn success(out: Output) -> String {
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn downloads(hub: &Server) -> usize {
    hub.requests()
        .iter()
        .filter(|r| r.path.contains("/resolve/"))
        .count()
}

#[test]
fn a_model_is_pulled_into_the_hub_cache_once_checked_and_a_corrupted_file_is_refused() {
    let (tmp, hub) = tiny_hub();
    let (model, cache) = (tmp.path().join("made"), tmp.path().join("cache"));

    // The tiny model's source.spm and target.spm are one blob: the second is in the cache.
    let out = success(with_hub(tmp.path(), &hub, &cache, &["model", "pull"]));
    assert!(
        out.contains("5 files downloaded") && out.contains("1 already"),
        "{out}"
    );
    let repo = cache.join("models--Helsinki-NLP--opus-mt-en-vi");
    assert_eq!(read(&repo.join("refs/main")), COMMIT);
    let snapshot = repo.join("snapshots").join(COMMIT);
    for f in [
        "config.json",
        "model.safetensors",
        "source.spm",
        "target.spm",
        "vocab.json",
    ] {
        let link = snapshot.join(f);
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink(),
            "{f}"
        );
        assert_eq!(
            std::fs::read(&link).unwrap(),
            std::fs::read(model.join(f)).unwrap(),
            "{f}"
        );
    }
    assert!(
        !snapshot.join("README.md").exists(),
        "only what translation needs"
    );

    // Again: the cache has it all, checked; nothing is downloaded.
    let before = downloads(&hub);
    let out = success(with_hub(tmp.path(), &hub, &cache, &["model", "pull"]));
    assert!(
        out.contains("0 files downloaded") && out.contains("6 already in the cache"),
        "{out}"
    );
    assert_eq!(downloads(&hub), before);

    // A blob spoiled on disk is found and fetched again.
    let weights = std::fs::read_link(snapshot.join("model.safetensors")).unwrap();
    std::fs::write(snapshot.join(&weights), b"spoiled").unwrap();
    let out = success(with_hub(tmp.path(), &hub, &cache, &["model", "pull"]));
    assert!(out.contains("1 files downloaded"), "{out}");

    let list = success(with_hub(tmp.path(), &hub, &cache, &["model", "list"]));
    assert!(
        list.contains(REPO) && list.contains("configured") && list.contains("MB"),
        "{list}"
    );
    assert!(!list.contains("incomplete"), "{list}");

    // Weights that arrive corrupted: one line naming the file, and nothing kept.
    let out = with_hub(tmp.path(), &hub, &cache, &["model", "pull", "broken/model"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("model.safetensors") && err.contains("checksum"),
        "{err}"
    );
    let broken = cache.join("models--broken--model");
    assert!(
        !broken
            .join("snapshots")
            .join(COMMIT)
            .join("model.safetensors")
            .exists()
    );
    assert!(!broken.join("refs/main").exists());

    // A Hub that is not there: one line naming it.
    let out = bin()
        .current_dir(tmp.path())
        .env("HF_HUB_CACHE", tmp.path().join("other"))
        .args(["model", "pull"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.trim().lines().count() == 1,
        "{err}"
    );
    assert!(err.contains("127.0.0.1:9"), "{err}");
}

#[test]
fn with_a_model_in_the_cache_runs_translate_with_it_and_the_gate_refuses_its_noise() {
    let (tmp, hub) = tiny_hub();
    let cache = tmp.path().join("cache");
    let ws = workspace();
    std::fs::write(
        ws.path().join("sources/config.toml"),
        "[engines.marian]\nmax_tokens = 12\nbatch = 8\nthreads = 1\n",
    )
    .unwrap();
    // Without the model, an offline run says how to get it and uses the rules.
    let report = success(with_hub(ws.path(), &hub, &cache, &["run", "--offline"]));
    assert!(
        report.contains("`bantin model pull` downloads Helsinki-NLP/opus-mt-en-vi"),
        "{report}"
    );
    assert!(!report.contains("engine marian"), "{report}");
    std::fs::remove_file(ws.path().join("output/bantin.sqlite")).unwrap();

    // `--download-model` pulls it; the run then asks the model for every claim, offline
    // or not, and publishes none of its random answers.
    let report = success(with_hub(
        ws.path(),
        &hub,
        &cache,
        &["run", "--download-model"],
    ));
    let line = report
        .lines()
        .find(|l| l.contains("engine marian"))
        .unwrap_or_else(|| panic!("{report}"));
    assert!(line.contains("accepted 0"), "{line}");
    let asked: usize = line
        .split("requests ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(asked > 10, "{line}");
    assert!(!report.contains("model pull"), "{report}");
    let mut refused = 0;
    for day in std::fs::read_dir(ws.path().join("output")).unwrap() {
        let claims = day.unwrap().path().join("claims.json");
        if !claims.exists() {
            continue;
        }
        let claims: Vec<serde_json::Value> = serde_json::from_str(&read(&claims)).unwrap();
        for c in &claims {
            assert!(c["vi"].is_null(), "{c}");
            refused += c["rejected"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|r| r["engine"] == "marian")
                .count();
        }
    }
    assert!(
        refused > 10,
        "the model's answers are kept with why they were refused"
    );
    // A rerun asks the model nothing: the days are briefed, its answers stored.
    let report = success(with_hub(ws.path(), &hub, &cache, &["run", "--offline"]));
    assert!(
        report
            .lines()
            .filter(|l| l.contains("engine marian"))
            .all(|l| l.contains("requests 0")),
        "{report}"
    );
}

#[test]
fn a_configured_model_that_is_missing_is_skipped_with_one_line_saying_how_to_get_it() {
    let ws = workspace();
    std::fs::write(
        ws.path().join("sources/config.toml"),
        "[vietnamese]\nengines = [\"marian\", \"rules\"]\n",
    )
    .unwrap();
    let out = bin()
        .current_dir(ws.path())
        .args(["run", "--offline"])
        .output()
        .unwrap();
    let report = success(out);
    let line = report
        .lines()
        .find(|l| l.contains("engine marian"))
        .unwrap_or_else(|| panic!("{report}"));
    assert!(
        line.contains("skipped") && line.contains("bantin model pull"),
        "{line}"
    );
}

#[test]
fn bench_translate_reports_speed_memory_and_what_the_gate_publishes_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("c.toml"),
        "[engines.marian]\nmax_tokens = 16\nthreads = 1\n",
    )
    .unwrap();
    let sentences = super::fixture("vietnamese/heldout.jsonl");
    let out = super::ok(
        dir.path(),
        &[
            "--config",
            "c.toml",
            "bench",
            "translate",
            &sentences.display().to_string(),
            "--tiny",
            "--rounds",
            "1",
        ],
    );
    assert!(
        out.contains("sentences/s") && out.contains("peak RSS"),
        "{out}"
    );
    assert!(out.contains("chrF"), "{out}");
    for way in ["as placeholders", "as written"] {
        let line = out.lines().find(|l| l.contains(way)).unwrap();
        assert!(
            line.contains(": 0 of"),
            "random output is never published: {line}"
        );
    }
}
