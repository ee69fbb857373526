//! Property tests for the exchange format: any workspace survives the JSON round trip byte for
//! byte; CSV exports parse back to the same fields (modulo the documented `'` defusing);
//! nothing panics on any input; the calendar and the Markdown table keep their shape.
//!
//! Strategies are small on purpose (a few post-mortems of a few items, short strings drawn
//! from tricky characters), so 10,000 round trips stay fast in a debug build.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use followthrough_core::exchange::*;
use followthrough_core::model::*;
use followthrough_core::scoring::rescore_workspace;
use proptest::prelude::*;
use proptest::sample::select;

const TRICKY: &[&str] = &[
    "",
    " ",
    "a",
    "Add",
    "=1+1",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    "\n",
    "\r\n",
    "\u{0}",
    "'",
    "\"",
    "\\",
    ",",
    ";",
    "|",
    "<script>",
    "javascript:",
    "🔥",
    "👩🏽‍💻",
    "\u{202e}",
    "עברית",
    "العربية",
    "\u{200b}",
    "\u{feff}",
    "é",
    "İ",
    "ß",
    "$(x)",
    "`x`",
    "#",
    "[",
    "]",
    "{",
    "}",
    "%",
];

fn text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => (select(TRICKY), select(TRICKY)).prop_map(|(a, b)| format!("{a}{b}")),
        1 => prop::collection::vec(any::<char>(), 0..6).prop_map(String::from_iter),
    ]
    .boxed()
}

fn date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        1 => Just(NaiveDate::MIN),
        1 => Just(NaiveDate::MAX),
        8 => (730_000i32..740_000).prop_filter_map("a date", NaiveDate::from_num_days_from_ce_opt),
    ]
}

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (1_500_000_000i64..1_900_000_000, 0u32..1_000_000_000)
        .prop_filter_map("an instant", |(s, n)| Utc.timestamp_opt(s, n).single())
}

/// Picks from a list by some bits of `choices` (cheaper to generate than one strategy each).
fn pick<T: Copy>(all: &[T], choices: u32, shift: u32) -> T {
    all[((choices >> shift) as usize) % all.len()]
}

/// Three generated texts fill every text field (reused, and combined): generating one text per
/// field would make 10,000 cases slow in a debug build without finding more.
fn item() -> impl Strategy<Value = ActionItem> {
    (
        (text(), text(), text()),
        any::<u32>(),
        prop::option::of(date()),
        prop::option::of(instant()),
    )
        .prop_map(|((title, owner, other), choices, due_date, updated_at)| {
            let bit = |n: u32| choices & (1 << n) != 0;
            let level = |shift| Level::new(pick(&[1, 2, 3, 4], choices, shift)).unwrap_or_default();
            ActionItem {
                description: format!("{other}\n{title}"),
                team: other.clone(),
                tags: if bit(0) {
                    vec![other.clone(), owner.clone()]
                } else {
                    Vec::new()
                },
                tracking_ticket: if bit(1) { other.clone() } else { String::new() },
                tracking_url: if bit(2) {
                    format!("https://t.example/{other}")
                } else {
                    other.clone()
                },
                impact: level(3),
                effort: level(5),
                category: bit(7).then(|| pick(&Category::ALL, choices, 8)),
                status: pick(&ItemStatus::ALL, choices, 10),
                resolution: bit(13).then(|| pick(&Resolution::ALL, choices, 14)),
                verification: bit(17).then(|| Verification {
                    method: pick(&VerificationMethod::ALL, choices, 18),
                    evidence: owner.clone(),
                    verified_at: updated_at,
                }),
                would_halve_duration: bit(21),
                linked_items: if bit(22) { vec![other] } else { Vec::new() },
                due_date,
                original_due_date: due_date,
                updated_at,
                created_at: updated_at,
                title,
                owner,
                ..Default::default()
            }
        })
}

fn postmortem() -> impl Strategy<Value = PostMortem> {
    (
        (text(), text()),
        any::<u32>(),
        prop::option::of(instant()),
        prop::collection::vec(item(), 0..4),
    )
        .prop_map(
            |((title, summary), choices, updated_at, action_items)| PostMortem {
                doc_url: if choices & 1 != 0 {
                    format!("https://d.example/{summary}")
                } else {
                    summary.clone()
                },
                incident_ref: title.clone(),
                tags: if choices & 2 != 0 {
                    vec![summary.clone()]
                } else {
                    Vec::new()
                },
                severity: pick(&Severity::ALL, choices, 2),
                status: pick(&PostMortemStatus::ALL, choices, 4),
                updated_at,
                title,
                summary,
                action_items,
                ..Default::default()
            },
        )
}

/// A scored workspace whose ids are unique (`P<i>` and `P<i>-<j>`), with a tricky suffix so
/// ids exercise escaping too.
fn workspace() -> impl Strategy<Value = Workspace> {
    (
        prop::collection::vec(postmortem(), 0..4),
        select(TRICKY),
        1u32..10,
    )
        .prop_map(|(postmortems, suffix, capacity)| {
            let mut ws = Workspace {
                postmortems,
                ..Default::default()
            };
            ws.settings.review.owner_capacity = capacity;
            for (i, pm) in ws.postmortems.iter_mut().enumerate() {
                pm.id = format!("P{i}{suffix}");
                for (j, item) in pm.action_items.iter_mut().enumerate() {
                    item.id = format!("P{i}{suffix}-{j}");
                }
            }
            rescore_workspace(&mut ws);
            ws
        })
}

fn everything(ws: &Workspace, link_base: Option<&str>) -> ExportSet {
    let mut set = ExportSet::new(link_base);
    for pm in &ws.postmortems {
        for item in &pm.action_items {
            set.push(&pm.id, &item.id);
        }
    }
    set
}

fn parse_csv(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| {
            r.expect("the CSV parses")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn json_round_trips_byte_for_byte(ws in workspace()) {
        let text = export_workspace_json(&ws);
        let incoming = read_import(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = apply(&Workspace::default(), &incoming, Mode::Replace, ConflictRule::KeepWorkspace);
        // Equal records export to equal bytes (the export is a function of the record), so
        // this is the byte-for-byte round trip without a second export.
        prop_assert_eq!(&back, &ws);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    #[test]
    fn post_mortem_documents_round_trip_and_a_re_import_changes_nothing(ws in workspace()) {
        let incoming = read_import(&export_workspace_json(&ws))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(preview(&ws, &incoming).is_no_op());
        prop_assert_eq!(&apply(&ws, &incoming, Mode::Merge, ConflictRule::TakeFile), &ws);
        for pm in &ws.postmortems {
            let single = read_import(&export_postmortem_json(pm))
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(single.kind, DocumentKind::PostMortem);
            prop_assert_eq!(&single.postmortems()[0], pm);
            prop_assert!(preview(&ws, &single).is_no_op());
        }
    }

    #[test]
    fn csv_exports_parse_back_to_the_same_fields(ws in workspace(), base in prop::option::of(select(vec![
        "https://host.example/app/", "javascript:alert(1)", "http://h.example/#/pm/x",
    ]))) {
        let set = everything(&ws, base);
        let items = resolve(&ws, &set);
        let defused = |s: &str| defuse_cell(s).into_owned();

        let jira = parse_csv(&export_jira_csv(&ws, &set));
        prop_assert_eq!(jira.len(), items.len() + 1);
        let width = jira[0].len();
        prop_assert_eq!(&jira[0][..5], &["Summary", "Description", "Assignee", "Priority", "Due date"]);
        prop_assert_eq!(jira[0].last().map(String::as_str), Some("Issue Type"));
        for ((pm, item), row) in items.iter().zip(&jira[1..]) {
            prop_assert_eq!(row.len(), width);
            prop_assert_eq!(&row[0], &defused(&item.title));
            prop_assert_eq!(&row[1], &defused(&item_description(pm, item, base)));
            prop_assert_eq!(&row[2], &defused(&item.owner));
            prop_assert_eq!(&row[3], jira_priority(item.priority));
            prop_assert_eq!(&row[4], &item.due_date.map(|d| defused(&d.to_string())).unwrap_or_default());
            let labels = labels(pm, item);
            let cells: Vec<String> = row[5..width - 1].iter().filter(|c| !c.is_empty()).cloned().collect();
            let expected: Vec<String> = labels.iter().map(|l| defused(l)).collect();
            prop_assert_eq!(cells, expected);
            prop_assert_eq!(&labels[0], "incident-action");
            prop_assert_eq!(row.last().map(String::as_str), Some("Task"));
        }

        let linear = parse_csv(&export_linear_csv(&ws, &set));
        prop_assert_eq!(linear.len(), items.len() + 1);
        for ((pm, item), row) in items.iter().zip(&linear[1..]) {
            prop_assert_eq!(row.len(), 6);
            prop_assert_eq!(&row[0], &defused(&item.title));
            prop_assert_eq!(&row[1], &defused(&item_description(pm, item, base)));
            prop_assert_eq!(&row[2], linear_priority(item.priority));
            prop_assert_eq!(&row[3], &defused(&item.owner));
            prop_assert_eq!(&row[4], &defused(&labels(pm, item).join(",")));
        }
        for row in jira.iter().chain(&linear) {
            for cell in row {
                prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{:?}", cell);
            }
        }
    }

    #[test]
    fn calendar_and_markdown_keep_their_shape(ws in workspace(), day in 0u64..400) {
        let set = everything(&ws, Some("https://host.example/app/"));
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(day);
        let ics = export_ics(&ws, &set, &IcsOptions {
            today,
            stamp: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            check_ins: true,
        });
        prop_assert!(ics.ends_with("\r\n"));
        for line in ics.strip_suffix("\r\n").unwrap_or(&ics).split("\r\n") {
            prop_assert!(line.len() <= 75, "{} octets", line.len());
            prop_assert!(!line.contains(['\r', '\n', '\0']));
        }
        let begins = ics.matches("BEGIN:VEVENT\r\n").count();
        prop_assert_eq!(begins, ics.matches("END:VEVENT\r\n").count());
        prop_assert_eq!(begins, ics.matches("\r\nUID:").count());

        let md = export_markdown_table(&ws, &set);
        let lines: Vec<&str> = md.lines().collect();
        prop_assert_eq!(lines.len(), 2 + resolve(&ws, &set).len());
        prop_assert!(md.ends_with('\n'));
        for line in lines {
            // Cell separators: pipes not escaped by a backslash.
            let mut separators = 0;
            let mut chars = line.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => { chars.next(); }
                    '|' => separators += 1,
                    _ => {}
                }
            }
            prop_assert_eq!(separators, 9, "{}", line);
        }
    }

    #[test]
    fn the_gh_script_is_one_command_per_line(ws in workspace()) {
        let set = everything(&ws, None);
        let script = export_gh_script(&ws, &set);
        prop_assert!(!script.contains('\0'));
        // Every single-quoted word is closed: outside quotes, only the script's own text.
        let mut quoted = false;
        let mut outside = String::new();
        let mut chars = script.chars();
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (_, '\'') => quoted = !quoted,
                // Outside quotes, a backslash takes the next character literally (`'\''`).
                (false, '\\') => {
                    chars.next();
                }
                (false, c) => outside.push(c),
                (true, _) => {}
            }
        }
        prop_assert!(!quoted);
        prop_assert!(!outside.contains('$') && !outside.contains('`'));
        let commands = outside.lines().filter(|l| l.starts_with("gh issue create")).count();
        prop_assert_eq!(commands, resolve(&ws, &set).len());
    }

    #[test]
    fn importing_anything_never_panics(
        ws in workspace(),
        cut in any::<prop::sample::Index>(),
        insert in any::<prop::sample::Index>(),
        junk in text(),
        raw in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        let text = export_workspace_json(&ws);
        let mut cuts: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        cuts.dedup();
        let at = cuts[cut.index(cuts.len())];
        let other = cuts[insert.index(cuts.len())];
        let candidates = [
            text[..at].to_string(),
            format!("{}{}{}", &text[..other], junk, &text[other..]),
            String::from_utf8_lossy(&raw).into_owned(),
            junk.clone(),
        ];
        for candidate in &candidates {
            if let Ok(incoming) = read_import(candidate) {
                let _ = preview(&ws, &incoming);
                let merged = apply(&ws, &incoming, Mode::Merge, ConflictRule::TakeFile);
                for pm in &ws.postmortems {
                    prop_assert!(merged.postmortem(&pm.id).is_some(), "merge never removes");
                }
                for pm in incoming.postmortems() {
                    prop_assert!(merged.postmortem(&pm.id).is_some(), "merge adds");
                }
                let _ = apply(&ws, &incoming, Mode::Replace, ConflictRule::KeepWorkspace);
            }
        }
    }

    #[test]
    fn merging_two_workspaces_keeps_every_id(current in workspace(), file in workspace()) {
        let incoming = read_import(&export_workspace_json(&file))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let preview = preview(&current, &incoming);
        let file_items: usize = incoming.item_count();
        let new_pms = file.postmortems.iter().filter(|p| current.postmortem(&p.id).is_none());
        let counted = preview.added.len() + preview.updated.len() + preview.unchanged.len()
            + preview.conflicting.len();
        // One entry per file post-mortem, plus one per item of the post-mortems both hold.
        let new_items: usize = new_pms.clone().map(|p| p.action_items.len()).sum();
        prop_assert_eq!(counted, file.postmortems.len() + file_items - new_items);
        for rule in [ConflictRule::KeepWorkspace, ConflictRule::TakeFile] {
            let merged = apply(&current, &incoming, Mode::Merge, rule);
            for (pm, item) in current.items().chain(file.items()) {
                let found = merged.postmortem(&pm.id).and_then(|p| p.action_items.iter().find(|i| i.id == item.id));
                prop_assert!(found.is_some(), "{} lost", item.id);
            }
            // Whatever an import produces can be exported and imported again.
            let again = read_import(&export_workspace_json(&merged))
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&again.workspace, &merged);
            let mut rescored = merged.clone();
            rescore_workspace(&mut rescored);
            prop_assert_eq!(&rescored, &merged, "apply leaves every priority computed");
        }
    }
}
