//! The sentence split into tokens around its figures: words, figures and punctuation.

use crate::model::Figure;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Word(String),
    Fig(usize),
    Punct(String),
}

/// The sentence as words, figures (by their index in `figs`) and punctuation.
pub(super) fn split(text: &str, figs: &[Figure]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if let Some((idx, f)) = figs.iter().enumerate().find(|(_, f)| f.span[0] == i) {
            out.push(Tok::Fig(idx));
            i = f.span[1];
            continue;
        }
        let c = text[i..].chars().next().expect("i is on a char boundary");
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if text[i..].starts_with("'s ")
            || text[i..].starts_with("’s ")
            || text[i..] == *"'s"
            || text[i..] == *"’s"
        {
            out.push(Tok::Word("'s".into()));
            i += if text[i..].starts_with('\'') { 2 } else { 4 };
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            while i < text.len() {
                if figs.iter().any(|f| f.span[0] == i) {
                    break;
                }
                let ch = text[i..].chars().next().expect("char boundary");
                let keep = ch.is_alphanumeric()
                    || (matches!(ch, '-' | '.' | '\'' | '’' | '&')
                        && text[i + ch.len_utf8()..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric)
                        && !(matches!(ch, '\'' | '’')
                            && text[i + ch.len_utf8()..].starts_with('s')
                            && !text[i + ch.len_utf8() + 1..].starts_with(char::is_alphanumeric)));
                if !keep {
                    // "U.S." keeps its final dot.
                    if ch == '.' && text[start..i].contains('.') {
                        i += 1;
                    }
                    break;
                }
                i += ch.len_utf8();
            }
            out.push(Tok::Word(text[start..i].to_string()));
            continue;
        }
        // "Mendes' second film": the possessive of a name ending in s.
        if matches!(c, '\'' | '’')
            && text[..i].ends_with('s')
            && text[i + c.len_utf8()..].starts_with(' ')
            && matches!(out.last(), Some(Tok::Word(_)))
        {
            out.push(Tok::Word("'s".into()));
            i += c.len_utf8();
            continue;
        }
        // "--" is one dash.
        if text[i..].starts_with("--") {
            out.push(Tok::Punct("–".into()));
            i += 2;
            continue;
        }
        out.push(Tok::Punct(c.to_string()));
        i += c.len_utf8();
    }
    out
}
