//! The generated types against hand-written serde structs of the same shape, timed in turn:
//! `cargo bench -p nexudus-generated --bench paired [NAME]`.
//!
//! The same work as `--bench serde`, measured for the ratio: each round times a batch of one
//! side, then a batch of the other (the order alternates), and the ratio is taken round by
//! round. A shared machine's speed drifts over seconds; the two batches of a round see the
//! same machine, so the median ratio holds where criterion's figures, each timed on its own
//! one after the other, swing by a third between runs.

mod workload;

use std::hint::black_box;
use std::time::{Duration, Instant};

use workload::{Requests, SUCCESS, VALIDATION};

/// Rounds per comparison.
const ROUNDS: usize = 41;

/// About how long one batch runs.
const BATCH: Duration = Duration::from_millis(20);

/// One comparison's medians: each side's time per call, and the ratio with its spread.
struct Row {
    name: &'static str,
    generated: Duration,
    hand_written: Duration,
    ratios: Vec<f64>,
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument picks the comparisons by name.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with("--"))
        .collect();
    let wanted = |name: &str| filter.is_empty() || filter.iter().any(|f| name.contains(f.as_str()));

    let requests = Requests::checked();
    workload::check_decoders();
    let mut rows = Vec::new();
    let name = "serialize Create Coworker, every field set: the client's body";
    if wanted(name) {
        rows.push(compare(
            name,
            || black_box(&requests).generated_body(),
            || black_box(&requests).hand_written_serialize(),
        ));
    }
    let name = "the same through the `Serialize` adapter (`serde_json::to_vec`)";
    if wanted(name) {
        rows.push(compare(
            name,
            || black_box(&requests).generated_serialize(),
            || black_box(&requests).hand_written_serialize(),
        ));
    }
    for (name, body) in [
        ("decode a success envelope", SUCCESS),
        ("decode a validation-error envelope", VALIDATION),
    ] {
        if wanted(name) {
            rows.push(compare(
                name,
                || workload::generated_decode(black_box(body)),
                || workload::hand_written_decode(black_box(body)),
            ));
        }
    }

    println!(
        "| benchmark | generated | hand-written | ratio, median of {ROUNDS} rounds (min–max) |"
    );
    println!("|---|---:|---:|---:|");
    for row in rows {
        let (low, median, high) = spread(row.ratios);
        println!(
            "| {} | {:.1?} | {:.1?} | {median:.2}× ({low:.2}–{high:.2}) |",
            row.name, row.generated, row.hand_written
        );
    }
}

/// Times `generated` and `hand_written` in turn, round by round.
fn compare<A, B>(
    name: &'static str,
    mut generated: impl FnMut() -> A,
    mut hand_written: impl FnMut() -> B,
) -> Row {
    let calls = calls_per_batch(&mut generated);
    // One untimed round: caches, branch predictors and the allocator warm for both sides.
    batch(&mut generated, calls);
    batch(&mut hand_written, calls);
    let (mut generated_times, mut hand_written_times, mut ratios) =
        (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let (g, h) = if round % 2 == 0 {
            let g = batch(&mut generated, calls);
            (g, batch(&mut hand_written, calls))
        } else {
            let h = batch(&mut hand_written, calls);
            (batch(&mut generated, calls), h)
        };
        generated_times.push(g / calls);
        hand_written_times.push(h / calls);
        ratios.push(g.as_secs_f64() / h.as_secs_f64());
    }
    generated_times.sort();
    hand_written_times.sort();
    Row {
        name,
        generated: generated_times[ROUNDS / 2],
        hand_written: hand_written_times[ROUNDS / 2],
        ratios,
    }
}

/// How many calls make a batch of about [`BATCH`].
fn calls_per_batch<T>(work: &mut impl FnMut() -> T) -> u32 {
    let mut calls = 1;
    while batch(work, calls) < BATCH && calls < u32::MAX / 2 {
        calls *= 2;
    }
    calls
}

/// The time of `calls` calls of `work`, each result kept from the optimizer.
fn batch<T>(work: &mut impl FnMut() -> T, calls: u32) -> Duration {
    let start = Instant::now();
    for _ in 0..calls {
        black_box(work());
    }
    start.elapsed()
}

/// The minimum, median and maximum.
fn spread(mut values: Vec<f64>) -> (f64, f64, f64) {
    values.sort_by(f64::total_cmp);
    (
        values[0],
        values[values.len() / 2],
        values[values.len() - 1],
    )
}
