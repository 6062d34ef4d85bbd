//! An exchange file locked with a phrase the two partners agree on in person:
//! the age format's passphrase recipient (scrypt). Locking and unlocking happen
//! in memory; no unlocked copy is ever written to disk.
//!
//! A locked file comes from outside, so the work its phrase asks for is capped:
//! scrypt's cost is chosen by whoever wrote the file, and the crate's own limit
//! would let a hostile file take many seconds and gigabytes. Files two-worlds
//! writes use [`WORK_FACTOR`], which is exactly the cap.

use std::io::{Read as _, Write as _};

use age::secrecy::SecretString;

use super::MAX_EXCHANGE_BYTES;

/// scrypt's work factor (N = 2^18: 256 MiB and about a second here) for the
/// files two-worlds locks, and the most it accepts in a file it opens.
pub const WORK_FACTOR: u8 = 18;

/// A phrase typed in the full-screen program, on its way to [`unlock`]: never
/// shown by `Debug`, and given as a [`SecretString`] where it is used.
#[derive(Clone, PartialEq, Eq)]
pub struct Phrase(String);

impl Phrase {
    pub fn new(typed: String) -> Phrase {
        Phrase(typed)
    }

    pub fn secret(&self) -> SecretString {
        SecretString::from(self.0.clone())
    }
}

impl std::fmt::Debug for Phrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Phrase([not shown])")
    }
}

/// The work factor files are locked with: [`WORK_FACTOR`]. Debug builds take
/// `TWO_WORLDS_TEST_WORK_FACTOR` (1 to the cap) instead, so the tests stay quick;
/// a release build never reads it.
pub fn work_factor() -> u8 {
    #[cfg(debug_assertions)]
    if let Some(factor) = std::env::var("TWO_WORLDS_TEST_WORK_FACTOR")
        .ok()
        .and_then(|v| v.parse::<u8>().ok())
        .filter(|f| (1..=WORK_FACTOR).contains(f))
    {
        return factor;
    }
    WORK_FACTOR
}

/// Why a locked file could not be opened, in words for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnlockError {
    /// The phrase does not open it.
    WrongPhrase,
    /// The file asks for more work than two-worlds allows.
    TooMuchWork { required: u8 },
    /// It is not a file locked with a phrase, or it is damaged.
    Damaged(String),
}

impl std::fmt::Display for UnlockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UnlockError::WrongPhrase => write!(
                f,
                "that phrase does not open this file; check it with your partner, and try again"
            ),
            UnlockError::TooMuchWork { required } => write!(
                f,
                "its phrase asks for more work than two-worlds allows (scrypt work factor \
                 {required}, at most {WORK_FACTOR}); it was not opened"
            ),
            UnlockError::Damaged(why) => write!(f, "it cannot be opened: {why}"),
        }
    }
}

/// Whether `bytes` are a file locked with a phrase (or any age file).
pub fn is_locked(bytes: &[u8]) -> bool {
    super::AGE_HEADERS
        .iter()
        .any(|header| bytes.starts_with(header))
}

/// `plain` locked with `phrase`, at `work_factor` (N = 2^work_factor).
pub fn lock(plain: &[u8], phrase: &SecretString, work_factor: u8) -> Vec<u8> {
    let mut recipient = age::scrypt::Recipient::new(phrase.clone());
    recipient.set_work_factor(work_factor);
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .expect("one passphrase recipient is always a valid set");
    let mut locked = Vec::with_capacity(plain.len() + 256);
    let mut writer = encryptor
        .wrap_output(&mut locked)
        .expect("writing to memory does not fail");
    writer
        .write_all(plain)
        .and_then(|()| writer.finish().map(|_| ()))
        .expect("writing to memory does not fail");
    locked
}

/// The plain bytes of a locked file, opened with `phrase` in memory: never more
/// than the exchange file cap, never more work than [`WORK_FACTOR`] allows.
pub fn unlock(locked: &[u8], phrase: &SecretString) -> Result<Vec<u8>, UnlockError> {
    let decryptor =
        age::Decryptor::new_buffered(locked).map_err(|err| UnlockError::Damaged(plain(&err)))?;
    if !decryptor.is_scrypt() {
        return Err(UnlockError::Damaged(
            "it is locked with a key, not a phrase".to_owned(),
        ));
    }
    let mut identity = age::scrypt::Identity::new(phrase.clone());
    identity.set_max_work_factor(WORK_FACTOR);
    let reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|err| match err {
            age::DecryptError::ExcessiveWork { required, .. } => {
                UnlockError::TooMuchWork { required }
            }
            age::DecryptError::DecryptionFailed
            | age::DecryptError::KeyDecryptionFailed
            | age::DecryptError::NoMatchingKeys => UnlockError::WrongPhrase,
            other => UnlockError::Damaged(plain(&other)),
        })?;
    let mut plain_bytes = Vec::new();
    reader
        .take(MAX_EXCHANGE_BYTES + 1)
        .read_to_end(&mut plain_bytes)
        .map_err(|err| UnlockError::Damaged(crate::wording::io_reason(&err)))?;
    Ok(plain_bytes)
}

/// An age error in a few plain words (its own text may be long, or localised).
fn plain(err: &age::DecryptError) -> String {
    match err {
        age::DecryptError::InvalidHeader | age::DecryptError::UnknownFormat => {
            "its header is not one two-worlds knows".to_owned()
        }
        age::DecryptError::InvalidMac => "its header was changed or damaged".to_owned(),
        age::DecryptError::Io(err) => crate::wording::io_reason(err),
        _ => "it is damaged".to_owned(),
    }
}

/// A phrase from a file (`--phrase-file`): its first line, without the line break.
/// An empty one is refused.
pub fn phrase_from_file(path: &std::path::Path) -> anyhow::Result<SecretString> {
    let bytes = crate::files::read_regular(path, 64 * 1024)
        .map_err(|err| anyhow::anyhow!("cannot read the phrase file {}: {err}", path.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("the phrase file {} is not text", path.display()))?;
    let line = text.lines().next().unwrap_or_default();
    anyhow::ensure!(
        !line.is_empty(),
        "the phrase file {} is empty; write the phrase on its first line",
        path.display()
    );
    Ok(SecretString::from(line.to_owned()))
}

/// A phrase typed on the terminal, not shown as it is typed (`Esc` gives up).
/// `None` when there is no terminal to ask on.
pub fn phrase_from_terminal(prompt: &str) -> anyhow::Result<Option<SecretString>> {
    use std::io::IsTerminal as _;

    use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
    use ratatui::crossterm::terminal;
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Ok(None);
    }
    eprint!("{prompt}");
    std::io::stderr().flush()?;
    terminal::enable_raw_mode()?;
    let mut typed = String::new();
    let outcome = loop {
        match event::read() {
            Ok(Event::Key(key)) if key.kind != KeyEventKind::Release => match key.code {
                KeyCode::Enter => break Ok(true),
                KeyCode::Esc => break Ok(false),
                KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    break Ok(false);
                }
                KeyCode::Backspace => {
                    typed.pop();
                }
                KeyCode::Char(c) => typed.push(c),
                _ => {}
            },
            Ok(Event::Paste(text)) => typed.push_str(text.lines().next().unwrap_or_default()),
            Ok(_) => {}
            Err(err) => break Err(err),
        }
    };
    terminal::disable_raw_mode()?;
    eprintln!();
    match outcome? {
        true if !typed.is_empty() => Ok(Some(SecretString::from(typed))),
        true => anyhow::bail!("no phrase was typed"),
        false => anyhow::bail!("stopped: nothing was written"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(text: &str) -> SecretString {
        SecretString::from(text.to_owned())
    }

    #[test]
    fn a_locked_file_opens_with_its_phrase_only() {
        let plain = b"format = 1\n# the side\n";
        let locked = lock(plain, &phrase("blue kettle"), 2);
        assert!(is_locked(&locked));
        assert!(!locked.windows(10).any(|w| w == b"# the side"));
        assert_eq!(unlock(&locked, &phrase("blue kettle")).unwrap(), plain);
        assert_eq!(
            unlock(&locked, &phrase("blue kettel")),
            Err(UnlockError::WrongPhrase)
        );
    }

    #[test]
    fn a_file_that_asks_for_too_much_work_is_not_opened() {
        // A quick file whose header then asks for a factor just above the cap (as a
        // hostile file would): refused before any of the work is done.
        let locked = lock(b"x", &phrase("p"), 2);
        let text = String::from_utf8_lossy(&locked).into_owned();
        let stanza = text.lines().find(|l| l.starts_with("-> scrypt ")).unwrap();
        let asking = stanza.replace(" 2", &format!(" {}", WORK_FACTOR + 1));
        let locked = [
            &locked[..text.find(stanza).unwrap()],
            asking.as_bytes(),
            &locked[text.find(stanza).unwrap() + stanza.len()..],
        ]
        .concat();
        assert_eq!(
            unlock(&locked, &phrase("p")),
            Err(UnlockError::TooMuchWork {
                required: WORK_FACTOR + 1
            })
        );
    }

    #[test]
    fn damaged_locked_files_are_refused_without_panicking() {
        let locked = lock(b"format = 1\n", &phrase("p"), 2);
        for cut in [10, 30, locked.len() - 5] {
            assert!(
                unlock(&locked[..cut], &phrase("p")).is_err(),
                "cut at {cut}"
            );
        }
        let mut flipped = locked.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(unlock(&flipped, &phrase("p")).is_err());
        assert!(unlock(b"age-encryption.org/v1\n-> X25519 abc\n", &phrase("p")).is_err());
    }
}
