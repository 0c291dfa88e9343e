//! Certificate verifications per second on one core: `cargo bench -p app --bench certificate_verify`.
//!
//! Signs one realistic certificate, then verifies it repeatedly with a decoded trust bundle of
//! 50 office keys and 10,000 revoked ids, as `corridor certificate verify` and `/verify/...` do.

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
    };
    let verifier = Verifier::new(&bundle).unwrap();
    println!("token: {} bytes", token.len());
    for round in 1..=3 {
        let iterations = 50_000u32;
        let started = Instant::now();
        for _ in 0..iterations {
            black_box(verifier.verify(black_box(&token)).unwrap());
        }
        let elapsed = started.elapsed();
        println!(
            "round {round}: {iterations} verifications in {:.3} s = {:.0} per second on one core",
            elapsed.as_secs_f64(),
            f64::from(iterations) / elapsed.as_secs_f64()
        );
    }
}
