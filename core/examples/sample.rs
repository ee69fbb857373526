//! Writes a seeded, realistic sample workspace as JSON to stdout, for benchmarks and demos:
//! `cargo run -q -p followthrough-core --example sample -- <post-mortems> <items each> [seed] [YYYY-MM-DD]`

use chrono::NaiveDate;
use followthrough_core::{sample, storage};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number =
        |i: usize, default: u64| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let postmortems = number(0, 100) as usize;
    let items = number(1, 10) as usize;
    let seed = number(2, 51);
    let until = args
        .get(3)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Utc::now().date_naive());
    let workspace = sample::workspace(seed, postmortems, items, until);
    println!("{}", storage::save_workspace(&workspace));
}
