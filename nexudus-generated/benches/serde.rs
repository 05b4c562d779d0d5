//! The generated types against hand-written serde structs of the same shape: serializing a
//! Create Coworker request with every documented field set, and decoding a success and a
//! validation-error envelope. `cargo bench -p nexudus-generated --bench serde`.
//!
//! Criterion times each benchmark on its own, one after the other; on a shared machine whose
//! speed drifts, `--bench paired` gives the ratios of the same work timed in turn.

mod workload;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use workload::{Requests, SUCCESS, VALIDATION};

fn serialize(c: &mut Criterion) {
    let requests = Requests::checked();
    let mut group = c.benchmark_group("serialize Create Coworker, every field set");
    group.bench_function("generated, client body", |b| {
        b.iter(|| black_box(&requests).generated_body())
    });
    group.bench_function("generated, serde_json::to_vec", |b| {
        b.iter(|| black_box(&requests).generated_serialize())
    });
    group.bench_function("hand-written", |b| {
        b.iter(|| black_box(&requests).hand_written_serialize())
    });
    group.finish();
}

fn decode(c: &mut Criterion) {
    workload::check_decoders();
    for (name, body) in [
        ("decode success envelope", SUCCESS),
        ("decode validation-error envelope", VALIDATION),
    ] {
        let mut group = c.benchmark_group(name);
        group.bench_function("generated", |b| {
            b.iter(|| workload::generated_decode(black_box(body)))
        });
        group.bench_function("hand-written", |b| {
            b.iter(|| workload::hand_written_decode(black_box(body)))
        });
        group.finish();
    }
}

criterion_group!(benches, serialize, decode);
criterion_main!(benches);
