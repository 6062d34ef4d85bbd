use super::*;

fn phrase(text: &str) -> SecretString {
    SecretString::from(text.to_owned())
}

fn locked_folder() -> (tempfile::TempDir, Seal) {
    let dir = tempfile::tempdir().unwrap();
    let started = start_lock(dir.path(), &phrase("a kettle by the window"), 2).unwrap();
    assert!(started.new_key);
    (dir, started.seal)
}

#[test]
fn a_sealed_file_opens_with_its_key_only_and_says_nothing_of_its_text() {
    let (dir, seal) = locked_folder();
    let sealed = seal.seal("J'étais épuisée".as_bytes()).unwrap();
    assert!(!String::from_utf8_lossy(&sealed).contains("épuisée"));
    forget(dir.path());
    assert!(!is_unlocked(dir.path()));
    // Another journal's key does not open it.
    let (other, _) = locked_folder();
    unlock(other.path(), &phrase("a kettle by the window")).unwrap();
    assert_eq!(open(&sealed), Err(OpenError::OtherKey));
    forget(other.path());
    unlock(dir.path(), &phrase("a kettle by the window")).unwrap();
    assert!(is_unlocked(dir.path()));
    assert_eq!(open(&sealed).unwrap(), "J'étais épuisée".as_bytes());
    // Cut short or changed: damaged, never half a text.
    assert_eq!(open(&sealed[..sealed.len() - 3]), Err(OpenError::Damaged));
    let mut changed = sealed.clone();
    let last = changed.len() - 1;
    changed[last] ^= 1;
    assert_eq!(open(&changed), Err(OpenError::Damaged));
    assert_eq!(open(b"plain text"), Err(OpenError::Damaged));
    forget(dir.path());
}

#[test]
fn a_wrong_passphrase_is_told_apart_from_a_missing_key() {
    let (dir, _) = locked_folder();
    assert_eq!(
        unlock(dir.path(), &phrase("not the one")),
        Err(UnlockError::WrongPassphrase)
    );
    std::fs::remove_file(dir.path().join(IDENTITY_FILE)).unwrap();
    let err = unlock(dir.path(), &phrase("a kettle by the window")).unwrap_err();
    assert!(
        matches!(err, UnlockError::Broken(ref why) if why.contains("cannot be read")),
        "{err}"
    );
    let plain = tempfile::tempdir().unwrap();
    assert_eq!(
        unlock(plain.path(), &phrase("x")),
        Err(UnlockError::NotLocked)
    );
}

#[test]
fn opaque_names_are_stable_differ_per_journal_and_hide_the_name() {
    let (_a, one) = locked_folder();
    let (_b, two) = locked_folder();
    let name = one.opaque("sunday-kitchen-fight");
    assert_eq!(name, one.opaque("sunday-kitchen-fight"));
    assert_ne!(name, one.opaque("sunday-kitchen-fight-2"));
    assert_ne!(name, two.opaque("sunday-kitchen-fight"));
    assert!(!name.contains("sunday"));
    assert_eq!(name.len(), 21);
    assert!(name.chars().all(|c| c.is_ascii_alphanumeric()));
}

#[test]
fn a_damaged_marker_is_broken_never_open() {
    let dir = tempfile::tempdir().unwrap();
    assert!(lock_state(dir.path()).is_open());
    std::fs::write(
        dir.path().join(MARKER_FILE),
        "format = 1\nphase = 'locked'\n",
    )
    .unwrap();
    assert!(matches!(lock_state(dir.path()), Lock::Broken(_)));
    std::fs::write(dir.path().join(MARKER_FILE), [0xff, 0xfe]).unwrap();
    assert!(matches!(lock_state(dir.path()), Lock::Broken(_)));
    // A journal that cannot say what it is writes nothing, plain or locked.
    let journal = crate::journal::Journal::new(dir.path());
    let entry = crate::journal::Entry::new("x", "X", "Sam", "", jiff::Timestamp::UNIX_EPOCH);
    let err = journal
        .save(&dir.path().join("entries/x/19700101T000000Z.toml"), &entry)
        .unwrap_err();
    assert!(format!("{err:#}").contains("damaged"), "{err:#}");
}

#[test]
fn an_interrupted_first_lock_reuses_its_key_with_the_same_passphrase_only() {
    let dir = tempfile::tempdir().unwrap();
    let started = start_lock(dir.path(), &phrase("a kettle by the window"), 2).unwrap();
    let public = started.seal.recipient();
    // Stopped between the key and the marker.
    std::fs::remove_file(dir.path().join(MARKER_FILE)).unwrap();
    let again = start_lock(dir.path(), &phrase("a kettle by the window"), 2).unwrap();
    assert!(!again.new_key);
    assert_eq!(again.seal.recipient(), public);
    std::fs::remove_file(dir.path().join(MARKER_FILE)).unwrap();
    let other = start_lock(dir.path(), &phrase("another one"), 2);
    assert!(matches!(other, Err(UnlockError::Broken(_))));
    assert!(lock_state(dir.path()).is_open(), "nothing changed");
}
