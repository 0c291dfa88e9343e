//! Fuzzes the expression parser and compiler: any text as a condition of a small pack must
//! either load or be rejected with an error, and a loaded pack must evaluate without panicking.

#![no_main]

use libfuzzer_sys::fuzz_target;

const PACK: &str = "pack:\n  id: f\n  version: '1'\n  title: {key: f, en: F}\n  languages: [en]\n  children_question: {key: c, en: C}\n\
facts:\n  - {id: a, on: [applicant, children], type: bool, question: {key: a, en: A}}\n\
  - {id: n, on: [applicant, children], type: number, question: {key: n, en: N}}\n\
  - {id: d, on: [applicant], type: date, question: {key: d, en: D}}\n\
  - {id: m, on: [household], type: money, currency: EUR, question: {key: m, en: M}}\n\
parameters:\n  - {id: p, type: number, cite: 'x', values: [{from: 2000-01-01, value: 3}]}\n\
pathways:\n  - id: f.p\n    title: {key: t, en: T}\n    cite: 'x'\n    strength: eligible\n    conditions:\n      - id: c\n        cite: 'x'\n        text: {key: k, en: K}\n        expr: ";

fuzz_target!(|data: &[u8]| {
    let Ok(expression) = std::str::from_utf8(data) else {
        return;
    };
    let _ = rules::syntax::parse(expression);
    let quoted = format!("'{}'\n", expression.replace('\'', "''").replace('\n', " "));
    let text = format!("{PACK}{quoted}");
    if let Ok(pack) = rules::load_pack_from_texts(&[("pack.yaml", &text)]) {
        let facts = rules::Facts::new();
        let _ = rules::evaluate(
            &pack,
            &facts,
            jiff::civil::date(2026, 1, 15),
            &rules::Request::default(),
        );
    }
});
