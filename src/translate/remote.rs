//! A translation server for what the rules cannot render, checked like every bullet.

use super::*;

/// What the model is told. The output is checked like every bullet: figures must parse back to
/// the source's, quotes must be verbatim, English left over is refused.
const PROMPT: &str = "You translate one English news sentence into Vietnamese for a Vietnamese news bulletin. \
Write one short, natural Vietnamese sentence as a Vietnamese editor would. Keep every number, date, \
percentage and amount exactly, written the Vietnamese way (5/6/2025, 57/64, 12,5%, 1.800 tỷ USD). \
Keep names of people, companies and products as written. Use \"theo X\" or \"X cho biết\" for who said it. \
Do not add anything the sentence does not say. Do not use quotation marks. Answer with the Vietnamese sentence only.";

/// A translation server speaking the OpenAI chat-completions API (Ollama, vLLM, llama.cpp
/// server, LM Studio and hosted services all do), for what the rules cannot render.
pub struct Remote {
    client: reqwest::blocking::Client,
    endpoint: String,
    model: String,
    api_key: Option<String>,
}

impl Remote {
    /// A client for the server a config names; the API key is read from the environment
    /// variable the config names, never from the file.
    pub fn new(t: &crate::config::Translator, agent: &str) -> anyhow::Result<Self> {
        use anyhow::Context;
        let api_key = match &t.api_key_env {
            Some(var) => Some(std::env::var(var).with_context(|| {
                format!("translator.api_key_env names {var}, which is not set")
            })?),
            None => None,
        };
        let client = reqwest::blocking::Client::builder()
            .user_agent(agent)
            .timeout(std::time::Duration::from_secs(t.timeout_secs.max(1)))
            .build()
            .context("cannot build the translator's HTTP client")?;
        Ok(Remote {
            client,
            endpoint: format!("{}/chat/completions", t.url.trim_end_matches('/')),
            model: t.model.clone(),
            api_key,
        })
    }
}

/// Three English function words in a row: the model left English in its answer.
fn english_left(text: &str) -> bool {
    const EN: &[&str] = &[
        "the", "of", "and", "to", "in", "is", "was", "that", "for", "on", "with", "as", "by",
        "are", "were", "has", "have", "it", "this", "from", "at", "be", "an", "a", "said",
    ];
    let mut run = 0;
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        if EN.contains(&w.to_lowercase().as_str()) {
            run += 1;
            if run >= 3 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

impl Translate for Remote {
    fn name(&self) -> &str {
        "remote"
    }

    fn translate(&self, input: &Input<'_>) -> Result<ViParts, Untranslatable> {
        let body = serde_json::json!({
            "model": self.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": PROMPT},
                {"role": "user", "content": input.text},
            ],
        });
        let mut req = self
            .client
            .post(&self.endpoint)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body.to_string());
        if let Some(k) = &self.api_key {
            req = req.bearer_auth(k);
        }
        let fail = |why: String| Untranslatable(format!("translation server: {why}"));
        let resp = req.send().map_err(|e| fail(e.to_string()))?;
        let status = resp.status();
        if !status.is_success() {
            return Err(fail(format!("HTTP {status}")));
        }
        let bytes = resp.bytes().map_err(|e| fail(e.to_string()))?;
        let v: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|e| fail(format!("answer is not JSON: {e}")))?;
        let text = v["choices"][0]["message"]["content"]
            .as_str()
            .ok_or_else(|| fail("answer has no choices[0].message.content".into()))?
            .trim()
            .trim_matches(['"', '“', '”'])
            .trim();
        if text.is_empty() {
            return Err(fail("empty answer".into()));
        }
        if english_left(text) {
            return Err(fail(format!("English left in the answer: {text}")));
        }
        Ok(ViParts {
            source: None,
            cue: None,
            body: text.trim_end_matches(['.', '。']).to_string(),
            whole: true,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_left_in_an_answer_is_noticed() {
        assert!(english_left("Trung Quốc said that the index rose"));
        assert!(!english_left(
            "Theo báo cáo, Trung Quốc dẫn đầu 57/64 công nghệ"
        ));
    }
}
