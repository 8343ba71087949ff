//! Any bytes as a page: extraction must return a value or an error, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let page = bantin::model::Fetched {
        url: "https://fuzz.example/".into(),
        source: "fuzz".into(),
        body: data.to_vec(),
        content_type: None,
        published_hint: None,
        site_hint: None,
        fetched_at: chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap(),
    };
    let _ = bantin::extract::extract(&page, &bantin::extract::Limits::default());
});
