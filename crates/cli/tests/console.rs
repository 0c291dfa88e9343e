//! The console commands, run as a newcomer or an operator would run them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

fn corridor(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(args)
        .arg("--data")
        .arg(data)
        .env_remove("CORRIDOR_DATABASE_URL")
        .env_remove("CORRIDOR_MASTER_KEY")
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs `statements` on the database behind the commands' back, as someone with the file could.
async fn behind_the_back(data: &Path, statements: &[&str]) {
    use sqlx::Connection;
    let url = format!("sqlite://{}", data.join("corridor.db").display());
    let mut connection = sqlx::SqliteConnection::connect(&url).await.unwrap();
    for statement in statements {
        sqlx::raw_sql(sqlx::AssertSqlSafe(*statement))
            .execute(&mut connection)
            .await
            .unwrap();
    }
    connection.close().await.unwrap();
}

async fn tamper(data: &Path) {
    behind_the_back(
        data,
        &[
            "DROP TRIGGER audit_events_no_update",
            "UPDATE audit_events SET details = '{\"code\":\"XX-FAKE\"}' WHERE seq = 2",
        ],
    )
    .await;
}

#[tokio::test]
async fn an_operator_sets_up_an_office_and_the_audit_chain_catches_tampering() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");

    let added = corridor(
        &data,
        &[
            "office",
            "add",
            "--code",
            "JO-AMM",
            "--name",
            "Amman office",
            "--country",
            "JO",
        ],
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let added = corridor(
        &data,
        &[
            "office",
            "add",
            "--code",
            "LB-BEY",
            "--name",
            "Beirut office",
            "--country",
            "LB",
        ],
    );
    assert!(added.status.success());
    let user = corridor(
        &data,
        &[
            "user",
            "add",
            "--username",
            "amal",
            "--name",
            "Amal Haddad",
            "--role",
            "caseworker",
            "--office",
            "JO-AMM",
        ],
    );
    assert!(
        user.status.success(),
        "{}",
        String::from_utf8_lossy(&user.stderr)
    );
    assert!(stdout(&user).contains("Initial password (shown once): "));
    let unknown_office = corridor(
        &data,
        &[
            "user",
            "add",
            "--username",
            "omar",
            "--name",
            "Omar",
            "--role",
            "caseworker",
            "--office",
            "XX-NONE",
        ],
    );
    assert!(!unknown_office.status.success());

    let token = corridor(&data, &["user", "token", "amal", "--name", "report script"]);
    assert!(
        stdout(&token).starts_with("cor_"),
        "{}",
        String::from_utf8_lossy(&token.stderr)
    );

    let listed = stdout(&corridor(&data, &["user", "list"]));
    assert!(listed.contains("amal") && listed.contains("caseworker"));
    assert!(stdout(&corridor(&data, &["office", "list"])).contains("LB-BEY"));
    let sla = corridor(
        &data,
        &[
            "office",
            "sla",
            "--office",
            "LB-BEY",
            "--priority",
            "urgent",
            "--days",
            "5",
        ],
    );
    assert!(stdout(&sla).contains("within 5 days"), "{}", stdout(&sla));
    assert!(
        !corridor(
            &data,
            &[
                "office",
                "sla",
                "--office",
                "LB-BEY",
                "--priority",
                "urgent",
                "--days",
                "0"
            ]
        )
        .status
        .success()
    );

    let verified = corridor(&data, &["audit", "verify"]);
    assert!(verified.status.success());
    assert!(
        stdout(&verified).contains("intact: 5 events"),
        "{}",
        stdout(&verified)
    );

    let backup = dir.path().join("backup.db");
    let backed_up = corridor(&data, &["backup", "--to", backup.to_str().unwrap()]);
    assert!(backed_up.status.success() && backup.exists());

    let rotated = corridor(&data, &["keys", "rotate"]);
    assert!(
        rotated.status.success(),
        "{}",
        String::from_utf8_lossy(&rotated.stderr)
    );
    assert!(stdout(&rotated).contains("Key 3 is now active"));
    assert!(stdout(&rotated).contains("0 document files re-encrypted"));

    tamper(&data).await;
    let broken = corridor(&data, &["audit", "verify"]);
    assert_eq!(broken.status.code(), Some(1));
    assert!(
        stdout(&broken).contains("BROKEN at seq 2"),
        "{}",
        stdout(&broken)
    );
}

#[tokio::test]
async fn the_indicator_tallies_are_checked_against_the_cases_and_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let args = [
        "office",
        "add",
        "--code",
        "TR-IST",
        "--name",
        "Istanbul",
        "--country",
        "TR",
    ];
    assert!(corridor(&data, &args).status.success());
    let packs = concat!(env!("CARGO_MANIFEST_DIR"), "/../../packs");
    let generated = corridor(
        &data,
        &["generate", "cases", "--count", "40", "--packs", packs],
    );
    assert!(
        generated.status.success(),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
    let checked = corridor(&data, &["reports", "check"]);
    assert!(checked.status.success(), "{}", stdout(&checked));
    assert!(stdout(&checked).contains("0 tallies differ"));

    let forget = "DELETE FROM case_figures_by_month WHERE measure = 'nationality'";
    behind_the_back(&data, &[forget]).await;
    let checked = corridor(&data, &["reports", "check"]);
    assert_eq!(checked.status.code(), Some(1), "{}", stdout(&checked));
    assert!(
        stdout(&checked).contains("nationality"),
        "{}",
        stdout(&checked)
    );

    let rebuilt = corridor(&data, &["reports", "rebuild"]);
    assert!(rebuilt.status.success());
    assert!(corridor(&data, &["reports", "check"]).status.success());
}

#[test]
fn master_key_file_is_private() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert!(corridor(&data, &["migrate"]).status.success());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(data.join("keys/master.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    assert!(data.join("files").is_dir());
}
