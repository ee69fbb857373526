//! Posting to Slack: an incoming webhook (one channel), or a bot token (`users.lookupByEmail`
//! to find a person, `chat.postMessage` to write to them or to a channel). Slack's error
//! answers become sentences; HTTP 429 is waited out for as long as its `Retry-After` asks,
//! up to a limit, then reported.

use serde_json::{json, Value};
use std::collections::HashMap;
use std::thread::sleep;
use std::time::Duration;
use ureq::http::Response;
use ureq::{Agent, Body};

/// How many times one request is tried when Slack answers 429.
const TRIES: u32 = 3;

/// Where messages go.
pub enum Target {
    Webhook(String),
    Bot { token: String, api_base: String },
}

/// Whom a bot-token message is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Recipient {
    Channel(String),
    /// A person, found by their e-mail address.
    Email(String),
}

pub struct Slack {
    agent: Agent,
    target: Target,
    /// The longest `Retry-After` waited for, in seconds.
    max_wait: u64,
    /// E-mail address → Slack user id, looked up once per run.
    users: HashMap<String, String>,
}

/// Text for Slack's `text` field: `&`, `<` and `>` escaped (Slack's rule), so what users wrote
/// can never become a mention (`<!channel>`) or a link.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

impl Slack {
    pub fn new(target: Target, max_wait: u64) -> Slack {
        let agent: Agent = Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        Slack {
            agent,
            target,
            max_wait,
            users: HashMap::new(),
        }
    }

    pub fn is_webhook(&self) -> bool {
        matches!(self.target, Target::Webhook(_))
    }

    /// Never shows a webhook's address or a token in a message: both are secrets.
    fn redact(&self, text: String) -> String {
        match &self.target {
            Target::Webhook(url) if !url.is_empty() => text.replace(url.as_str(), "<webhook>"),
            Target::Bot { token, .. } if !token.is_empty() => {
                text.replace(token.as_str(), "<token>")
            }
            _ => text,
        }
    }

    /// One request, tried again while Slack answers 429 and asks for a wait within the limit.
    fn send(
        &self,
        request: impl Fn() -> Result<Response<Body>, ureq::Error>,
    ) -> Result<(u16, String), String> {
        for attempt in 1..=TRIES {
            let mut response =
                request().map_err(|e| self.redact(format!("could not reach Slack: {e}")))?;
            let status = response.status().as_u16();
            if status == 429 {
                let wait = response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .unwrap_or(1);
                if wait > self.max_wait || attempt == TRIES {
                    return Err(format!(
                        "Slack is rate limiting (HTTP 429, Retry-After {wait} s after {attempt} \
                         tries); it is sent on the next run"
                    ));
                }
                eprintln!("Slack asked to wait {wait} s (HTTP 429); waiting.");
                sleep(Duration::from_secs(wait));
                continue;
            }
            let body = response.body_mut().read_to_string().unwrap_or_default();
            return Ok((status, body));
        }
        Err("Slack is rate limiting (HTTP 429)".into())
    }

    /// A Web API answer: `{"ok": true, …}`, or Slack's error code as a sentence.
    fn api_answer(status: u16, body: &str, method: &str) -> Result<Value, String> {
        let answer: Value = serde_json::from_str(body).map_err(|_| {
            format!(
                "Slack's {method} answered HTTP {status} with something that is not JSON: {}",
                snippet(body)
            )
        })?;
        if answer.get("ok").and_then(Value::as_bool) == Some(true) {
            return Ok(answer);
        }
        let code = answer
            .get("error")
            .and_then(Value::as_str)
            .unwrap_or("unknown_error");
        Err(format!("Slack's {method} refused it: {code}{}", hint(code)))
    }

    fn api_url(api_base: &str, method: &str) -> String {
        format!("{}/{method}", api_base.trim_end_matches('/'))
    }

    /// The Slack user id of the person with this address.
    fn user_id(&mut self, email: &str) -> Result<String, String> {
        if let Some(id) = self.users.get(email) {
            return Ok(id.clone());
        }
        let Target::Bot { token, api_base } = &self.target else {
            return Err("a webhook cannot look people up".into());
        };
        let url = Slack::api_url(api_base, "users.lookupByEmail");
        let auth = format!("Bearer {token}");
        let (status, body) = self.send(|| {
            self.agent
                .get(&url)
                .query("email", email)
                .header("Authorization", &auth)
                .call()
        })?;
        let answer = Slack::api_answer(status, &body, "users.lookupByEmail")
            .map_err(|e| format!("{e} (looking up {email})"))?;
        let id = answer
            .pointer("/user/id")
            .and_then(Value::as_str)
            .filter(|id| !id.is_empty())
            .ok_or_else(|| format!("Slack's users.lookupByEmail gave no user id for {email}"))?
            .to_string();
        self.users.insert(email.to_string(), id.clone());
        Ok(id)
    }

    /// Posts `text` (already in Slack's format): to the webhook's channel, or with the bot
    /// token to `recipient`.
    pub fn post(&mut self, recipient: Option<&Recipient>, text: &str) -> Result<(), String> {
        match &self.target {
            Target::Webhook(url) => self.post_to_webhook(url, text),
            Target::Bot { token, api_base } => {
                let (token, api_base) = (token.clone(), api_base.clone());
                let channel = match recipient {
                    Some(Recipient::Channel(channel)) => channel.clone(),
                    Some(Recipient::Email(email)) => self.user_id(email)?,
                    None => return Err("no one to send it to".into()),
                };
                self.post_message(&token, &api_base, &channel, text)
            }
        }
    }

    fn post_to_webhook(&self, url: &str, text: &str) -> Result<(), String> {
        let body = json!({ "text": text }).to_string();
        let (status, answer) = self.send(|| {
            self.agent
                .post(url)
                .header("Content-Type", "application/json; charset=utf-8")
                .send(body.as_str())
        })?;
        if (200..300).contains(&status) {
            return Ok(());
        }
        Err(format!(
            "the webhook refused it: HTTP {status} {}{}",
            snippet(&answer),
            hint(answer.trim())
        ))
    }

    fn post_message(
        &self,
        token: &str,
        api_base: &str,
        channel: &str,
        text: &str,
    ) -> Result<(), String> {
        let body = json!({ "channel": channel, "text": text, "unfurl_links": false }).to_string();
        let url = Slack::api_url(api_base, "chat.postMessage");
        let auth = format!("Bearer {token}");
        let (status, answer) = self.send(|| {
            self.agent
                .post(&url)
                .header("Authorization", &auth)
                .header("Content-Type", "application/json; charset=utf-8")
                .send(body.as_str())
        })?;
        Slack::api_answer(status, &answer, "chat.postMessage").map(|_| ())
    }
}

/// At most 200 characters of an answer, on one line.
fn snippet(text: &str) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = line.chars().take(200).collect();
    if line.chars().count() > 200 {
        out.push('…');
    }
    out
}

/// What to do about Slack's commonest error codes.
fn hint(code: &str) -> &'static str {
    match code {
        "users_not_found" => " (no Slack user has this e-mail address)",
        "not_in_channel" => " (invite the app to the channel)",
        "channel_not_found" => " (check --escalation-channel, and that the app can see it)",
        "invalid_auth" | "not_authed" | "token_revoked" | "account_inactive" => {
            " (check the bot token)"
        }
        "missing_scope" => " (the app needs the users:read.email and chat:write scopes)",
        "no_service" | "invalid_token" => " (the webhook was removed or is wrong)",
        "channel_is_archived" | "is_archived" => " (the channel is archived)",
        _ => "",
    }
}
