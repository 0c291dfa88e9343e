//! Certificates of completion, signed with Ed25519 by the issuing office's key.
//!
//! A certificate is a compact token, `CC1.<claims>.<signature>` (both base64url without padding;
//! the claims are short JSON). Anyone holding the offices' public keys can check it without the
//! database: [`verify_token`] with a [`TrustBundle`], which also carries the revocation list.
//! Each office's signing key is derived from the keyring (`certificate-signing <office id>`), so
//! no new secret is stored and the same key comes back after a restart.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use std::collections::{HashMap, HashSet};
use std::sync::RwLock;

use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::App;
use crate::audit::{self, AuditAction, NewAuditEvent};
use crate::crypto::Keyring;
use crate::db::{Db, Tx};
use crate::error::{Error, Result};
use crate::orientation::assessments::AssessmentKind;
use crate::orientation::sessions::{self, load_enrolment_for};
use crate::orientation::{Stage, curricula, parse_stored, participants, pick};
use crate::policy::{self, Action, Actor, Target};
use crate::time::{Millis, new_id, now_millis};

const TOKEN_PREFIX: &str = "CC1";
/// Signed bytes are this label, a dot, and the claims: a signature cannot be replayed elsewhere.
const SIGNING_LABEL: &[u8] = b"corridor-certificate-v1.";

/// What a certificate says. Short field names keep the token (and its QR code) small.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// Certificate id.
    #[serde(rename = "i")]
    pub id: String,
    /// The signing key's id.
    #[serde(rename = "k")]
    pub key_id: String,
    /// Issuing office code.
    #[serde(rename = "o")]
    pub office: String,
    /// Participant's name as registered.
    #[serde(rename = "n")]
    pub name: String,
    /// Curriculum code and stage.
    #[serde(rename = "c")]
    pub curriculum: String,
    #[serde(rename = "s")]
    pub stage: Stage,
    /// Curriculum title in English.
    #[serde(rename = "t")]
    pub title: String,
    /// Minutes attended.
    #[serde(rename = "m")]
    pub minutes: i64,
    /// Issued, unix milliseconds.
    #[serde(rename = "a")]
    pub issued_at: Millis,
}

/// The public half of an office's certificate key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicKeyEntry {
    pub key_id: String,
    pub office: String,
    /// 32 bytes, base64url.
    pub public_key: String,
}

/// Everything an offline verifier needs: public keys and revoked certificate ids.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustBundle {
    pub generated_at: Millis,
    pub keys: Vec<PublicKeyEntry>,
    pub revoked: Vec<String>,
    /// The key that signs [`SignedRevocations`], so that a fresher revocation list can be
    /// trusted without a new bundle. Absent in bundles written before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revocation_key: Option<PublicKeyEntry>,
}

/// The revoked certificate ids at one instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevocationList {
    pub issued_at: Millis,
    pub revoked: Vec<String>,
}

/// A [`RevocationList`] signed with Ed25519 by the server's revocation key: published at
/// `/verify/revocations.json`, and usable offline with `corridor certificate verify
/// --revocations FILE` by anyone holding a trust bundle with that key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedRevocations {
    /// The list as JSON, base64url: the exact bytes signed (after [`REVOCATIONS_LABEL`]).
    pub list: String,
    pub key_id: String,
    /// 64 bytes, base64url.
    pub signature: String,
}

/// Signed revocation lists carry their own label, so a certificate signature can never pass
/// for a revocation list or the other way round.
const REVOCATIONS_LABEL: &[u8] = b"corridor-revocations-v1.";

/// The office code that marks the revocation key in a bundle.
const REVOCATION_KEY_OFFICE: &str = "*";

fn revocation_signing_key(keyring: &Keyring) -> SigningKey {
    SigningKey::from_bytes(&keyring.derive_secret("certificate-revocations"))
}

/// Signs a revocation list.
pub fn sign_revocations(key: &SigningKey, list: &RevocationList) -> Result<SignedRevocations> {
    let json = serde_json::to_vec(list).map_err(Error::internal)?;
    let mut message = Vec::with_capacity(REVOCATIONS_LABEL.len() + json.len());
    message.extend_from_slice(REVOCATIONS_LABEL);
    message.extend_from_slice(&json);
    Ok(SignedRevocations {
        list: URL_SAFE_NO_PAD.encode(&json),
        key_id: key_id(&key.verifying_key()),
        signature: URL_SAFE_NO_PAD.encode(key.sign(&message).to_bytes()),
    })
}

/// Checks a signed revocation list against the bundle's revocation key and adds its ids to the
/// bundle's. A list that is not signed by that key is refused with `error-revocations`.
pub fn apply_revocations(
    bundle: &mut TrustBundle,
    signed: &SignedRevocations,
) -> Result<RevocationList> {
    let refused = || Error::invalid("revocations", "error-revocations");
    let entry = bundle
        .revocation_key
        .as_ref()
        .filter(|entry| entry.key_id == signed.key_id)
        .ok_or_else(refused)?;
    let key_bytes: [u8; 32] = URL_SAFE_NO_PAD
        .decode(&entry.public_key)
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or_else(refused)?;
    let key = VerifyingKey::from_bytes(&key_bytes).map_err(|_| refused())?;
    let json = URL_SAFE_NO_PAD
        .decode(&signed.list)
        .map_err(|_| refused())?;
    let signature: [u8; 64] = URL_SAFE_NO_PAD
        .decode(&signed.signature)
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or_else(refused)?;
    let mut message = Vec::with_capacity(REVOCATIONS_LABEL.len() + json.len());
    message.extend_from_slice(REVOCATIONS_LABEL);
    message.extend_from_slice(&json);
    key.verify_strict(&message, &Signature::from_bytes(&signature))
        .map_err(|_| refused())?;
    let list: RevocationList = serde_json::from_slice(&json).map_err(|_| refused())?;
    let mut revoked: HashSet<String> = bundle.revoked.drain(..).collect();
    revoked.extend(list.revoked.iter().cloned());
    bundle.revoked = revoked.into_iter().collect();
    bundle.revoked.sort();
    Ok(list)
}

/// Why a token is not a valid certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    Malformed,
    UnknownKey,
    BadSignature,
    /// Genuine, but revoked.
    Revoked(Box<Claims>),
    /// No certificate has the short number asked about.
    UnknownNumber,
}

impl Rejection {
    /// The Fluent key that explains the rejection.
    pub fn message_key(&self) -> &'static str {
        match self {
            Rejection::Malformed => "verify-malformed",
            Rejection::UnknownKey => "verify-unknown-key",
            Rejection::BadSignature => "verify-bad-signature",
            Rejection::Revoked(_) => "verify-revoked",
            Rejection::UnknownNumber => "verify-unknown-number",
        }
    }
}

/// The id of a public key: the first 8 bytes of its BLAKE3 hash, in hex.
pub fn key_id(key: &VerifyingKey) -> String {
    blake3::hash(key.as_bytes()).as_bytes()[..8]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The public entry of a signing key, as a trust bundle lists it.
pub fn public_key_entry(key: &SigningKey, office_code: &str) -> PublicKeyEntry {
    let public = key.verifying_key();
    PublicKeyEntry {
        key_id: key_id(&public),
        office: office_code.to_owned(),
        public_key: URL_SAFE_NO_PAD.encode(public.as_bytes()),
    }
}

/// A signing key from a 32-byte seed (tools and tests; offices derive theirs from the keyring).
pub fn signing_key_from_seed(seed: &[u8; 32]) -> SigningKey {
    SigningKey::from_bytes(seed)
}

/// Each office's public certificate key, derived and decompressed once per process rather than
/// once per verification (deriving a public key costs a scalar multiplication). Keys follow from
/// the keyring, which does not change while the process runs, so entries never go stale.
#[derive(Default)]
pub struct KeyCache {
    by_office: RwLock<HashMap<String, (String, VerifyingKey)>>,
}

impl KeyCache {
    /// The key id and public key of an office.
    fn get(&self, keyring: &Keyring, office_id: &str) -> (String, VerifyingKey) {
        if let Ok(cached) = self.by_office.read()
            && let Some(entry) = cached.get(office_id)
        {
            return entry.clone();
        }
        let public = signing_key(keyring, office_id).verifying_key();
        let entry = (key_id(&public), public);
        if let Ok(mut cache) = self.by_office.write() {
            cache.insert(office_id.to_owned(), entry.clone());
        }
        entry
    }
}

fn signing_key(keyring: &Keyring, office_id: &str) -> SigningKey {
    let seed = keyring.derive_secret(&format!("certificate-signing {office_id}"));
    SigningKey::from_bytes(&seed)
}

/// Signs claims into a token.
pub fn sign(key: &SigningKey, claims: &Claims) -> Result<String> {
    let json = serde_json::to_vec(claims).map_err(Error::internal)?;
    let mut message = Vec::with_capacity(SIGNING_LABEL.len() + json.len());
    message.extend_from_slice(SIGNING_LABEL);
    message.extend_from_slice(&json);
    let signature = key.sign(&message);
    let claims_part = URL_SAFE_NO_PAD.encode(&json);
    if claims_part.len() > MAX_CLAIMS_BASE64 {
        return Err(Error::Internal("certificate claims are too long".into()));
    }
    Ok(format!(
        "{TOKEN_PREFIX}.{claims_part}.{}",
        URL_SAFE_NO_PAD.encode(signature.to_bytes())
    ))
}

/// The longest claims part a token may carry (base64 characters). Real claims are a few hundred
/// bytes; the bound lets a token be decoded on the stack and refuses oversized input early.
const MAX_CLAIMS_BASE64: usize = 4096;
/// Room for the signing label and the decoded claims (base64 decoding writes at most 3 bytes per
/// 4 characters, rounded up).
const MESSAGE_CAPACITY: usize = SIGNING_LABEL.len() + MAX_CLAIMS_BASE64.div_ceil(4) * 3;

/// A token decoded into stack buffers: the exact signed message (label and claims) and the
/// signature. Nothing is allocated until the claims are read.
struct Decoded {
    message: [u8; MESSAGE_CAPACITY],
    length: usize,
    signature: Signature,
}

impl Decoded {
    fn message(&self) -> &[u8] {
        &self.message[..self.length]
    }

    fn claims_json(&self) -> &[u8] {
        &self.message[SIGNING_LABEL.len()..self.length]
    }
}

fn decode(token: &str) -> std::result::Result<Decoded, Rejection> {
    let mut parts = token.trim().split('.');
    let (Some(TOKEN_PREFIX), Some(claims_part), Some(signature_part), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Rejection::Malformed);
    };
    // 64 bytes are 86 characters without padding.
    if claims_part.len() > MAX_CLAIMS_BASE64 || signature_part.len() != 86 {
        return Err(Rejection::Malformed);
    }
    let mut message = [0u8; MESSAGE_CAPACITY];
    message[..SIGNING_LABEL.len()].copy_from_slice(SIGNING_LABEL);
    let claims_length = URL_SAFE_NO_PAD
        .decode_slice(claims_part, &mut message[SIGNING_LABEL.len()..])
        .map_err(|_| Rejection::Malformed)?;
    let mut signature = [0u8; 66];
    let signature_length = URL_SAFE_NO_PAD
        .decode_slice(signature_part, &mut signature)
        .map_err(|_| Rejection::Malformed)?;
    let signature: [u8; 64] = signature
        .get(..signature_length)
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or(Rejection::Malformed)?;
    Ok(Decoded {
        message,
        length: SIGNING_LABEL.len() + claims_length,
        signature: Signature::from_bytes(&signature),
    })
}

/// A token split into its claims and signature, before the signature is checked.
struct ParsedToken {
    decoded: Decoded,
    claims: Claims,
}

fn parse(token: &str) -> std::result::Result<ParsedToken, Rejection> {
    let decoded = decode(token)?;
    let claims = serde_json::from_slice(decoded.claims_json()).map_err(|_| Rejection::Malformed)?;
    Ok(ParsedToken { decoded, claims })
}

/// `verify_strict`, not `verify`: it also refuses small-order keys and signature points, so a
/// signature is valid for one key and one message only, and every verifier (this one, the
/// offline tool, any other implementation following RFC 8032's strict reading) agrees on it.
/// The extra checks cost a few hundred nanoseconds of a verification's tens of microseconds.
fn check_signature(parsed: &ParsedToken, key: &VerifyingKey) -> std::result::Result<(), Rejection> {
    key.verify_strict(parsed.decoded.message(), &parsed.decoded.signature)
        .map_err(|_| Rejection::BadSignature)
}

/// A bundle's keys decoded once, for verifying many tokens.
pub struct Verifier {
    /// Key id → key, each decompressed once here rather than once per token.
    keys: HashMap<String, VerifyingKey>,
    revoked: HashSet<String>,
}

impl Verifier {
    /// Decodes the bundle; a key that is not 32 valid bytes is an error.
    pub fn new(bundle: &TrustBundle) -> Result<Verifier> {
        let keys = bundle
            .keys
            .iter()
            .map(|entry| {
                let bytes: [u8; 32] = URL_SAFE_NO_PAD
                    .decode(&entry.public_key)
                    .ok()
                    .and_then(|bytes| bytes.try_into().ok())
                    .ok_or_else(|| Error::invalid("keys", "error-public-key"))?;
                let key = VerifyingKey::from_bytes(&bytes)
                    .map_err(|_| Error::invalid("keys", "error-public-key"))?;
                Ok((entry.key_id.clone(), key))
            })
            .collect::<Result<HashMap<_, _>>>()?;
        Ok(Verifier {
            keys,
            revoked: bundle.revoked.iter().cloned().collect(),
        })
    }

    /// Checks a token offline: its form, its signature, and the revocation list.
    pub fn verify(&self, token: &str) -> std::result::Result<Claims, Rejection> {
        let parsed = parse(token)?;
        let key = self
            .keys
            .get(&parsed.claims.key_id)
            .ok_or(Rejection::UnknownKey)?;
        check_signature(&parsed, key)?;
        if self.revoked.contains(&parsed.claims.id) {
            return Err(Rejection::Revoked(Box::new(parsed.claims)));
        }
        Ok(parsed.claims)
    }
}

/// Verifies one token against a bundle (see [`Verifier`] for many).
pub fn verify_token(token: &str, bundle: &TrustBundle) -> std::result::Result<Claims, Rejection> {
    match Verifier::new(bundle) {
        Ok(verifier) => verifier.verify(token),
        Err(_) => Err(Rejection::UnknownKey),
    }
}

/// The public keys of every office and the revoked certificates: safe to publish.
pub async fn trust_bundle(app: &App) -> Result<TrustBundle> {
    let offices = sqlx::query("SELECT id, code FROM offices ORDER BY code")
        .fetch_all(&app.db.pool)
        .await?;
    let keys = offices
        .iter()
        .map(|row| {
            let id: String = row.try_get("id")?;
            let code: String = row.try_get("code")?;
            Ok(public_key_entry(&signing_key(&app.keyring, &id), &code))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(TrustBundle {
        generated_at: now_millis(),
        keys,
        revoked: revoked_ids(&app.db).await?,
        revocation_key: Some(public_key_entry(
            &revocation_signing_key(&app.keyring),
            REVOCATION_KEY_OFFICE,
        )),
    })
}

async fn revoked_ids(db: &Db) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM orientation_certificates WHERE revoked_at IS NOT NULL ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await?)
}

/// Today's revocation list, signed: safe to publish.
pub async fn signed_revocations(app: &App) -> Result<SignedRevocations> {
    let list = RevocationList {
        issued_at: now_millis(),
        revoked: revoked_ids(&app.db).await?,
    };
    sign_revocations(&revocation_signing_key(&app.keyring), &list)
}

/// The outcome of checking a token against the database (the `/verify/...` page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    Valid(Claims),
    Rejected(Rejection),
}

/// Checks a token with this server's keys and its current revocation list. Needs no actor:
/// anyone holding a certificate may have it checked.
pub async fn verify_online(app: &App, token: &str) -> Result<Verification> {
    let parsed = match parse(token) {
        Ok(parsed) => parsed,
        Err(rejection) => return Ok(Verification::Rejected(rejection)),
    };
    let office_id: Option<String> = sqlx::query_scalar("SELECT id FROM offices WHERE code = $1")
        .bind(&parsed.claims.office)
        .fetch_optional(&app.db.pool)
        .await?;
    let Some(office_id) = office_id else {
        return Ok(Verification::Rejected(Rejection::UnknownKey));
    };
    let (expected_key_id, public) = app.certificate_keys.get(&app.keyring, &office_id);
    if expected_key_id != parsed.claims.key_id {
        return Ok(Verification::Rejected(Rejection::UnknownKey));
    }
    if let Err(rejection) = check_signature(&parsed, &public) {
        return Ok(Verification::Rejected(rejection));
    }
    let revoked_at: Option<Option<i64>> =
        sqlx::query_scalar("SELECT revoked_at FROM orientation_certificates WHERE id = $1")
            .bind(&parsed.claims.id)
            .fetch_optional(&app.db.pool)
            .await?;
    Ok(match revoked_at {
        Some(None) => Verification::Valid(parsed.claims),
        Some(Some(_)) => Verification::Rejected(Rejection::Revoked(Box::new(parsed.claims))),
        // Signed by us but unknown here: a restored backup lost it; do not vouch for it.
        None => Verification::Rejected(Rejection::UnknownKey),
    })
}

/// An issued certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    pub id: String,
    pub enrolment_id: String,
    pub participant_id: String,
    pub curriculum_id: String,
    pub office_id: String,
    pub token: String,
    /// The short number printed on the certificate (`XXXXX-XXXXX`); none on older ones.
    pub number: Option<String>,
    pub claims: Claims,
    pub issued_at: Millis,
    pub revoked_at: Option<Millis>,
    pub revocation_reason: Option<String>,
    /// The language the session was held in: the certificate is shown in it.
    pub language: String,
    /// The curriculum's title in its languages (the signed claims carry the English one).
    pub course_title: crate::orientation::Text,
    /// The issuing office's time zone: the certificate's date is on its calendar.
    pub time_zone: String,
}

/// Issues the certificate of an enrolment that completed the course: the required hours
/// attended, the post-test taken, and the attendance record submitted.
pub async fn issue(app: &App, actor: &Actor, enrolment_id: &str) -> Result<Certificate> {
    let (enrolment, session, by_participant) = load_enrolment_for(app, actor, enrolment_id).await?;
    if by_participant {
        return Err(Error::Forbidden);
    }
    if session.attendance_submitted_at.is_none() {
        return Err(Error::Conflict("attendance-not-submitted"));
    }
    let curriculum = curricula::load_detail(&app.db, &session.curriculum_id).await?;
    let attended = sessions::attended_minutes(&app.db, enrolment_id).await?;
    if attended < curriculum.required_minutes() {
        return Err(Error::Conflict("hours-not-met"));
    }
    let post_taken: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM orientation_assessments WHERE enrolment_id = $1 AND kind = $2",
    )
    .bind(enrolment_id)
    .bind(AssessmentKind::Post.as_str())
    .fetch_one(&app.db.pool)
    .await?;
    if post_taken == 0 {
        return Err(Error::Conflict("post-test-missing"));
    }
    let participant = participants::load(app, &enrolment.participant_id).await?;
    let office_code: String = sqlx::query_scalar("SELECT code FROM offices WHERE id = $1")
        .bind(&session.office_id)
        .fetch_one(&app.db.pool)
        .await?;
    let key = signing_key(&app.keyring, &session.office_id);
    let id = new_id();
    let issued_at = now_millis();
    let claims = Claims {
        id: id.clone(),
        key_id: key_id(&key.verifying_key()),
        office: office_code,
        name: participant.name,
        curriculum: curriculum.curriculum.code.clone(),
        stage: curriculum.curriculum.stage,
        title: pick(&curriculum.curriculum.title, "en").to_owned(),
        minutes: attended,
        issued_at,
    };
    let token = sign(&key, &claims)?;
    let number = new_number();
    let mut tx = app.db.begin().await?;
    sqlx::query(
        "INSERT INTO orientation_certificates (id, enrolment_id, participant_id, curriculum_id, office_id, key_id, \
         token, issued_at, issued_by, number) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&id)
    .bind(enrolment_id)
    .bind(&enrolment.participant_id)
    .bind(&session.curriculum_id)
    .bind(&session.office_id)
    .bind(&claims.key_id)
    .bind(&token)
    .bind(issued_at)
    .bind(actor.audit_id())
    .bind(&number)
    .execute(&mut *tx)
    .await
    .map_err(|error| match &error {
        sqlx::Error::Database(db_error) if db_error.is_unique_violation() => Error::Conflict("certificate-exists"),
        _ => Error::Database(error),
    })?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::OrientationCertificateIssue,
            "certificate",
            Some(&id),
        )
        .in_office(Some(&session.office_id))
        .with_details(serde_json::json!({
            "enrolment": enrolment_id,
            "curriculum": claims.curriculum,
            "key": claims.key_id,
            "number": number,
            "minutes": attended,
        })),
    )
    .await?;
    tx.commit().await?;
    Ok(Certificate {
        id,
        enrolment_id: enrolment_id.to_owned(),
        participant_id: enrolment.participant_id,
        curriculum_id: session.curriculum_id,
        office_id: session.office_id,
        token,
        number: Some(number),
        claims,
        issued_at,
        revoked_at: None,
        revocation_reason: None,
        language: session.language,
        course_title: curriculum.curriculum.title,
        time_zone: session.time_zone,
    })
}

async fn load(db: &Db, id: &str) -> Result<Certificate> {
    let row = sqlx::query(
        "SELECT id, enrolment_id, participant_id, curriculum_id, office_id, token, number, issued_at, revoked_at, \
         revocation_reason, \
         (SELECT s.language FROM orientation_enrolments e JOIN orientation_sessions s ON s.id = e.session_id \
          WHERE e.id = orientation_certificates.enrolment_id) AS language, \
         (SELECT k.title FROM orientation_curricula k WHERE k.id = orientation_certificates.curriculum_id) AS course_title, \
         (SELECT o.time_zone FROM offices o WHERE o.id = orientation_certificates.office_id) AS time_zone \
         FROM orientation_certificates WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(Error::NotFound)?;
    let token: String = row.try_get("token")?;
    let claims = parse(&token)
        .map_err(|_| Error::Internal("stored certificate token is malformed".into()))?
        .claims;
    Ok(Certificate {
        id: row.try_get("id")?,
        enrolment_id: row.try_get("enrolment_id")?,
        participant_id: row.try_get("participant_id")?,
        curriculum_id: row.try_get("curriculum_id")?,
        office_id: row.try_get("office_id")?,
        token,
        number: row.try_get("number")?,
        claims,
        issued_at: row.try_get("issued_at")?,
        revoked_at: row.try_get("revoked_at")?,
        revocation_reason: row.try_get("revocation_reason")?,
        language: row
            .try_get::<Option<String>, _>("language")?
            .unwrap_or_else(|| "en".to_owned()),
        course_title: row
            .try_get::<Option<String>, _>("course_title")?
            .map(|title| serde_json::from_str(&title).map_err(Error::internal))
            .transpose()?
            .unwrap_or_default(),
        time_zone: row
            .try_get::<Option<String>, _>("time_zone")?
            .unwrap_or_else(|| "UTC".to_owned()),
    })
}

/// A certificate, for the staff of its office or the participant it was issued to.
pub async fn get(app: &App, actor: &Actor, id: &str) -> Result<Certificate> {
    let certificate = load(&app.db, id).await?;
    load_enrolment_for(app, actor, &certificate.enrolment_id).await?;
    Ok(certificate)
}

/// Revokes a certificate (e.g. issued in error or obtained by fraud). Verification fails from
/// then on, online at once and offline once the verifier has a fresh [`TrustBundle`].
pub async fn revoke(app: &App, actor: &Actor, id: &str, reason: &str) -> Result<()> {
    let certificate = load(&app.db, id).await?;
    authorize_revocation(actor, &certificate)?;
    let reason = super::short_reason(reason)?;
    if certificate.revoked_at.is_some() {
        return Err(Error::Conflict("already-revoked"));
    }
    let mut tx = app.db.begin().await?;
    revoke_in(&mut tx, actor, &certificate, reason).await?;
    tx.commit().await?;
    Ok(())
}

fn authorize_revocation(actor: &Actor, certificate: &Certificate) -> Result<()> {
    policy::authorize(
        actor,
        Action::RevokeCertificates,
        Target::in_offices(std::slice::from_ref(&certificate.office_id)),
    )
}

/// Revokes in the caller's transaction, with its audit event.
async fn revoke_in(
    tx: &mut Tx,
    actor: &Actor,
    certificate: &Certificate,
    reason: &str,
) -> Result<()> {
    let result = sqlx::query(
        "UPDATE orientation_certificates SET revoked_at = $1, revoked_by = $2, revocation_reason = $3 \
         WHERE id = $4 AND revoked_at IS NULL",
    )
    .bind(now_millis())
    .bind(actor.audit_id())
    .bind(reason)
    .bind(&certificate.id)
    .execute(&mut **tx)
    .await?;
    if result.rows_affected() == 0 {
        return Err(Error::Conflict("already-revoked"));
    }
    // Revoking answers every request still waiting on the certificate.
    sqlx::query(
        "UPDATE orientation_revocation_requests SET decision = $1, decided_by = $2, decided_at = $3 \
         WHERE certificate_id = $4 AND decision IS NULL",
    )
    .bind(RevocationDecision::Approved.as_str())
    .bind(actor.audit_id())
    .bind(now_millis())
    .bind(&certificate.id)
    .execute(&mut **tx)
    .await?;
    audit::record(
        tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::OrientationCertificateRevoke,
            "certificate",
            Some(&certificate.id),
        )
        .in_office(Some(&certificate.office_id))
        .with_details(serde_json::json!({ "reason": reason })),
    )
    .await?;
    Ok(())
}

/// A facilitator's request that a certificate be revoked, and the supervisor's decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevocationRequest {
    pub id: String,
    pub certificate_id: String,
    pub reason: String,
    pub requested_by: Option<String>,
    pub requested_at: Millis,
    /// `None` while pending.
    pub decision: Option<RevocationDecision>,
    pub decided_at: Option<Millis>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevocationDecision {
    Approved,
    Refused,
}

impl RevocationDecision {
    pub fn as_str(self) -> &'static str {
        match self {
            RevocationDecision::Approved => "approved",
            RevocationDecision::Refused => "refused",
        }
    }

    pub fn parse(text: &str) -> Option<RevocationDecision> {
        [RevocationDecision::Approved, RevocationDecision::Refused]
            .into_iter()
            .find(|decision| decision.as_str() == text)
    }
}

const REQUEST_COLUMNS: &str = "SELECT id, certificate_id, reason, requested_by, requested_at, decision, decided_at \
     FROM orientation_revocation_requests";

fn request_from_row(row: &sqlx::any::AnyRow) -> Result<RevocationRequest> {
    let decision: Option<String> = row.try_get("decision")?;
    Ok(RevocationRequest {
        id: row.try_get("id")?,
        certificate_id: row.try_get("certificate_id")?,
        reason: row.try_get("reason")?,
        requested_by: row.try_get("requested_by")?,
        requested_at: row.try_get("requested_at")?,
        decision: decision
            .map(|text| parse_stored(&text, RevocationDecision::parse))
            .transpose()?,
        decided_at: row.try_get("decided_at")?,
    })
}

/// The revocation requests of a certificate, newest first, for the staff who run its office.
pub async fn revocation_requests(
    app: &App,
    actor: &Actor,
    certificate_id: &str,
) -> Result<Vec<RevocationRequest>> {
    let certificate = load(&app.db, certificate_id).await?;
    authorize_running(actor, &certificate)?;
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{REQUEST_COLUMNS} WHERE certificate_id = $1 ORDER BY requested_at DESC, id DESC"
    )))
    .bind(certificate_id)
    .fetch_all(&app.db.pool)
    .await?;
    rows.iter().map(request_from_row).collect()
}

fn authorize_running(actor: &Actor, certificate: &Certificate) -> Result<()> {
    policy::authorize(
        actor,
        Action::RunOrientation,
        Target::in_offices(std::slice::from_ref(&certificate.office_id)),
    )
    .map_err(|_| Error::NotFound)
}

/// A facilitator asks for a certificate to be revoked, with the reason; a supervisor decides
/// ([`decide_revocation`]). One request may be pending at a time.
pub async fn request_revocation(
    app: &App,
    actor: &Actor,
    certificate_id: &str,
    reason: &str,
) -> Result<String> {
    let certificate = load(&app.db, certificate_id).await?;
    authorize_running(actor, &certificate)?;
    let reason = super::short_reason(reason)?;
    if certificate.revoked_at.is_some() {
        return Err(Error::Conflict("already-revoked"));
    }
    let mut tx = app.db.begin().await?;
    let pending: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM orientation_revocation_requests WHERE certificate_id = $1 AND decision IS NULL",
    )
    .bind(certificate_id)
    .fetch_one(&mut *tx)
    .await?;
    if pending > 0 {
        return Err(Error::Conflict("revocation-pending"));
    }
    let id = new_id();
    sqlx::query(
        "INSERT INTO orientation_revocation_requests (id, certificate_id, office_id, reason, requested_by, requested_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(certificate_id)
    .bind(&certificate.office_id)
    .bind(reason)
    .bind(actor.audit_id())
    .bind(now_millis())
    .execute(&mut *tx)
    .await
    .map_err(|error| match error {
        // A request filed at the same moment by someone else: one waits per certificate.
        sqlx::Error::Database(db_error) if db_error.is_unique_violation() => {
            Error::Conflict("revocation-pending")
        }
        other => other.into(),
    })?;
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::OrientationCertificateRevocationRequest,
            "certificate",
            Some(certificate_id),
        )
        .in_office(Some(&certificate.office_id))
        .with_details(serde_json::json!({ "request": id, "reason": reason })),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A supervisor approves (the certificate is revoked with the request's reason) or refuses a
/// pending revocation request. Nobody decides their own request.
pub async fn decide_revocation(
    app: &App,
    actor: &Actor,
    request_id: &str,
    decision: RevocationDecision,
) -> Result<()> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{REQUEST_COLUMNS} WHERE id = $1"
    )))
    .bind(request_id)
    .fetch_optional(&app.db.pool)
    .await?
    .ok_or(Error::NotFound)?;
    let request = request_from_row(&row)?;
    let certificate = load(&app.db, &request.certificate_id).await?;
    authorize_revocation(actor, &certificate)?;
    if request.requested_by.is_some() && request.requested_by.as_deref() == actor.audit_id() {
        return Err(Error::Conflict("revocation-own-request"));
    }
    let mut tx = app.db.begin().await?;
    let result = sqlx::query(
        "UPDATE orientation_revocation_requests SET decision = $1, decided_by = $2, decided_at = $3 \
         WHERE id = $4 AND decision IS NULL",
    )
    .bind(decision.as_str())
    .bind(actor.audit_id())
    .bind(now_millis())
    .bind(request_id)
    .execute(&mut *tx)
    .await?;
    if result.rows_affected() == 0 {
        return Err(Error::Conflict("revocation-decided"));
    }
    audit::record(
        &mut tx,
        NewAuditEvent::new(
            actor.audit_id(),
            AuditAction::OrientationCertificateRevocationDecide,
            "certificate",
            Some(&certificate.id),
        )
        .in_office(Some(&certificate.office_id))
        .with_details(serde_json::json!({ "request": request_id, "decision": decision.as_str() })),
    )
    .await?;
    if decision == RevocationDecision::Approved {
        revoke_in(&mut tx, actor, &certificate, &request.reason).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Ten characters for a new certificate number.
fn new_number() -> String {
    sessions::short_code(NUMBER_LENGTH)
}

const NUMBER_LENGTH: usize = 10;

/// A certificate number as printed: two groups of five, `ABCDE-23456`.
pub fn display_number(number: &str) -> String {
    match number.split_at_checked(NUMBER_LENGTH / 2) {
        Some((first, second)) if !second.is_empty() => format!("{first}-{second}"),
        _ => number.to_owned(),
    }
}

/// A number as a person typed it: any case, with or without the dash or spaces, with Eastern
/// Arabic or Persian digits.
fn read_number(typed: &str) -> String {
    crate::accounts::password::ascii_digits(typed)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Checks the certificate with a short number as [`verify_online`] checks a token; `None` when
/// no certificate has that number. Needs no actor.
pub async fn verify_number(app: &App, typed: &str) -> Result<Option<Verification>> {
    let number = read_number(typed);
    if number.len() != NUMBER_LENGTH {
        return Ok(None);
    }
    let token: Option<String> =
        sqlx::query_scalar("SELECT token FROM orientation_certificates WHERE number = $1")
            .bind(&number)
            .fetch_optional(&app.db.pool)
            .await?;
    match token {
        // An erased certificate keeps its number but no token: it no longer verifies.
        Some(token) if !token.is_empty() => Ok(Some(verify_online(app, &token).await?)),
        Some(_) => Ok(Some(Verification::Rejected(Rejection::Malformed))),
        None => Ok(None),
    }
}

/// Whether a participant holds an unrevoked certificate for a curriculum of `stage` — the check
/// a case makes before `travel`.
pub async fn has_valid_certificate(db: &Db, participant_id: &str, stage: Stage) -> Result<bool> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM orientation_certificates c JOIN orientation_curricula k ON k.id = c.curriculum_id \
         WHERE c.participant_id = $1 AND c.revoked_at IS NULL AND k.stage = $2",
    )
    .bind(participant_id)
    .bind(stage.as_str())
    .fetch_one(&db.pool)
    .await?;
    Ok(count > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(key: &SigningKey) -> Claims {
        Claims {
            id: "0193-cert".into(),
            key_id: key_id(&key.verifying_key()),
            office: "PH-MNL".into(),
            name: "Maria Santos".into(),
            curriculum: "ciop-pdo-ph-ae".into(),
            stage: Stage::Pdo,
            title: "Pre-departure orientation".into(),
            minutes: 420,
            issued_at: 1_795_771_800_000,
        }
    }

    fn bundle(key: &SigningKey, revoked: Vec<String>) -> TrustBundle {
        TrustBundle {
            generated_at: 0,
            keys: vec![PublicKeyEntry {
                key_id: key_id(&key.verifying_key()),
                office: "PH-MNL".into(),
                public_key: URL_SAFE_NO_PAD.encode(key.verifying_key().as_bytes()),
            }],
            revoked,
            revocation_key: None,
        }
    }

    #[test]
    fn a_signed_token_verifies_and_any_change_breaks_it() {
        let key = SigningKey::from_bytes(&[7u8; 32]);
        let token = sign(&key, &claims(&key)).unwrap_or_default();
        assert_eq!(
            verify_token(&token, &bundle(&key, vec![])),
            Ok(claims(&key))
        );

        let mut forged = claims(&key);
        forged.name = "Someone Else".into();
        let forged_json = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&forged).unwrap_or_default());
        let signature = token.rsplit('.').next().unwrap_or_default();
        let tampered = format!("CC1.{forged_json}.{signature}");
        assert_eq!(
            verify_token(&tampered, &bundle(&key, vec![])),
            Err(Rejection::BadSignature)
        );

        let other = SigningKey::from_bytes(&[8u8; 32]);
        assert_eq!(
            verify_token(&token, &bundle(&other, vec![])),
            Err(Rejection::UnknownKey)
        );
        assert_eq!(
            verify_token("CC1.x", &bundle(&key, vec![])),
            Err(Rejection::Malformed)
        );
        assert_eq!(
            verify_token("", &bundle(&key, vec![])),
            Err(Rejection::Malformed)
        );
        assert!(matches!(
            verify_token(&token, &bundle(&key, vec!["0193-cert".into()])),
            Err(Rejection::Revoked(_))
        ));
    }

    #[test]
    fn a_signed_revocation_list_is_accepted_only_from_the_bundles_revocation_key() {
        let key = SigningKey::from_bytes(&[7u8; 32]);
        let revoker = SigningKey::from_bytes(&[9u8; 32]);
        let token = sign(&key, &claims(&key)).unwrap_or_default();
        let list = RevocationList {
            issued_at: 1,
            revoked: vec!["0193-cert".into()],
        };
        let signed = sign_revocations(&revoker, &list).unwrap_or_else(|_| panic!("sign"));

        let mut without_key = bundle(&key, vec![]);
        assert!(apply_revocations(&mut without_key, &signed).is_err());

        let mut trusting = bundle(&key, vec![]);
        trusting.revocation_key = Some(public_key_entry(&revoker, REVOCATION_KEY_OFFICE));
        assert_eq!(verify_token(&token, &trusting), Ok(claims(&key)));
        let mut tampered = signed.clone();
        tampered.list = URL_SAFE_NO_PAD.encode(br#"{"issued_at":1,"revoked":[]}"#);
        assert!(apply_revocations(&mut trusting.clone(), &tampered).is_err());
        // A certificate signature cannot pass for a list.
        let mut forged = signed.clone();
        forged.signature = token.rsplit('.').next().unwrap_or_default().to_owned();
        assert!(apply_revocations(&mut trusting.clone(), &forged).is_err());

        assert_eq!(apply_revocations(&mut trusting, &signed).ok(), Some(list));
        assert!(matches!(
            verify_token(&token, &trusting),
            Err(Rejection::Revoked(_))
        ));
    }
}
