//! `followthrough remind` against a stand-in for Slack on 127.0.0.1: the webhook and the bot
//! token, Slack's error answers, rate limiting (429 with Retry-After), and the log that keeps
//! an item from being reminded twice in one check-in period.

mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use common::*;
use followthrough_core::exchange::export_workspace_json;
use followthrough_core::followup::{plan_reminders, Reminder, ReminderKind, ReminderLog};
use followthrough_core::{ActionItem, ItemStatus, Level, PostMortem, Workspace};
use serde_json::Value;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

const DAY: &str = "2026-03-23";

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 23).unwrap()
}

#[derive(Clone, Debug)]
struct Request {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap()
    }
}

struct Answer {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: String,
}

fn answer(status: u16, body: &str) -> Answer {
    Answer {
        status,
        headers: Vec::new(),
        body: body.to_string(),
    }
}

fn read_request(stream: &mut std::net::TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.push((name.trim().to_string(), value.trim().to_string()));
    }
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Request {
        method,
        target,
        headers,
        body: String::from_utf8(body).ok()?,
    })
}

/// A stand-in for Slack on 127.0.0.1: answers `expected` requests with `respond` (given the
/// request and how many came before), then stops; it gives up after 30 seconds.
fn stand_in(
    expected: usize,
    respond: impl Fn(&Request, usize) -> Answer + Send + 'static,
) -> (String, JoinHandle<Vec<Request>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    listener.set_nonblocking(true).unwrap();
    let handle = thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut seen = Vec::new();
        while seen.len() < expected && Instant::now() < deadline {
            let (mut stream, _) = match listener.accept() {
                Ok(accepted) => accepted,
                Err(_) => {
                    thread::sleep(Duration::from_millis(5));
                    continue;
                }
            };
            stream.set_nonblocking(false).unwrap();
            stream
                .set_read_timeout(Some(Duration::from_secs(5)))
                .unwrap();
            let Some(request) = read_request(&mut stream) else {
                continue;
            };
            let a = respond(&request, seen.len());
            let mut response = format!(
                "HTTP/1.1 {} X\r\nContent-Length: {}\r\nConnection: close\r\n",
                a.status,
                a.body.len()
            );
            for (name, value) in &a.headers {
                response.push_str(&format!("{name}: {value}\r\n"));
            }
            response.push_str("\r\n");
            response.push_str(&a.body);
            let _ = stream.write_all(response.as_bytes());
            seen.push(request);
        }
        seen
    });
    (base, handle)
}

/// One post-mortem: Ana's P1 overdue by more than a week (a nudge and an escalation), whose
/// title tries to ping the whole channel; Bo's P0 (a daily nudge), named without an address.
fn workspace() -> Workspace {
    let created = Some(Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).unwrap());
    let ana = ActionItem {
        id: "PM-2026-0200-01".into(),
        title: "Add an alert <!channel> & page <@U999> on checkout errors".into(),
        owner: "Ana Silva <ana@corp.example>".into(),
        impact: Level::new(3).unwrap(),
        effort: Level::new(2).unwrap(),
        status: ItemStatus::InProgress,
        due_date: NaiveDate::from_ymd_opt(2026, 3, 15),
        last_progress_at: Some(Utc.with_ymd_and_hms(2026, 3, 18, 10, 0, 0).unwrap()),
        created_at: created,
        ..Default::default()
    };
    let bo = ActionItem {
        id: "PM-2026-0200-02".into(),
        title: "Deploy the failover runbook to the payments service".into(),
        owner: "Bo Chen".into(),
        impact: Level::new(4).unwrap(),
        effort: Level::new(2).unwrap(),
        status: ItemStatus::InProgress,
        due_date: NaiveDate::from_ymd_opt(2026, 4, 30),
        last_progress_at: Some(Utc.with_ymd_and_hms(2026, 3, 22, 10, 0, 0).unwrap()),
        created_at: created,
        ..Default::default()
    };
    Workspace {
        postmortems: vec![PostMortem {
            id: "PM-2026-0200".into(),
            title: "Checkout outage".into(),
            facilitator: "Fay Okoro <fay@corp.example>".into(),
            action_items: vec![ana, bo],
            ..Default::default()
        }],
        ..Default::default()
    }
}

struct Setup {
    _dir: tempfile::TempDir,
    workspace: PathBuf,
    state: PathBuf,
    people: PathBuf,
    reminders: Vec<Reminder>,
}

fn setup() -> Setup {
    let dir = temp();
    let workspace = dir.path().join("team.json");
    fs::write(&workspace, export_workspace_json(&self::workspace())).unwrap();
    let people = dir.path().join("people.txt");
    fs::write(&people, "# the roster\nBo Chen <bo.chen@corp.example>\n").unwrap();
    let reminders = plan_reminders(&scored(&workspace), day(), &ReminderLog::default());
    let kinds: Vec<ReminderKind> = reminders.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        [
            ReminderKind::Nudge,
            ReminderKind::Nudge,
            ReminderKind::Escalation
        ],
        "the workspace is built for two nudges and an escalation"
    );
    Setup {
        state: dir.path().join("team.reminders.json"),
        workspace,
        people,
        reminders,
        _dir: dir,
    }
}

/// The log after these reminders were delivered, as the core records it.
fn log_of(reminders: &[&Reminder]) -> String {
    let mut log = ReminderLog::default();
    for reminder in reminders {
        log.record(reminder, day());
    }
    log.to_json()
}

fn remind(setup: &Setup, extra: &[&str]) -> std::process::Output {
    followthrough()
        .args(["remind", "--as-of", DAY])
        .arg(&setup.workspace)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn a_webhook_gets_every_reminder_once_per_check_in_period() {
    let s = setup();
    let (base, server) = stand_in(3, |_, _| answer(200, "ok"));
    let hook = format!("{base}/services/T0/B0/secret");
    let out = remind(&s, &["--slack-webhook", &hook]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let requests = server.join().unwrap();
    assert_eq!(requests.len(), 3);
    for (request, reminder) in requests.iter().zip(&s.reminders) {
        assert_eq!(request.method, "POST");
        assert_eq!(request.target, "/services/T0/B0/secret");
        let text = request.json()["text"].as_str().unwrap().to_string();
        let subject = reminder
            .subject
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert!(text.starts_with(&format!("*{subject}*\n")), "{text}");
        assert!(
            !text.contains("<!channel>") && !text.contains("<@U999>"),
            "{text}"
        );
    }
    assert!(requests[0].json()["text"]
        .as_str()
        .unwrap()
        .contains("&lt;!channel&gt; &amp; page"));
    let all: Vec<&Reminder> = s.reminders.iter().collect();
    assert_eq!(fs::read_to_string(&s.state).unwrap(), log_of(&all));
    assert!(!stdout(&out).contains("secret") && !stderr(&out).contains("secret"));

    // The same day again: everything was sent this period, so nothing is.
    let (base, server) = stand_in(0, |_, _| answer(500, "unexpected"));
    let out = remind(&s, &["--slack-webhook", &format!("{base}/hook")]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("0 of 0 reminder(s) sent"),
        "{}",
        stdout(&out)
    );
    assert!(server.join().unwrap().is_empty());
}

#[test]
fn an_error_answer_is_reported_and_that_reminder_is_tried_next_time() {
    let s = setup();
    let (base, server) = stand_in(3, |_, n| {
        if n == 0 {
            answer(404, "no_service")
        } else {
            answer(200, "ok")
        }
    });
    let out = remind(&s, &["--slack-webhook", &format!("{base}/hook")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("HTTP 404 no_service"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("the webhook was removed or is wrong"),
        "{}",
        stderr(&out)
    );
    assert_eq!(server.join().unwrap().len(), 3);
    let delivered: Vec<&Reminder> = s.reminders[1..].iter().collect();
    assert_eq!(fs::read_to_string(&s.state).unwrap(), log_of(&delivered));
    // The next run sends only what failed.
    let (base, server) = stand_in(1, |_, _| answer(200, "ok"));
    let out = remind(&s, &["--slack-webhook", &format!("{base}/hook")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let requests = server.join().unwrap();
    assert_eq!(requests.len(), 1);
    assert!(requests[0].json()["text"].as_str().unwrap().contains(
        &s.reminders[0]
            .owner
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    ));
}

#[test]
fn rate_limiting_is_waited_out_as_retry_after_asks() {
    let s = setup();
    let (base, server) = stand_in(4, |_, n| {
        if n == 0 {
            Answer {
                status: 429,
                headers: vec![("Retry-After", "1".into())],
                body: String::new(),
            }
        } else {
            answer(200, "ok")
        }
    });
    let out = remind(&s, &["--slack-webhook", &format!("{base}/hook")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Slack asked to wait 1 s (HTTP 429)"),
        "{}",
        stderr(&out)
    );
    let requests = server.join().unwrap();
    assert_eq!(requests.len(), 4, "the first message was sent twice");
    assert_eq!(requests[0].body, requests[1].body);

    // A wait longer than allowed is not waited: that message is left for the next run.
    fs::remove_file(&s.state).unwrap();
    let (base, server) = stand_in(3, |_, n| {
        if n == 0 {
            Answer {
                status: 429,
                headers: vec![("Retry-After", "3600".into())],
                body: "rate_limited".into(),
            }
        } else {
            answer(200, "ok")
        }
    });
    let out = remind(
        &s,
        &[
            "--slack-webhook",
            &format!("{base}/hook"),
            "--max-wait",
            "5",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("Retry-After 3600 s"),
        "{}",
        stderr(&out)
    );
    assert_eq!(server.join().unwrap().len(), 3);
}

/// A bot-token stand-in: people by address, `chat.postMessage` answered by `post`.
fn web_api(
    expected: usize,
    post: impl Fn(&Value) -> Answer + Send + 'static,
) -> (String, JoinHandle<Vec<Request>>) {
    stand_in(expected, move |request, _| {
        if request.header("authorization") != Some("Bearer xoxb-test") {
            return answer(200, "{\"ok\": false, \"error\": \"not_authed\"}");
        }
        if request.target.starts_with("/api/users.lookupByEmail?") {
            let user = match request.target.split("email=").nth(1).unwrap_or("") {
                "ana%40corp.example" => "U0ANA",
                "bo.chen%40corp.example" => "U0BO",
                "fay%40corp.example" => "U0FAY",
                _ => return answer(200, "{\"ok\": false, \"error\": \"users_not_found\"}"),
            };
            return answer(
                200,
                &format!("{{\"ok\": true, \"user\": {{\"id\": \"{user}\"}}}}"),
            );
        }
        if request.target == "/api/chat.postMessage" && request.method == "POST" {
            return post(&request.json());
        }
        answer(404, "unknown method")
    })
}

#[test]
fn a_bot_token_writes_to_each_owner_and_escalates_to_the_facilitator() {
    let s = setup();
    let (base, server) = web_api(6, |_| answer(200, "{\"ok\": true}"));
    let people = s.people.display().to_string();
    let out = remind(
        &s,
        &[
            "--slack-token",
            "xoxb-test",
            "--slack-api-base",
            &format!("{base}/api/"),
            "--people",
            &people,
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let requests = server.join().unwrap();
    let posts: Vec<Value> = requests
        .iter()
        .filter(|r| r.target == "/api/chat.postMessage")
        .map(Request::json)
        .collect();
    let channels: Vec<&str> = posts
        .iter()
        .map(|p| p["channel"].as_str().unwrap())
        .collect();
    assert_eq!(channels, ["U0ANA", "U0BO", "U0FAY"]);
    assert!(posts[2]["text"]
        .as_str()
        .unwrap()
        .starts_with("*Escalation: PM-2026-0200-01"));
    assert!(!stdout(&out).contains("xoxb-test") && !stderr(&out).contains("xoxb-test"));
    let all: Vec<&Reminder> = s.reminders.iter().collect();
    assert_eq!(fs::read_to_string(&s.state).unwrap(), log_of(&all));
}

#[test]
fn slacks_error_answers_are_named_and_the_rest_still_goes() {
    let s = setup();
    // No roster: Bo has no address, so his nudge cannot go; the escalation goes to a channel,
    // which Slack refuses.
    let (base, server) = web_api(3, |body| {
        if body["channel"] == "C0ESC" {
            answer(200, "{\"ok\": false, \"error\": \"not_in_channel\"}")
        } else {
            answer(200, "{\"ok\": true}")
        }
    });
    let out = remind(
        &s,
        &[
            "--slack-token",
            "xoxb-test",
            "--slack-api-base",
            &format!("{base}/api"),
            "--escalation-channel",
            "C0ESC",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("no e-mail address for Bo Chen"), "{err}");
    assert!(
        err.contains("chat.postMessage refused it: not_in_channel (invite the app to the channel)"),
        "{err}"
    );
    assert_eq!(server.join().unwrap().len(), 3, "a lookup and two posts");
    let delivered = [&s.reminders[0]];
    assert_eq!(fs::read_to_string(&s.state).unwrap(), log_of(&delivered));

    // A wrong token, and a person Slack does not know.
    fs::remove_file(&s.state).unwrap();
    let (base, server) = stand_in(3, |_, _| {
        answer(200, "{\"ok\": false, \"error\": \"invalid_auth\"}")
    });
    let people = s.people.display().to_string();
    let out = remind(
        &s,
        &[
            "--slack-token",
            "xoxb-wrong",
            "--slack-api-base",
            &base,
            "--people",
            &people,
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("invalid_auth (check the bot token)"),
        "{}",
        stderr(&out)
    );
    server.join().unwrap();
    assert_eq!(
        fs::read_to_string(&s.state).unwrap(),
        ReminderLog::default().to_json()
    );
    let (base, server) = stand_in(1, |_, _| answer(200, "not json at all"));
    let out = remind(
        &s,
        &[
            "--slack-token",
            "xoxb-test",
            "--slack-api-base",
            &base,
            "--escalation-channel",
            "C1",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("something that is not JSON: not json at all"),
        "{}",
        stderr(&out)
    );
    server.join().unwrap();
}

#[test]
fn a_dry_run_sends_and_records_nothing() {
    let s = setup();
    let out = remind(&s, &["--dry-run"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for reminder in &s.reminders {
        assert!(text.contains(&reminder.subject), "{text}");
        assert!(text.contains(reminder.body.trim_end()), "{text}");
    }
    assert!(text.contains("3 reminder(s) on 2026-03-23 (dry run: nothing sent, nothing recorded)."));
    assert!(!s.state.exists());
}

#[test]
fn a_broken_log_is_refused_and_left_as_it_is_and_sending_needs_a_target() {
    let s = setup();
    fs::write(&s.state, "{\"items\": [1, 2]}").unwrap();
    let out = remind(&s, &["--slack-webhook", "http://127.0.0.1:9/hook"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a reminder log"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_to_string(&s.state).unwrap(), "{\"items\": [1, 2]}");
    fs::remove_file(&s.state).unwrap();
    let out = remind(&s, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("give --slack-webhook or --slack-token"));
    let out = remind(
        &s,
        &["--slack-webhook", "http://x.example/", "--slack-token", "t"],
    );
    assert_eq!(out.status.code(), Some(2));
    // The log goes where --state says; beside a folder by default.
    let dir = temp();
    let folder = dir.path().join("postmortems");
    followthrough()
        .arg("split")
        .arg(&s.workspace)
        .arg("--dir")
        .arg(&folder)
        .assert()
        .success();
    let (base, server) = stand_in(3, |_, _| answer(200, "ok"));
    followthrough()
        .args([
            "remind",
            "--as-of",
            DAY,
            "--slack-webhook",
            &format!("{base}/hook"),
        ])
        .arg(&folder)
        .assert()
        .success();
    server.join().unwrap();
    assert!(dir.path().join("postmortems.reminders.json").is_file());
    assert!(!folder.join("postmortems.reminders.json").exists());
}
