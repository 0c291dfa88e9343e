//! `corridor curriculum …` and `corridor certificate …` as an operator and a border officer
//! would run them: import and export curricula, publish the keys, verify a token offline.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

use app::orientation::Stage;
use app::orientation::certificates::{self, Claims, TrustBundle};

fn corridor(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(args)
        .env_remove("CORRIDOR_DATABASE_URL")
        .env_remove("CORRIDOR_MASTER_KEY")
        .env_remove("CORRIDOR_CERTIFICATE_KEYS")
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn write_bundle(path: &Path, bundle: &TrustBundle) {
    std::fs::write(path, serde_json::to_string(bundle).unwrap()).unwrap();
}

#[test]
fn a_token_verifies_offline_and_fails_once_revoked_or_altered() {
    let dir = tempfile::tempdir().unwrap();
    let key = certificates::signing_key_from_seed(&[9u8; 32]);
    let revoker = certificates::signing_key_from_seed(&[10u8; 32]);
    let entry = certificates::public_key_entry(&key, "PH-MNL");
    let claims = Claims {
        id: "cert-1".into(),
        key_id: entry.key_id.clone(),
        office: "PH-MNL".into(),
        name: "Maria Santos".into(),
        curriculum: "ciop-pdo-ph-ae".into(),
        stage: Stage::Pdo,
        title: "Pre-departure orientation".into(),
        minutes: 375,
        issued_at: 1_795_771_800_000,
    };
    let token = certificates::sign(&key, &claims).unwrap();
    let keys = dir.path().join("keys.json");
    let keys_arg = keys.to_str().unwrap();
    write_bundle(
        &keys,
        &TrustBundle {
            generated_at: 0,
            keys: vec![entry.clone()],
            revoked: vec![],
            revocation_key: Some(certificates::public_key_entry(&revoker, "*")),
        },
    );

    let valid = corridor(&["certificate", "verify", &token, "--keys", keys_arg]);
    assert!(valid.status.success(), "{}", stdout(&valid));
    assert!(stdout(&valid).contains("VALID") && stdout(&valid).contains("Maria Santos"));
    let url = format!("https://corridor.example/verify/{token}");
    assert!(
        corridor(&["certificate", "verify", &url, "--keys", keys_arg])
            .status
            .success()
    );

    let altered = token.replacen("CC1.e", "CC1.f", 1);
    let rejected = corridor(&["certificate", "verify", &altered, "--keys", keys_arg]);
    assert_eq!(rejected.status.code(), Some(2));
    assert!(stdout(&rejected).contains("INVALID"));

    // A signed revocation list newer than the bundle revokes it offline; one signed by another
    // key is refused.
    let list = certificates::RevocationList {
        issued_at: 2,
        revoked: vec!["cert-1".into()],
    };
    let revocations = dir.path().join("revocations.json");
    let revocations_arg = revocations.to_str().unwrap();
    let write_list = |signer| {
        let signed = certificates::sign_revocations(signer, &list).unwrap();
        std::fs::write(&revocations, serde_json::to_string(&signed).unwrap()).unwrap();
    };
    write_list(&key);
    let untrusted = corridor(&[
        "certificate",
        "verify",
        &token,
        "--keys",
        keys_arg,
        "--revocations",
        revocations_arg,
    ]);
    assert!(!untrusted.status.success());
    assert_ne!(
        untrusted.status.code(),
        Some(2),
        "a refused list is an error, not a verdict"
    );
    write_list(&revoker);
    let listed = corridor(&[
        "certificate",
        "verify",
        &token,
        "--keys",
        keys_arg,
        "--revocations",
        revocations_arg,
    ]);
    assert_eq!(listed.status.code(), Some(2));
    assert!(stdout(&listed).contains("revoked"));

    write_bundle(
        &keys,
        &TrustBundle {
            generated_at: 1,
            keys: vec![entry],
            revoked: vec!["cert-1".into()],
            revocation_key: None,
        },
    );
    let revoked = corridor(&["certificate", "verify", &token, "--keys", keys_arg]);
    assert_eq!(revoked.status.code(), Some(2));
    assert!(stdout(&revoked).contains("revoked"));
}

#[test]
fn curricula_import_and_export_and_the_keys_are_published() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data_arg = data.to_str().unwrap();
    let content = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content/orientation");
    let imported = corridor(&["curriculum", "import", "--data", data_arg, content]);
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let listing = stdout(&imported);
    assert_eq!(listing.matches("created").count(), 6, "{listing}");
    let again = corridor(&["curriculum", "import", "--data", data_arg, content]);
    assert_eq!(stdout(&again).matches("unchanged").count(), 6);

    let exported = corridor(&["curriculum", "export", "--data", data_arg, "ciop-pdo-ph-kw"]);
    assert!(exported.status.success());
    let document: serde_json::Value = serde_json::from_str(&stdout(&exported)).unwrap();
    assert_eq!(document["localises"], "ciop-pdo-ph-gcc");
    assert_eq!(document["modules"].as_array().unwrap().len(), 1);

    let office = corridor(&[
        "office",
        "add",
        "--data",
        data_arg,
        "--code",
        "PH-MNL",
        "--name",
        "Manila",
        "--country",
        "PH",
    ]);
    assert!(office.status.success());
    let keys = dir.path().join("keys.json");
    let published = corridor(&[
        "certificate",
        "keys",
        "--data",
        data_arg,
        "--out",
        keys.to_str().unwrap(),
    ]);
    assert!(published.status.success());
    let bundle: TrustBundle =
        serde_json::from_str(&std::fs::read_to_string(&keys).unwrap()).unwrap();
    assert_eq!(bundle.keys.len(), 1);
    assert_eq!(bundle.keys[0].office, "PH-MNL");
}
