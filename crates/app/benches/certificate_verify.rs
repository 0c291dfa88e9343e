//! Certificate verifications per second on one core: `cargo bench -p app --bench certificate_verify`.
//!
//! Signs one realistic certificate, then verifies it repeatedly with a decoded trust bundle of
//! 50 office keys and 10,000 revoked ids, as `corridor certificate verify` and `/verify/...` do.
//! Each round reports two rates: per second of wall clock, and per CPU-second of the measuring
//! thread (`CLOCK_THREAD_CPUTIME_ID`), which other work on a shared machine does not inflate.
//! The median round of each is printed last.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Instant;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::SigningKey;

use app::orientation::Stage;
use app::orientation::certificates::{self, Claims, PublicKeyEntry, TrustBundle, Verifier};

fn main() {
    let keys: Vec<SigningKey> = (0..50u8)
        .map(|i| SigningKey::from_bytes(&[i; 32]))
        .collect();
    let issuer = &keys[17];
    let claims = Claims {
        id: "019d6a0e-3c41-7c1e-9f3a-5b2f1d0c8e77".into(),
        key_id: certificates::key_id(&issuer.verifying_key()),
        office: "PH-MNL".into(),
        name: "Maria Luisa Santos dela Cruz".into(),
        curriculum: "ciop-pdo-ph-ae".into(),
        stage: Stage::Pdo,
        title: "Pre-departure orientation: Philippines to the UAE".into(),
        minutes: 375,
        issued_at: 1_795_771_800_000,
    };
    let token = certificates::sign(issuer, &claims).unwrap();
    let bundle = TrustBundle {
        generated_at: 0,
        keys: keys
            .iter()
            .enumerate()
            .map(|(i, key)| PublicKeyEntry {
                key_id: certificates::key_id(&key.verifying_key()),
                office: format!("OFFICE-{i}"),
                public_key: URL_SAFE_NO_PAD.encode(key.verifying_key().as_bytes()),
            })
            .collect(),
        revoked: (0..10_000).map(|i| format!("revoked-{i}")).collect(),
        revocation_key: None,
    };
    let verifier = Verifier::new(&bundle).unwrap();
    println!("token: {} bytes", token.len());
    let rounds = 7;
    let iterations = 20_000u32;
    let mut wall_rates = Vec::new();
    let mut cpu_rates = Vec::new();
    for round in 1..=rounds {
        let started = Instant::now();
        let cpu_started = thread_cpu_seconds();
        for _ in 0..iterations {
            black_box(verifier.verify(black_box(&token)).unwrap());
        }
        let cpu = thread_cpu_seconds() - cpu_started;
        let wall = started.elapsed().as_secs_f64();
        wall_rates.push(f64::from(iterations) / wall);
        cpu_rates.push(f64::from(iterations) / cpu);
        println!(
            "round {round}: {iterations} verifications, {wall:.3} s wall = {:.0}/s, {cpu:.3} s thread CPU = {:.0}/CPU-s",
            f64::from(iterations) / wall,
            f64::from(iterations) / cpu,
        );
    }
    println!(
        "median of {rounds} rounds: {:.0} verifications per second (wall clock), {:.0} per CPU-second of one thread",
        median(&mut wall_rates),
        median(&mut cpu_rates)
    );
}

/// CPU time consumed so far by the calling thread, in seconds.
fn thread_cpu_seconds() -> f64 {
    let time = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    time.tv_sec as f64 + time.tv_nsec as f64 / 1e9
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
