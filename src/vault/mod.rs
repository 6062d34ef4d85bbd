//! The locked journal: what the user wrote, encrypted at rest with an age X25519
//! key that lives in the data folder, itself encrypted with the user's passphrase.
//!
//! Files in a data folder once `two-worlds lock` has run:
//! - `locked.toml`: the marker, plain: the public key files are encrypted to, a
//!   random salt for opaque names, and the phase (`locking`, `locked`,
//!   `decrypting`; the first and last mean a run was interrupted and can be run
//!   again to finish);
//! - `identity.age`: the key, as an age identity file encrypted with the
//!   passphrase (scrypt), exactly what `age -p` would make of it, so the standard
//!   `age` tool can open the journal too;
//! - `index.age`: a cache of what the journal's list shows, encrypted like
//!   everything else (see [`index`]);
//! - every entry, the user's own scenario files, shared moments and rescue
//!   copies as `*.toml.age`, under names that carry no title ([`Seal::opaque`]).
//!
//! Saving needs only the public key, so autosave and the saves on the way out
//! work without the passphrase. Reading needs the key, unlocked once per run with
//! [`unlock`] and kept in this process's keyring until [`forget`]: the key is the
//! crate's own secret type, wiped from memory when it is dropped.
//!
//! The keyring is process-wide on purpose: every reader of a file
//! ([`crate::journal::Journal::load`], the library, the shared moments) opens it
//! through [`open`], whatever called it, and a test process may hold the keys of
//! several data folders at once.

pub mod convert;
pub mod index;

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::str::FromStr as _;
use std::sync::Mutex;

use age::secrecy::{ExposeSecret as _, SecretString};
use age::x25519;
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::exchange::phrase;

/// The marker that says a data folder is locked.
pub const MARKER_FILE: &str = "locked.toml";
/// The passphrase-encrypted key.
pub const IDENTITY_FILE: &str = "identity.age";
/// The encrypted cache of the journal's list.
pub const INDEX_FILE: &str = "index.age";
/// What a locked file's name ends with, after its own extension.
pub const SEALED_SUFFIX: &str = ".age";
/// How many times a passphrase is asked before the program gives up.
pub const TRIES: u32 = 3;

const MARKER_FORMAT: u32 = 1;
/// The largest file the keyring opens: an entry's own limit, with room for age's
/// framing.
const MAX_OPENED: u64 = crate::journal::MAX_ENTRY_BYTES + 1024 * 1024;

/// Where a locked journal is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// `lock` began and did not finish: some files may still be plain.
    Locking,
    /// Everything the user wrote is encrypted.
    Locked,
    /// `decrypt` began and did not finish: some files may still be encrypted.
    Decrypting,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Marker {
    format: u32,
    phase: Phase,
    recipient: String,
    salt: String,
}

/// Whether a data folder is locked, as its marker says.
#[derive(Debug, Clone)]
pub enum Lock {
    /// No marker: files are plain.
    Open,
    /// Files are encrypted to this key.
    Sealed(Seal),
    /// The marker is there but cannot be read: nothing is written in the clear,
    /// and nothing can be encrypted either.
    Broken(String),
}

impl Lock {
    pub fn seal(&self) -> Option<&Seal> {
        match self {
            Lock::Sealed(seal) => Some(seal),
            _ => None,
        }
    }

    pub fn is_open(&self) -> bool {
        matches!(self, Lock::Open)
    }
}

/// What a locked data folder encrypts with: its public key and the salt of its
/// opaque names. Holds nothing secret.
#[derive(Clone)]
pub struct Seal {
    recipient: x25519::Recipient,
    salt: String,
    pub phase: Phase,
}

impl std::fmt::Debug for Seal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Seal")
            .field("recipient", &self.recipient.to_string())
            .field("phase", &self.phase)
            .finish()
    }
}

impl Seal {
    /// `plain` encrypted to the journal's key.
    pub fn seal(&self, plain: &[u8]) -> anyhow::Result<Vec<u8>> {
        age::encrypt(&self.recipient, plain)
            .map_err(|_| anyhow::anyhow!("could not encrypt the file"))
    }

    /// A name for a file or folder that says nothing of `name` (an exercise id,
    /// which may be made from a title): 20 hex digits of a salted hash, the same
    /// every time for the same name in this journal.
    pub fn opaque(&self, name: &str) -> String {
        let mut hasher = Sha256::new();
        hasher.update(b"two-worlds opaque name\0");
        hasher.update(self.salt.as_bytes());
        hasher.update(b"\0");
        hasher.update(name.as_bytes());
        let digest = hasher.finalize();
        let mut out = String::from("x");
        for byte in &digest[..10] {
            out.push_str(&format!("{byte:02x}"));
        }
        out
    }

    pub fn recipient(&self) -> String {
        self.recipient.to_string()
    }
}

/// The data folder's lock, read from its marker.
pub fn lock_state(data_dir: &Path) -> Lock {
    let path = data_dir.join(MARKER_FILE);
    let bytes = match crate::files::read_regular(&path, 64 * 1024) {
        Ok(bytes) => bytes,
        // Nothing there (or no folder to hold it): not locked.
        Err(crate::files::ReadError::Io(_)) if fs::symlink_metadata(&path).is_err() => {
            return Lock::Open;
        }
        Err(err) => return Lock::Broken(format!("{} cannot be read: {err}", path.display())),
    };
    let broken = |why: &str| {
        Lock::Broken(format!(
            "{} is damaged ({why}); nothing can be saved until it is put back",
            path.display()
        ))
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return broken("it is not text");
    };
    let marker: Marker = match toml::from_str(text) {
        Ok(marker) => marker,
        Err(_) => return broken("it is not a marker two-worlds wrote"),
    };
    if marker.format != MARKER_FORMAT {
        return broken("it is from another version of two-worlds");
    }
    let Ok(recipient) = x25519::Recipient::from_str(&marker.recipient) else {
        return broken("its key is not an age public key");
    };
    Lock::Sealed(Seal {
        recipient,
        salt: marker.salt,
        phase: marker.phase,
    })
}

/// Writes the marker (atomically).
fn write_marker(data_dir: &Path, seal: &Seal) -> anyhow::Result<()> {
    let marker = Marker {
        format: MARKER_FORMAT,
        phase: seal.phase,
        recipient: seal.recipient(),
        salt: seal.salt.clone(),
    };
    let text = format!(
        "# This journal is locked: what you write is encrypted to the key below.\n\
         # Deleting this file does not unlock anything; `two-worlds decrypt` does.\n{}",
        toml::to_string(&marker)?
    );
    crate::files::write_atomic(&data_dir.join(MARKER_FILE), text.as_bytes())
}

/// Whether `path` is a locked file (its name ends in `.age`).
pub fn is_sealed(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.ends_with(SEALED_SUFFIX))
}

/// Whether `path` is a locked scenario file (`*.toml.age`).
pub fn is_sealed_scenario(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.ends_with(".toml.age"))
}

/// `path` with `.age` added.
pub fn sealed_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(SEALED_SUFFIX);
    PathBuf::from(name)
}

/// The keys unlocked in this process. Each is the crate's secret type, which wipes
/// its bytes when dropped.
static KEYRING: Mutex<Vec<x25519::Identity>> = Mutex::new(Vec::new());

fn keyring() -> std::sync::MutexGuard<'static, Vec<x25519::Identity>> {
    KEYRING.lock().unwrap_or_else(|p| p.into_inner())
}

/// Why a locked file could not be opened. None of them says anything of what is in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// No key is unlocked in this run.
    NotUnlocked,
    /// The keys unlocked do not open it.
    OtherKey,
    /// It is not an age file, or it was cut short or changed.
    Damaged,
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            OpenError::NotUnlocked => "the journal is locked; unlock it with your passphrase first",
            OpenError::OtherKey => "it is locked with a key this journal does not have",
            OpenError::Damaged => "it is damaged: it cannot be decrypted",
        })
    }
}

/// The plain bytes of a locked file, with the keys unlocked in this run.
pub fn open(bytes: &[u8]) -> Result<Vec<u8>, OpenError> {
    let keys = keyring();
    if keys.is_empty() {
        return Err(OpenError::NotUnlocked);
    }
    let decryptor = age::Decryptor::new_buffered(bytes).map_err(|_| OpenError::Damaged)?;
    if decryptor.is_scrypt() {
        return Err(OpenError::OtherKey);
    }
    let reader = decryptor
        .decrypt(keys.iter().map(|key| key as &dyn age::Identity))
        .map_err(|err| match err {
            age::DecryptError::NoMatchingKeys => OpenError::OtherKey,
            _ => OpenError::Damaged,
        })?;
    drop(keys);
    let mut plain = Vec::with_capacity(bytes.len());
    reader
        .take(MAX_OPENED)
        .read_to_end(&mut plain)
        .map_err(|_| OpenError::Damaged)?;
    Ok(plain)
}

/// The bytes of a file the user wrote, opened if it is locked: what every reader
/// of entries, scenarios and shared moments goes through.
pub(crate) fn read(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let bytes = crate::files::read_regular(path, limit).map_err(ReadError::File)?;
    if is_sealed(path) {
        open(&bytes).map_err(ReadError::Locked)
    } else {
        Ok(bytes)
    }
}

/// Why [`read`] failed.
#[derive(Debug)]
pub(crate) enum ReadError {
    File(crate::files::ReadError),
    Locked(OpenError),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::File(err) => err.fmt(f),
            ReadError::Locked(err) => err.fmt(f),
        }
    }
}

/// Why unlocking failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnlockError {
    /// The journal is not locked.
    NotLocked,
    WrongPassphrase,
    /// The key file is missing or damaged, or does not match the marker.
    Broken(String),
}

impl std::fmt::Display for UnlockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UnlockError::NotLocked => f.write_str("the journal is not locked"),
            UnlockError::WrongPassphrase => {
                f.write_str("that passphrase does not open the journal")
            }
            UnlockError::Broken(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for UnlockError {}

/// The journal's key, opened with the passphrase (not kept: see [`unlock`]).
pub fn open_identity(
    data_dir: &Path,
    passphrase: &SecretString,
) -> Result<x25519::Identity, UnlockError> {
    let seal = match lock_state(data_dir) {
        Lock::Sealed(seal) => seal,
        Lock::Open => return Err(UnlockError::NotLocked),
        Lock::Broken(why) => return Err(UnlockError::Broken(why)),
    };
    let path = data_dir.join(IDENTITY_FILE);
    let bytes = crate::files::read_regular(&path, 64 * 1024).map_err(|err| {
        UnlockError::Broken(format!(
            "the journal's key {} cannot be read: {err}; without it the journal cannot be opened",
            path.display()
        ))
    })?;
    let plain = phrase::unlock(&bytes, passphrase).map_err(|err| match err {
        phrase::UnlockError::WrongPhrase => UnlockError::WrongPassphrase,
        other => UnlockError::Broken(format!(
            "the journal's key {} cannot be opened: {other}",
            path.display()
        )),
    })?;
    let identity = identity_from_text(SecretString::from(
        String::from_utf8(plain).unwrap_or_default(),
    ))
    .ok_or_else(|| {
        UnlockError::Broken(format!("the journal's key {} holds no key", path.display()))
    })?;
    if identity.to_public().to_string() != seal.recipient() {
        return Err(UnlockError::Broken(format!(
            "the key in {} is not the key this journal is locked with",
            path.display()
        )));
    }
    Ok(identity)
}

/// The first `AGE-SECRET-KEY-1…` line of an identity file or a recovery key.
pub fn identity_from_text(text: SecretString) -> Option<x25519::Identity> {
    text.expose_secret()
        .lines()
        .map(str::trim)
        .find(|line| line.starts_with("AGE-SECRET-KEY-1"))
        .and_then(|line| x25519::Identity::from_str(line).ok())
}

/// Opens the journal's key with the passphrase and keeps it for this run.
pub fn unlock(data_dir: &Path, passphrase: &SecretString) -> Result<(), UnlockError> {
    let identity = open_identity(data_dir, passphrase)?;
    keep(identity);
    Ok(())
}

/// Keeps a key for this run (once).
pub fn keep(identity: x25519::Identity) {
    let public = identity.to_public().to_string();
    let mut keys = keyring();
    if !keys.iter().any(|k| k.to_public().to_string() == public) {
        keys.push(identity);
    }
}

/// Drops the key of this data folder from memory (wiped as it goes).
pub fn forget(data_dir: &Path) {
    if let Lock::Sealed(seal) = lock_state(data_dir) {
        let public = seal.recipient();
        keyring().retain(|key| key.to_public().to_string() != public);
    }
}

/// Drops every key this process holds (wiped as they go).
pub fn forget_all() {
    keyring().clear();
}

/// Whether this data folder's key is unlocked in this run.
pub fn is_unlocked(data_dir: &Path) -> bool {
    match lock_state(data_dir) {
        Lock::Sealed(seal) => {
            let public = seal.recipient();
            keyring()
                .iter()
                .any(|key| key.to_public().to_string() == public)
        }
        _ => false,
    }
}

/// A new key, and its identity file encrypted with `passphrase` at `work_factor`.
pub fn new_identity(passphrase: &SecretString, work_factor: u8) -> (x25519::Identity, Vec<u8>) {
    let identity = x25519::Identity::generate();
    let bytes = identity_file(&identity, passphrase, work_factor);
    (identity, bytes)
}

/// The identity file of `identity`: its text, as `age-keygen` writes it, encrypted
/// with `passphrase`.
pub fn identity_file(
    identity: &x25519::Identity,
    passphrase: &SecretString,
    work_factor: u8,
) -> Vec<u8> {
    let text = SecretString::from(format!(
        "# two-worlds journal key\n# public key: {}\n{}\n",
        identity.to_public(),
        identity.to_string().expose_secret()
    ));
    phrase::lock(text.expose_secret().as_bytes(), passphrase, work_factor)
}

/// The recovery key to print: the key itself, which opens the journal without
/// the passphrase.
pub fn recovery_key(identity: &x25519::Identity) -> SecretString {
    identity.to_string()
}

/// A new random salt for opaque names.
fn new_salt() -> String {
    let key = x25519::Identity::generate();
    let mut hasher = Sha256::new();
    hasher.update(key.to_string().expose_secret().as_bytes());
    let digest = hasher.finalize();
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// What `lock` starts from.
pub struct Started {
    pub seal: Seal,
    pub identity: x25519::Identity,
    /// Whether the key is new (the first run, not one finishing an interrupted lock).
    pub new_key: bool,
}

/// Starts locking, or picks up a lock that was interrupted: the key file (never
/// over another key) and the marker in phase `locking`. On a journal already
/// locked, or half locked, the passphrase must open its key.
pub fn start_lock(
    data_dir: &Path,
    passphrase: &SecretString,
    work_factor: u8,
) -> Result<Started, UnlockError> {
    let broken = |err: anyhow::Error| UnlockError::Broken(format!("{err:#}"));
    match lock_state(data_dir) {
        Lock::Sealed(mut seal) => {
            let identity = open_identity(data_dir, passphrase)?;
            if seal.phase == Phase::Decrypting {
                seal.phase = Phase::Locking;
                write_marker(data_dir, &seal).map_err(broken)?;
            }
            return Ok(Started {
                seal,
                identity,
                new_key: false,
            });
        }
        Lock::Broken(why) => return Err(UnlockError::Broken(why)),
        Lock::Open => {}
    }
    crate::files::create_private_dir_all(data_dir).map_err(broken)?;
    let path = data_dir.join(IDENTITY_FILE);
    // A key with no marker: a first run stopped between the two. It is used again
    // only if this passphrase opens it.
    let (identity, new_key) = if fs::symlink_metadata(&path).is_ok() {
        let bytes = crate::files::read_regular(&path, 64 * 1024).map_err(|err| {
            UnlockError::Broken(format!("{} cannot be read: {err}", path.display()))
        })?;
        match phrase::unlock(&bytes, passphrase) {
            Ok(plain) => {
                let identity = identity_from_text(SecretString::from(
                    String::from_utf8(plain).unwrap_or_default(),
                ))
                .ok_or_else(|| UnlockError::Broken(format!("{} holds no key", path.display())))?;
                (identity, false)
            }
            Err(_) => {
                return Err(UnlockError::Broken(format!(
                    "{} is already there, from a `lock` that did not finish or from \
                     elsewhere, and this passphrase does not open it; run `two-worlds \
                     lock` with the passphrase you gave then, or move the file away",
                    path.display()
                )));
            }
        }
    } else {
        let (identity, bytes) = new_identity(passphrase, work_factor);
        crate::files::write_new_file(&path, &bytes).map_err(broken)?;
        (identity, true)
    };
    let seal = Seal {
        recipient: identity.to_public(),
        salt: new_salt(),
        phase: Phase::Locking,
    };
    write_marker(data_dir, &seal).map_err(broken)?;
    Ok(Started {
        seal,
        identity,
        new_key,
    })
}

/// Writes a new passphrase's key file, replacing the old one atomically.
pub fn change_passphrase(
    data_dir: &Path,
    identity: &x25519::Identity,
    passphrase: &SecretString,
    work_factor: u8,
) -> anyhow::Result<()> {
    let bytes = identity_file(identity, passphrase, work_factor);
    crate::files::write_atomic(&data_dir.join(IDENTITY_FILE), &bytes)
}

#[cfg(test)]
mod tests;
