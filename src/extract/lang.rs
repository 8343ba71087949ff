//! The language of an article: read from its text (whatlang's trigram and alphabet models),
//! cross-checked with what the page declares, kept as an ISO 639-1 code.

use whatlang::Lang;

/// What a page's language is, from its `text` and what it `declared` (`<html lang>`,
/// `content-language`, `og:locale`, in any of the forms pages use: "en-US", "de, at, ch",
/// "english"). The text decides when its reading is reliable; a declaration decides a text too
/// short or mixed to read; nothing is known when neither says.
pub fn decide(text: &str, declared: Option<&str>) -> Option<String> {
    let declared = declared.and_then(normalise);
    // A few hundred characters are enough (about 0.1 ms a page), and keep a huge page cheap.
    let sample = match text.char_indices().nth(600) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    let info = whatlang::detect(sample);
    let read = info.as_ref().and_then(|i| iso_639_1(i.lang()));
    match (info, read) {
        (Some(i), Some(code)) if i.is_reliable() => Some(code.to_string()),
        // An unsure reading that agrees with the page, or a page that does not say.
        (_, Some(code)) if declared.is_none() || declared.as_deref() == Some(code) => {
            Some(code.to_string())
        }
        _ => declared,
    }
}

/// A declared language as an ISO 639-1 code: "en-US" -> "en", "de, at, ch" -> "de",
/// "English" -> "en", "eng" -> "en"; nothing for what is not a language ("lang=", "x").
pub fn normalise(declared: &str) -> Option<String> {
    let first = declared
        .split([',', ';', ' '])
        .map(str::trim)
        .find(|s| !s.is_empty())?;
    let code = first
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if code.len() == 2 && code.chars().all(|c| c.is_ascii_lowercase()) {
        return Some(code);
    }
    let lang = Lang::from_code(&code).or_else(|| {
        Lang::all().iter().copied().find(|l| {
            l.eng_name().eq_ignore_ascii_case(&code) || l.name().eq_ignore_ascii_case(&code)
        })
    })?;
    iso_639_1(lang).map(str::to_string)
}

/// The English name of a language code, for reports: "de" -> "German".
pub fn name(code: &str) -> &'static str {
    Lang::all()
        .iter()
        .find(|l| iso_639_1(**l) == Some(code))
        .map_or("unknown", |l| l.eng_name())
}

/// whatlang's ISO 639-3 languages as ISO 639-1 codes (Mandarin is `zh`, Persian `fa`).
fn iso_639_1(lang: Lang) -> Option<&'static str> {
    use Lang::*;
    Some(match lang {
        Epo => "eo",
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        Cym => "cy",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: &str = "The council said on Tuesday that the city's budget was in trouble and \
                      that the mayor had agreed to cut spending on roads by a tenth next year.";
    const DE: &str = "Der Stadtrat hat am Dienstag über den Haushalt der Stadt beraten und \
                      beschlossen, die Ausgaben für Straßen im nächsten Jahr zu kürzen.";
    const VI: &str = "Kinh tế Việt Nam tăng trưởng mạnh trong năm nay, theo Tổng cục Thống kê, \
                      nhờ xuất khẩu và đầu tư nước ngoài tăng cao.";

    #[test]
    fn the_text_decides_the_language_whatever_the_page_declares() {
        assert_eq!(decide(EN, None).as_deref(), Some("en"));
        assert_eq!(decide(DE, Some("en")).as_deref(), Some("de"));
        assert_eq!(decide(VI, Some("en-US")).as_deref(), Some("vi"));
        assert_eq!(decide(EN, Some("de, at, ch")).as_deref(), Some("en"));
    }

    #[test]
    fn a_declaration_decides_a_text_too_short_to_read() {
        assert_eq!(decide("OK 2025", Some("fr-FR")).as_deref(), Some("fr"));
        assert_eq!(decide("", None), None);
    }

    #[test]
    fn declared_languages_become_iso_639_1_codes() {
        for (raw, code) in [
            ("en-US", Some("en")),
            ("en_GB", Some("en")),
            ("de, at, ch", Some("de")),
            ("english", Some("en")),
            ("Deutsch", Some("de")),
            ("eng", Some("en")),
            ("vie", Some("vi")),
            ("lang=", None),
            ("", None),
        ] {
            assert_eq!(normalise(raw).as_deref(), code, "{raw}");
        }
        assert_eq!(name("de"), "German");
    }
}
