//! Page furniture that sits inside an article's container: related-story boxes, bylines and
//! datelines, photo captions, tag lists, reader appeals and lists of headlines. Pure text tests.

use super::word_count;
use crate::model::Block;

pub(super) static RELATED_HEADING: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(
    || {
        regex::Regex::new(r"(?i)^(?:more (?:in|from|on|stories|news)\b|related\b|read more\b|recommended\b|(?:most )?popular\b|trending\b|top stories|latest (?:news|stories)|you (?:may|might) also like|most read|editors?'?s? picks|around the web|don't miss|você (?:pode|também) gostar|leia também|veja também|lee también|ver también|te puede interesar|lesen sie auch|à lire aussi|a lire aussi|potrebbe interessarti|leggi anche|читайте также)")
        .expect("related heading regex")
    },
);

/// A linked, cut-off teaser ("This is the tech news you need to...") or a tag list ("a,b,c").
pub(super) fn is_teaser_or_tags(t: &str, linked: bool) -> bool {
    let len = t.chars().count();
    if linked && len < 200 && (t.ends_with("...") || t.ends_with('…')) {
        return true;
    }
    // "a,b" with a letter before the comma (thousands separators have a digit).
    let glued = t
        .as_bytes()
        .windows(3)
        .filter(|w| w[1] == b',' && w[0].is_ascii_alphabetic() && w[2].is_ascii_alphanumeric())
        .count();
    glued >= 1 && !t.contains(". ") && t.split_whitespace().count() < 20
}

static DATE_LINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)^(?:(?:published|updated|posted)\b.*|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,? .*\d{4}.*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}.*|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4}.*|\d{4}-\d{2}-\d{2}.*)$")
        .expect("date line regex")
});

/// A byline ("By Jane Doe") or a dateline ("NOVEMBER 20, 2019 10:43") standing alone.
pub(super) fn is_byline_or_date(t: &str) -> bool {
    let words = t.split_whitespace().count();
    if words > 8 || t.ends_with(['.', '!', '?']) {
        return false;
    }
    t.get(..3).is_some_and(|s| s.eq_ignore_ascii_case("by ")) || DATE_LINE.is_match(t)
}

static CREDIT_TAIL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"[.!?”][A-Z][^.!?]{0,60}(?:Getty|Reuters|AP|AFP|Images|Shutterstock|Photo|/)[^.!?]{0,40}$",
    )
    .expect("credit regex")
});

static AP_CAPTION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^In (?:this|these|an?) (?:[^.]{0,60}?)\b(?:file )?(?:photos?|images?|picture|frame grab|handout)\b").expect("caption regex")
});

static STAMP: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b(?:published|updated|posted)\b:? (?:on )?(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d)").expect("stamp regex")
});

/// A photo caption: a credit glued on ("...in New York.Reuters"), the wire style ("In this
/// Dec. 12, 2006, file photo, ..."), or a "Published Monday, ..." stamp line.
pub(super) fn is_caption(t: &str) -> bool {
    let words = t.split_whitespace().count();
    // A credit match ends the text and spans at most 115 characters: search only that tail.
    let mut from = t.len().saturating_sub(115 * 4);
    while !t.is_char_boundary(from) {
        from += 1;
    }
    (words < 60 && CREDIT_TAIL.is_match(&t[from..]))
        || (words < 90 && AP_CAPTION.is_match(t))
        || (words < 16 && !t.ends_with('.') && STAMP.is_match(t))
}

/// A run of short unpunctuated lines interleaved with list items, half lines or more and three
/// lines at the least, is a list of headlines with their stamps ("11/20/2025 01:14 PM" as list
/// items). Short lines alone (steps, specs, a table's rows) and list items alone (an article's
/// own list) stay: both are more often the article's text than not.
pub(super) fn drop_headline_lists(out: &mut Vec<(String, Block)>) {
    let unpunctuated = |t: &str| {
        word_count(t) < 15 && !t.trim_end().ends_with(['.', '!', '?', '"', '”', '。', ':'])
    };
    let short =
        |(t, k): &(String, Block)| matches!(k, Block::Text | Block::ListItem) && unpunctuated(t);
    let mut keep = vec![true; out.len()];
    let mut i = 0;
    while i < out.len() {
        if !short(&out[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < out.len() && short(&out[j]) {
            j += 1;
        }
        let lines = out[i..j].iter().filter(|(_, k)| *k == Block::Text).count();
        // Interleaved: each headline next to its stamp, not a list with a few lines after it.
        let turns = out[i..j].windows(2).filter(|w| w[0].1 != w[1].1).count();
        if lines >= 3 && lines * 2 >= j - i && turns >= lines {
            keep[i..j].iter_mut().for_each(|k| *k = false);
        }
        i = j;
    }
    let mut k = keep.into_iter();
    out.retain(|_| k.next().unwrap_or(true));
}

pub(super) fn is_boilerplate_line(t: &str) -> bool {
    if t.len() > 250 {
        return false;
    }
    let lower = t.to_lowercase();
    const STARTS: &[&str] = &[
        "advertisement",
        "read more",
        "related:",
        "related articles",
        "share this",
        "sign up",
        "subscribe",
        "click here",
        "follow us",
        "copyright",
        "©",
        "all rights reserved",
        "reading time",
        "listen to this",
        "get the latest",
        "this article originally appeared",
        "want more",
        "more:",
        "see also",
    ];
    let words = t.split_whitespace().count();
    (STARTS.iter().any(|s| lower.starts_with(s)) && words < 25)
        || (words < 80 && APPEAL.is_match(&lower))
}

static APPEAL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"support (?:us|our (?:journalism|work|reporting)|independent journalism|\w+ and make a difference)|make a (?:contribution|donation)|become a (?:member|supporter|patron)|we have a (?:small favou?r|proposition) for you|sign up for (?:our|the) \w* ?newsletter|subscribe to our \w* ?newsletter|we cannot afford to|at no cost to you")
        .expect("appeal regex")
});

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(list: &[(&str, Block)]) -> Vec<(String, Block)> {
        list.iter().map(|(t, k)| (t.to_string(), *k)).collect()
    }

    #[test]
    fn headlines_with_their_dates_go_but_short_lines_or_short_items_alone_stay() {
        let mut ticker = blocks(&[
            ("Library opens on Sundays", Block::Text),
            ("11/20/2025 01:14 PM", Block::ListItem),
            ("New reading room", Block::Text),
            ("11/19/2025 10:08 AM", Block::ListItem),
            ("Book sale raises record sum", Block::Text),
            ("11/18/2025 09:39 AM", Block::ListItem),
        ]);
        drop_headline_lists(&mut ticker);
        assert!(ticker.is_empty(), "{ticker:?}");
        let items = blocks(&[
            ("Holding the pencil", Block::ListItem),
            ("Lines and shading", Block::ListItem),
            ("Drawing what you see", Block::ListItem),
            ("Light and shadow", Block::ListItem),
        ]);
        let mut kept = items.clone();
        drop_headline_lists(&mut kept);
        assert_eq!(kept, items);
        let specs = blocks(&[
            ("Measured top speed 32 km/h", Block::Text),
            ("Measured range 48 km", Block::Text),
            ("Weight 21 kg", Block::Text),
        ]);
        let mut kept = specs.clone();
        drop_headline_lists(&mut kept);
        assert_eq!(kept, specs);
    }
}
