//! Prints post-mortems in their stored shard form, to check other decoders against
//! (`e2e/stored.check.mjs`) or to measure the sharded form's size.
//!
//! ```text
//! cargo run -q -p followthrough-core --example shard -- [post-mortems items seed]
//! cargo run -q -p followthrough-core --example shard -- -  < workspace.json
//! cargo run -q --release -p followthrough-core --example shard -- --stats 1000 10 51
//! ```
//!
//! The workspace is a seeded sample (until 2026-05-01; default 3 post-mortems × 10 items,
//! seed 51), or the JSON workspace on stdin with `-`. For each post-mortem two lines are
//! printed: its JSON, then its shard (neither contains a line break: JSON escapes them and
//! packed characters are U+0800–U+87FF). `--stats` prints sizes in UTF-16 code units, the
//! unit of the browser's localStorage quota, instead.

use std::io::Read;
use std::process::ExitCode;

use chrono::NaiveDate;
use followthrough_core::{sample, storage, Workspace};

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let stats = args.first().is_some_and(|a| a == "--stats");
    if stats {
        args.remove(0);
    }
    let workspace = if args.first().is_some_and(|a| a == "-") {
        let mut text = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut text) {
            eprintln!("cannot read stdin: {e}");
            return ExitCode::FAILURE;
        }
        match storage::load_workspace(&text) {
            Ok(ws) => ws,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        let number =
            |i: usize, default: u64| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
        let until = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap_or_default();
        sample::workspace(
            number(2, 51),
            number(0, 3) as usize,
            number(1, 10) as usize,
            until,
        )
    };
    if stats {
        print_stats(&workspace);
    } else {
        for pm in &workspace.postmortems {
            println!("{}", serde_json::to_string(pm).unwrap_or_default());
            println!("{}", storage::encode_postmortem(pm));
        }
    }
    ExitCode::SUCCESS
}

fn units(text: &str) -> usize {
    text.encode_utf16().count()
}

fn print_stats(ws: &Workspace) {
    let items: usize = ws.postmortems.iter().map(|pm| pm.action_items.len()).sum();
    let whole = units(&storage::save_workspace(ws));
    let json: usize = ws
        .postmortems
        .iter()
        .map(|pm| units(&serde_json::to_string(pm).unwrap_or_default()))
        .sum();
    let shards: Vec<usize> = ws
        .postmortems
        .iter()
        .map(|pm| units(&storage::encode_postmortem(pm)))
        .collect();
    let packed: usize = shards.iter().sum();
    let largest = shards.iter().copied().max().unwrap_or(0);
    let index = units(&storage::encode_index(ws));
    let stored = packed + index;
    let quota = 5_242_880usize;
    let percent = |part: usize, whole: usize| 100.0 * part as f64 / whole.max(1) as f64;
    println!("{} post-mortems, {items} items", ws.postmortems.len());
    println!("whole workspace JSON:        {whole:>10} units");
    println!("post-mortems as JSON:        {json:>10} units");
    println!(
        "post-mortem shards:          {packed:>10} units ({:.1} % of their JSON; largest {largest})",
        percent(packed, json)
    );
    println!("index:                       {index:>10} units");
    println!(
        "sharded total:               {stored:>10} units ({:.1} % of the whole JSON; {:.1} % of the {quota}-unit quota, plus key names)",
        percent(stored, whole),
        percent(stored, quota)
    );
}
