//! Faithfulness; pure. An English bullet is checked against its article: every figure must
//! equal a figure of the source (parsed and compared by value), every quoted string must appear
//! verbatim in the source, and every capitalised name must appear in the source. A Vietnamese
//! sentence is checked against its claim by the [`gate`].

pub mod gate;

use chrono::NaiveDate;

use crate::claims::figures;
use crate::model::Figure;

/// What a bullet is checked against.
pub struct Source<'a> {
    /// The article text.
    pub text: &'a str,
    /// Figures of the whole article.
    pub figures: Vec<Figure>,
    /// Publication date.
    pub published: Option<NaiveDate>,
}

impl<'a> Source<'a> {
    /// An article to check bullets against.
    pub fn new(text: &'a str, figures: Vec<Figure>, published: Option<NaiveDate>) -> Self {
        Source {
            text,
            figures,
            published,
        }
    }
}

/// Checks an English bullet; the error says what is not in the source.
pub fn english(bullet: &str, src: &Source) -> Result<(), String> {
    quotes(bullet, src.text)?;
    for f in figures::find(bullet, src.published) {
        let known = src.figures.iter().any(|s| same(s, &f)) || src.text.contains(&f.text);
        if !known {
            return Err(format!("figure \"{}\" is not in the source", f.text));
        }
    }
    for name in names(bullet) {
        if !src.text.contains(&name) {
            return Err(format!("name \"{name}\" is not in the source"));
        }
    }
    Ok(())
}

fn same(a: &Figure, b: &Figure) -> bool {
    a.kind == b.kind
        && a.value == b.value
        && a.numerator == b.numerator
        && a.denominator == b.denominator
        && a.from == b.from
        && a.to == b.to
        && a.currency == b.currency
}

fn quotes(bullet: &str, source: &str) -> Result<(), String> {
    let mut rest = bullet;
    while let Some(start) = rest.find('“') {
        let after = &rest[start + '“'.len_utf8()..];
        let Some(end) = after.find('”') else { break };
        let quoted = after[..end].trim_end_matches([',', '.']);
        if !source.contains(quoted) {
            return Err(format!("quote \"{quoted}\" is not in the source"));
        }
        rest = &after[end..];
    }
    Ok(())
}

/// Runs of two or more capitalised words (likely names) in an English text.
fn names(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    let mut i = 1;
    while i < words.len() {
        let clean = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
        let cap = |w: &str| {
            let c = clean(w);
            c.len() > 1
                && c.chars().next().is_some_and(char::is_uppercase)
                && !w.starts_with(['“', '"', '('])
        };
        if cap(words[i]) && !words[i - 1].ends_with(['.', ':']) {
            let mut j = i;
            while j < words.len()
                && cap(words[j])
                && (j == i || !words[j - 1].ends_with([',', '.', ';']))
            {
                j += 1;
            }
            if j - i >= 2 {
                out.push(
                    words[i..j]
                        .iter()
                        .map(|w| clean(w))
                        .collect::<Vec<_>>()
                        .join(" "),
                );
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> (String, Vec<Figure>) {
        let p = NaiveDate::from_ymd_opt(2025, 6, 6);
        (text.to_string(), figures::find(text, p))
    }

    #[test]
    fn a_bullet_with_a_changed_figure_fails_in_both_languages() {
        let (t, f) =
            src("China led in 57 of 64 technologies from 2019 to 2023, said Ethan Kessler.");
        let s = Source::new(&t, f, NaiveDate::from_ymd_opt(2025, 6, 6));
        assert!(english("China led in 57 of 64 technologies from 2019 to 2023.", &s).is_ok());
        assert!(
            english("China led in 58 of 64 technologies.", &s)
                .unwrap_err()
                .contains("58 of 64")
        );
        // The Vietnamese is checked against its claim, by the gate.
        let claim = gate::Facts::new(
            &t,
            s.figures.clone(),
            &crate::glossary::Glossary::built_in(),
        );
        assert!(
            claim
                .check(
                    "Theo Ethan Kessler, Trung Quốc dẫn đầu 57/64 công nghệ giai đoạn 2019–2023."
                )
                .is_ok()
        );
        assert!(
            claim
                .check(
                    "Theo Ethan Kessler, Trung Quốc dẫn đầu 57/65 công nghệ giai đoạn 2019–2023."
                )
                .unwrap_err()
                .to_string()
                .contains("65")
        );
    }

    #[test]
    fn invented_quotes_and_names_fail() {
        let (t, f) = src("“We lead,” said Ethan Kessler of the Belfer Centre.");
        let s = Source::new(&t, f, None);
        assert!(english("“We lead,” said Ethan Kessler.", &s).is_ok());
        assert!(english("“We win,” said Ethan Kessler.", &s).is_err());
        assert!(
            english("The claim came from John Smith in the end.", &s)
                .unwrap_err()
                .contains("John Smith")
        );
    }
}
