//! A seeded, deterministic generator of realistic workspaces, for benchmarks, demos and
//! property tests (not a DOMAIN.md rule). No `rand` dependency: a tiny xorshift is enough and
//! gives the same workspace on every platform, native or wasm32.
//!
//! The items follow the rules: priorities are scored (`scoring`), due dates default from them
//! (`deadlines`), closed items carry a resolution and a status history, moved due dates keep
//! `original_due_date`. A share of titles is deliberately weak ("Improve monitoring") so the
//! validator has something to say.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};

use crate::deadlines::default_due_date;
use crate::model::{
    ActionItem, Blocked, BlockedKind, Category, Deferral, HistoryEntry, ItemStatus, Level,
    PostMortem, PostMortemStatus, Resolution, Severity, Verification, VerificationMethod,
    Workspace,
};
use crate::scoring::{rescore_workspace, score};

/// xorshift64: small, fast, deterministic. Not for anything secret.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        // Zero is xorshift's fixed point; mix the seed so nearby seeds diverge quickly.
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// Uniform-ish in `0..n`; 0 when `n` is 0.
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }

    /// One of the strings; "" for an empty slice.
    pub fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        let i = self.below(from.len());
        from.get(i).copied().unwrap_or("")
    }
}

const SERVICES: &[&str] = &[
    "payments",
    "checkout",
    "auth",
    "search",
    "catalog",
    "inventory",
    "notifications",
    "billing",
    "gateway",
    "orders",
    "ledger",
    "profile",
    "recommendations",
    "shipping",
    "pricing",
];
const DEPENDENCIES: &[&str] = &[
    "the card gateway",
    "Postgres",
    "Redis",
    "Kafka",
    "the fraud API",
    "S3",
    "Elasticsearch",
    "the tax service",
    "DynamoDB",
    "the SMTP relay",
];
const SIGNALS: &[&str] = &[
    "error rate",
    "P99 latency",
    "queue depth",
    "replication lag",
    "5xx rate",
    "connection pool use",
    "CPU",
    "memory",
    "disk use",
    "consumer lag",
];
const FIRST_NAMES: &[&str] = &[
    "Alice", "Bob", "Carol", "Dan", "Eve", "Priya", "Jordan", "Sam", "Alex", "Mara", "Tomás",
    "Yuki", "Fatima", "Liam", "Nina", "Omar", "Grace", "Hugo", "Inês", "Jonas", "Kemal", "Lena",
    "Mateo", "Noor", "Olga", "Pablo", "Quinn", "Rosa", "Sven", "Tara", "Wei", "Zoë",
];
const LAST_NAMES: &[&str] = &[
    "Chen",
    "Okafor",
    "Díaz",
    "Whitfield",
    "Novak",
    "Raman",
    "Lee",
    "Porter",
    "Kim",
    "Jovanović",
    "Silva",
    "Tanaka",
    "Zahra",
    "O'Brien",
    "Petrova",
    "Haddad",
    "Mensah",
    "Martin",
    "Costa",
    "Berg",
    "Aydın",
    "Fischer",
    "Rossi",
    "Khan",
    "Ivanova",
    "Ruiz",
    "Taylor",
    "Lima",
    "Larsen",
    "Singh",
    "Zhang",
    "Dubois",
];
const WEAK_OWNERS: &[&str] = &["", "the team", "SRE", "TBD", "Alice and Bob", "platform"];
const TEAMS: &[&str] = &[
    "payments", "checkout", "identity", "platform", "data", "growth", "core",
];
const PROJECTS: &[&str] = &["PAY", "CHK", "AUTH", "PLAT", "DATA", "OPS", "INC"];
const TAGS: &[&str] = &[
    "database",
    "deploys",
    "config",
    "capacity",
    "dependencies",
    "on-call",
];

const INCIDENTS: &[&str] = &[
    "{s} outage after config push",
    "{s} latency spike during peak",
    "Partial {s} degradation: {d} timeouts",
    "{s} errors after a dependency upgrade",
    "Data inconsistency in {s}",
    "{s} unavailable for EU customers",
    "Certificate expiry took down {s}",
    "{s} queue backlog delayed orders",
];

/// Title templates per category: {s} service, {d} dependency, {g} signal, {n} a number.
const PREVENT: &[&str] = &[
    "Add a circuit breaker to {s} calls to {d}",
    "Add connection pool limits to {s} for {d} at {n} connections",
    "Fix race condition in {s} retry handler (#{n}{n})",
    "Add input validation for {s} config parameters in the CI pipeline",
    "Pin the {d} client library in {s} to a tested version",
    "Set a {n}s timeout on {s} requests to {d}",
    "Implement idempotency keys for {s} writes to {d}",
    "Block deploys of {s} when the config schema check fails",
    "Rotate {s} TLS certificates automatically {n} days before expiry",
];
const DETECT: &[&str] = &[
    "Add alert on {s} {g} above {n}% for 5 minutes",
    "Create a synthetic check for the {s} happy path every {n} minutes",
    "Add structured logging for {s} retries with the {d} request id",
    "Lower the {s} {g} alert threshold from 95% to {n}%",
    "Add a dashboard panel for {s} {g} per region",
    "Page the {s} on-call when {d} errors exceed {n} per minute",
];
const MITIGATE: &[&str] = &[
    "Write a failover runbook for {s} covering {d} outages",
    "Add a feature flag to shed {s} load when {g} passes {n}%",
    "Automate the {s} rollback to the previous release in under {n} minutes",
    "Pre-stage read replicas for {s} in a second region",
    "Configure autoscaling for {s} on {g} at {n}%",
];
const PROCESS: &[&str] = &[
    "Add {s} to the on-call handoff checklist with the {d} dependency",
    "Assign ownership of the {s} {d} integration to one named engineer",
    "Document the {s} escalation path in the incident runbook",
    "Schedule a game day for {s} failover to {d} within {n} weeks",
];
/// Weak wording, as meetings produce it.
const WEAK: &[&str] = &[
    "Improve monitoring",
    "Investigate {s} latency",
    "Look into {s} scaling",
    "Review alerting thresholds for {s}",
    "Be more careful with {s} deploys",
    "Fix the bug",
    "Add documentation",
    "Consider adding validation to {s}",
    "Train the team on {d}",
    "Add alert on {s} {g} and write the runbook",
];

fn fill(rng: &mut Rng, template: &str, service: &str) -> String {
    let mut out = String::with_capacity(template.len() + 24);
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        out.push_str(rest.get(..at).unwrap_or(""));
        let tail = rest.get(at..).unwrap_or("");
        let (value, skip) = if tail.starts_with("{s}") {
            (service.to_string(), 3)
        } else if tail.starts_with("{d}") {
            (rng.pick(DEPENDENCIES).to_string(), 3)
        } else if tail.starts_with("{g}") {
            (rng.pick(SIGNALS).to_string(), 3)
        } else if tail.starts_with("{n}") {
            ((rng.below(90) + 2).to_string(), 3)
        } else {
            ("{".to_string(), 1)
        };
        out.push_str(&value);
        rest = tail.get(skip..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// One of about a thousand people, some written as their address.
fn person(rng: &mut Rng) -> String {
    let first = rng.pick(FIRST_NAMES);
    let last = rng.pick(LAST_NAMES);
    if rng.chance(10) {
        format!(
            "{}.{}@company.com",
            first.to_lowercase(),
            last.to_lowercase()
        )
    } else {
        format!("{first} {last}")
    }
}

fn add_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days)).unwrap_or(date)
}

fn at(date: NaiveDate, rng: &mut Rng) -> DateTime<Utc> {
    let secs = 8 * 3600 + rng.below(10 * 3600) as u32;
    let time = NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).unwrap_or(NaiveTime::MIN);
    date.and_time(time).and_utc()
}

fn history(at: DateTime<Utc>, field: &str, from: &str, to: &str, note: &str) -> HistoryEntry {
    HistoryEntry {
        at,
        field: field.into(),
        from: from.into(),
        to: to.into(),
        note: note.into(),
    }
}

/// A workspace of `postmortems` post-mortems with `items_per_postmortem` items each, incidents
/// spread over the two years before `until`. The same arguments give the same workspace.
pub fn workspace(
    seed: u64,
    postmortems: usize,
    items_per_postmortem: usize,
    until: NaiveDate,
) -> Workspace {
    let mut rng = Rng::new(seed);
    let mut ws = Workspace::default();
    let span_days: u64 = 730;
    let start = until
        .checked_sub_days(Days::new(span_days))
        .unwrap_or(until);
    let mut ids_so_far: Vec<String> = Vec::new();
    for p in 0..postmortems {
        // Spread evenly with jitter, oldest first.
        let offset = (p as u64 * span_days) / (postmortems.max(1) as u64);
        let incident = add_days(start, offset + rng.below(3) as u64).min(until);
        // The year as `%Y` writes it; `Display` is `YYYY-MM-DD` (no strftime in the wasm).
        let date = incident.to_string();
        let year = &date[..date.len() - 6];
        let id = format!("PM-{year}-{:04}", p + 1);
        let service = rng.pick(SERVICES);
        let severity = match rng.below(10) {
            0 => Severity::Sev1,
            1..=3 => Severity::Sev2,
            4..=7 => Severity::Sev3,
            _ => Severity::Sev4,
        };
        let created = add_days(incident, 1 + rng.below(4) as u64).min(until);
        let created_at = at(created, &mut rng);
        let incident_template = rng.pick(INCIDENTS);
        let mut pm = PostMortem {
            id: id.clone(),
            title: fill(&mut rng, incident_template, service),
            incident_ref: format!("INC-{}", 100 + p),
            severity,
            incident_date: Some(incident),
            duration_minutes: Some(10 + rng.below(300) as u32),
            facilitator: person(&mut rng),
            summary: format!(
                "{} was degraded; customers saw errors until the on-call rolled back.",
                service
            ),
            doc_url: format!("https://wiki.example.com/postmortems/{id}"),
            tags: vec![rng.pick(TAGS).to_string()],
            created_at: Some(created_at),
            updated_at: Some(created_at),
            ..Default::default()
        };
        if p > 10 && rng.chance(3) {
            let earlier = rng.below(p);
            if let Some(e) = ws.postmortems.get(earlier) {
                pm.recurrence_of.push(e.id.clone());
            }
        }
        for n in 1..=items_per_postmortem {
            let item = action_item(&mut rng, &pm, n, service, created, until, &ids_so_far);
            ids_so_far.push(item.id.clone());
            pm.action_items.push(item);
        }
        if rng.chance(30) {
            pm.future_considerations
                .push(format!("Re-architect {service} for multi-region"));
        }
        let age = (until - created).num_days();
        pm.status = if age < 3 {
            PostMortemStatus::Draft
        } else if age < 10 {
            PostMortemStatus::InReview
        } else if pm.action_items.iter().all(|i| !i.is_open()) && rng.chance(80) {
            pm.closure_note =
                "Every item done or explicitly decided; verified in production.".into();
            PostMortemStatus::Closed
        } else {
            PostMortemStatus::Tracking
        };
        ws.postmortems.push(pm);
    }
    rescore_workspace(&mut ws);
    ws
}

/// One realistic item of `pm`, created on `created`, aged to `until`.
fn action_item(
    rng: &mut Rng,
    pm: &PostMortem,
    n: usize,
    service: &str,
    created: NaiveDate,
    until: NaiveDate,
    earlier_ids: &[String],
) -> ActionItem {
    let category = match rng.below(10) {
        0..=3 => Category::Prevent,
        4..=6 => Category::Detect,
        7..=8 => Category::Mitigate,
        _ => Category::Process,
    };
    let templates = if rng.chance(15) {
        WEAK
    } else {
        match category {
            Category::Prevent => PREVENT,
            Category::Detect => DETECT,
            Category::Mitigate => MITIGATE,
            Category::Process => PROCESS,
        }
    };
    let template = rng.pick(templates);
    let title = fill(rng, template, service);
    let owner = if rng.chance(5) {
        rng.pick(WEAK_OWNERS).to_string()
    } else {
        person(rng)
    };
    let created_at = at(created, rng);
    let mut item = ActionItem {
        id: format!("{}-{n:02}", pm.id),
        title,
        description: format!(
            "From post-mortem {} ({}). Done when the change is in production and verified.",
            pm.id, pm.incident_ref
        ),
        category: Some(category),
        impact: Level::clamped(1 + rng.below(4) as i64),
        effort: Level::clamped(1 + rng.below(4) as i64),
        owner,
        team: rng.pick(TEAMS).to_string(),
        tags: vec!["incident-action".into(), pm.id.clone()],
        would_halve_duration: category == Category::Detect && rng.chance(30),
        created_at: Some(created_at),
        updated_at: Some(created_at),
        ..Default::default()
    };
    if rng.chance(85) {
        item.tracking_ticket = format!("{}-{}", rng.pick(PROJECTS), 100 + rng.below(9900));
    } else if rng.chance(50) {
        item.tracking_url = format!("https://tracker.example.com/browse/{}-{n}", pm.id);
    }
    if !earlier_ids.is_empty() && rng.chance(3) {
        let i = rng.below(earlier_ids.len());
        if let Some(other) = earlier_ids.get(i) {
            item.linked_items.push(other.clone());
        }
    }
    let priority = score(&item, pm.severity, &crate::Settings::default()).effective;
    let settings = crate::Settings::default();
    let due = default_due_date(created, priority, &settings);
    item.due_date = Some(due);
    item.original_due_date = Some(due);
    item.history
        .push(history(created_at, "due_date", "", &due.to_string(), ""));

    // Age the item: older items are further along.
    let age = (until - created).num_days().max(0) as u64;
    let target = u64::from(settings.deadlines.target_days.get(priority));
    let roll = rng.below(100) as u64;
    // Progress fraction in percent of the time it took; items finish around their target.
    let finish_after = target * (40 + roll * 2) / 100 + 1;
    let mut day = created;
    let mut moved =
        |item: &mut ActionItem, rng: &mut Rng, days: u64, from: ItemStatus, to: ItemStatus| {
            day = add_days(day, days.max(1)).min(until);
            let when = at(day, rng);
            item.history
                .push(history(when, "status", from.as_str(), to.as_str(), ""));
            item.status = to;
            item.last_progress_at = Some(when);
            item.updated_at = Some(when);
            when
        };
    // Most items get started; a few old ones never are (the decay the review finds).
    if age >= 1 && (roll < 97 || age < target) {
        moved(
            &mut item,
            rng,
            1 + age.min(finish_after) / 5,
            ItemStatus::NotStarted,
            ItemStatus::InProgress,
        );
    }
    // A moved due date, with its note.
    if item.status == ItemStatus::InProgress && rng.chance(10) {
        let later = add_days(due, 7 + rng.below(21) as u64);
        let when = at(add_days(created, 2).min(until), rng);
        item.history.push(history(
            when,
            "due_date",
            &due.to_string(),
            &later.to_string(),
            "Waiting on the platform team's capacity",
        ));
        item.due_date = Some(later);
    }
    if item.status == ItemStatus::InProgress && age > finish_after {
        match rng.below(40) {
            0 => {
                item.status = ItemStatus::Blocked;
                item.blocked = Some(Blocked {
                    kind: BlockedKind::OtherTeamDependency,
                    note: "Needs the platform team's new load balancer".into(),
                    since: Some(add_days(created, 3).min(until)),
                });
            }
            1 => {
                item.status = ItemStatus::Deferred;
                item.deferral = Some(Deferral {
                    reason: "Waiting for the Q3 re-architecture".into(),
                    trigger: "after the new cluster is live".into(),
                    revisit_on: Some(add_days(until, rng.below(60) as u64)),
                    risk_acknowledged: true,
                });
            }
            2 => {} // Stuck in progress: decaying.
            3 | 4 => {
                moved(
                    &mut item,
                    rng,
                    finish_after / 4,
                    ItemStatus::InProgress,
                    ItemStatus::Closed,
                );
                item.resolution = Some(if rng.chance(50) {
                    Resolution::RiskAccepted
                } else {
                    Resolution::WontDo
                });
                item.resolution_note =
                    "Risk is low and the effort is high; decided at the monthly review.".into();
            }
            _ => {
                let step = finish_after / 4;
                moved(
                    &mut item,
                    rng,
                    step,
                    ItemStatus::InProgress,
                    ItemStatus::Implemented,
                );
                if age > finish_after + 2 {
                    let when = moved(
                        &mut item,
                        rng,
                        2,
                        ItemStatus::Implemented,
                        ItemStatus::Verified,
                    );
                    item.verification = Some(Verification {
                        method: VerificationMethod::Alert,
                        evidence: "The alert fired in staging when the change was reverted.".into(),
                        verified_at: Some(when),
                    });
                    moved(&mut item, rng, 1, ItemStatus::Verified, ItemStatus::Closed);
                    item.resolution = Some(Resolution::Completed);
                }
            }
        }
    }
    item
}

#[cfg(test)]
mod tests;
