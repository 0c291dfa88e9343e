//! Completeness report for a six-person family with thirty documents (benchmark, not a test).
//!
//! `cargo bench -p documents --bench completeness`

use std::hint::black_box;
use std::time::Instant;

use documents::completeness::completeness_report;
use documents::records::NoRegister;
use documents::summary::render_summary;

#[path = "../tests/support/family.rs"]
mod family;

fn main() {
    let checklist = family::checklist();
    let documents = family::documents();
    let context = family::context();
    let rounds = 20_000;
    let time = |work: &dyn Fn()| {
        for _ in 0..1_000 {
            work();
        }
        let mut best = f64::MAX;
        for _ in 0..3 {
            let start = Instant::now();
            for _ in 0..rounds {
                work();
            }
            best = best.min(start.elapsed().as_secs_f64() / f64::from(rounds));
        }
        best * 1e6
    };
    let report_us = time(&|| {
        black_box(completeness_report(
            black_box(&checklist),
            black_box(&documents),
            &context,
            &NoRegister,
        ));
    });
    let report = completeness_report(&checklist, &documents, &context, &NoRegister);
    let summary_us = time(&|| {
        black_box(render_summary(black_box(&report), &context, "ar"));
    });
    println!(
        "completeness report, 6 people, {} documents, {} items: {report_us:.1} µs",
        documents.len(),
        checklist.len()
    );
    println!("Arabic summary of that report: {summary_us:.1} µs");
}
