//! Any text: the figure parser must return figures whose spans are the text's own bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let published = chrono::NaiveDate::from_ymd_opt(2025, 6, 6);
        for f in bantin::claims::figures::find(text, published) {
            assert_eq!(&text[f.span[0]..f.span[1]], f.text);
        }
    }
});
