//! Benchmarks of the core on a realistic workspace: 1,000 post-mortems × 10 items from
//! `sample::workspace` (seeded, the same every run).
//!
//! Targets (brief): validating one item ≤ 5 µs; parsing the whole workspace ≤ 50 ms; a
//! sharded save (index + the changed post-mortem's shard) ≤ 50 ms.
//! Run: `cargo bench -p followthrough-core --bench core -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use followthrough_core::model::Workspace;
use followthrough_core::validator::{self, ValidationContext};
use followthrough_core::{metrics, postmortem_checks, sample, scoring, storage};

const POSTMORTEMS: usize = 1_000;
const ITEMS_PER_POSTMORTEM: usize = 10;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, 1).unwrap_or_default()
}

fn workspace() -> Workspace {
    sample::workspace(42, POSTMORTEMS, ITEMS_PER_POSTMORTEM, today())
}

/// The validator as the editor calls it on each keystroke: one item, context prepared.
fn validate(c: &mut Criterion) {
    let ws = workspace();
    let settings = ws.settings.clone();
    let open = validator::open_items_by_owner(&ws);
    let items: Vec<_> = ws.items().map(|(_, i)| i.clone()).collect();
    let contexts: Vec<_> = items
        .iter()
        .map(|i| ValidationContext::for_item(i, i.priority, &open, today(), &settings))
        .collect();

    let mut group = c.benchmark_group("validate");
    // Per item: the figure to compare with the 5 µs target.
    group.throughput(Throughput::Elements(1));
    let mut next = 0usize;
    group.bench_function("one item", |b| {
        b.iter(|| {
            next = (next + 1) % items.len().max(1);
            let (Some(item), Some(ctx)) = (items.get(next), contexts.get(next)) else {
                return;
            };
            black_box(validator::validate(black_box(item), ctx));
        })
    });
    group.throughput(Throughput::Elements(items.len() as u64));
    group.bench_function("10,000 items", |b| {
        b.iter(|| {
            for (item, ctx) in items.iter().zip(&contexts) {
                black_box(validator::validate(black_box(item), ctx));
            }
        })
    });
    // The roster's costly case (§5.1): a name being typed that is on neither the roster nor
    // another item ("Ana Smiht"), looked for among every person of the workspace.
    let mut roster: Vec<String> = items.iter().map(|i| i.owner.clone()).collect();
    roster.sort_unstable();
    roster.dedup();
    let with_roster = followthrough_core::Settings {
        people: roster.clone(),
        ..settings.clone()
    };
    let typos: Vec<_> = items
        .iter()
        .map(|i| {
            let mut item = i.clone();
            item.owner.push('x');
            item
        })
        .collect();
    let typo_contexts: Vec<_> = typos
        .iter()
        .map(|i| ValidationContext::for_item(i, i.priority, &open, today(), &with_roster))
        .collect();
    group.throughput(Throughput::Elements(1));
    let mut next = 0usize;
    group.bench_function(
        format!("one item, owner off a {}-person roster", roster.len()),
        |b| {
            b.iter(|| {
                next = (next + 1) % typos.len().max(1);
                let (Some(item), Some(ctx)) = (typos.get(next), typo_contexts.get(next)) else {
                    return;
                };
                black_box(validator::validate(black_box(item), ctx));
            })
        },
    );
    group.finish();
}

fn storage(c: &mut Criterion) {
    let ws = workspace();
    let text = storage::save_workspace(&ws);
    let mut group = c.benchmark_group("storage");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("parse workspace", |b| {
        b.iter(|| black_box(storage::load_workspace(black_box(&text))))
    });
    group.bench_function("serialise workspace", |b| {
        b.iter(|| black_box(storage::save_workspace(black_box(&ws))))
    });
    group.finish();
}

/// The sharded stored form: every post-mortem encoded and decoded (a first save, a load),
/// and what one ordinary save writes (the index and one changed post-mortem).
fn shards(c: &mut Criterion) {
    let ws = workspace();
    let encoded: Vec<String> = ws
        .postmortems
        .iter()
        .map(storage::encode_postmortem)
        .collect();
    let mut group = c.benchmark_group("shards");
    group.sample_size(10);
    group.throughput(Throughput::Elements(ws.postmortems.len() as u64));
    group.bench_function("encode every post-mortem", |b| {
        b.iter(|| {
            for pm in &ws.postmortems {
                black_box(storage::encode_postmortem(black_box(pm)));
            }
        })
    });
    group.bench_function("decode every post-mortem", |b| {
        b.iter(|| {
            for shard in &encoded {
                black_box(storage::decode_postmortem(black_box(shard)).ok());
            }
        })
    });
    group.throughput(Throughput::Elements(1));
    let mut next = 0usize;
    group.bench_function("save one post-mortem and the index", |b| {
        b.iter(|| {
            next = (next + 1) % ws.postmortems.len().max(1);
            if let Some(pm) = ws.postmortems.get(next) {
                black_box(storage::encode_postmortem(black_box(pm)));
            }
            black_box(storage::encode_index(black_box(&ws)));
        })
    });
    group.finish();
}

fn whole_workspace(c: &mut Criterion) {
    let ws = workspace();
    let mut group = c.benchmark_group("workspace");
    group.sample_size(10);
    group.bench_function("rescore all items", |b| {
        b.iter_batched(
            || ws.clone(),
            |mut w| scoring::rescore_workspace(&mut w),
            BatchSize::LargeInput,
        )
    });
    group.bench_function("check every post-mortem", |b| {
        b.iter(|| {
            for pm in &ws.postmortems {
                black_box(postmortem_checks::check_postmortem(pm, &ws, &ws.settings));
            }
        })
    });
    // All metrics (DOMAIN §9) over the last 90 days, as the dashboard shows them.
    group.bench_function("all metrics", |b| {
        b.iter(|| {
            black_box(metrics::compute(
                black_box(&ws),
                metrics::Window::last_90_days(today()),
                &ws.settings,
            ))
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1));
    targets = validate, storage, shards, whole_workspace
}
criterion_main!(benches);
