//! What can happen to the app ([`Msg`]), what it asks of the world ([`Effect`]), and
//! the windows and questions it can show over a screen.

use std::mem::Discriminant;
use std::path::PathBuf;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui::crossterm::event::KeyEvent;

use super::Screen;
use crate::journal::{Entry, Listed};

/// A window over the current screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Problems,
    /// The user's own view, shown while writing the partner's; both views (and the
    /// friend's) while translating or answering a question.
    Peek,
    /// The friend's view, where the side by side has no room for a third column.
    Friend,
    /// A question that waits for an answer.
    Ask(Question),
    /// Who this exercise is for, shown whole-screen before the library on the first run.
    SafetyNote,
    /// The calm check: how stirred up the user is, 0 to 10.
    Calm(crate::calm::Check),
    /// After a high rating: a note, and the offer of a break.
    CalmNote(crate::calm::Resume),
    /// A quiet break, whole-screen, until its time is up or a key is pressed.
    Break(crate::calm::Break),
    /// A line to type: the name to share under, or a file to bring in (the field
    /// is [`super::App::prompt`]).
    Prompt,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    /// Continue the draft saved at `saved` (yes), or start fresh (no).
    Resume {
        id: String,
        path: PathBuf,
        saved: String,
    },
    /// Delete this entry?
    Delete { path: PathBuf, name: String },
    /// The journal is locked: export this entry as plain text anyway?
    ExportPlain { path: PathBuf },
    /// The entry is gone: delete the exports two-worlds wrote of it too?
    DeleteExports { files: Vec<PathBuf> },
    /// The last save failed: retry (yes) or quit anyway (no).
    QuitAnyway { error: String },
    /// Finish the exercise (yes)? A finished entry is kept as it is.
    Finish,
    /// A scenario with a care note: go on (yes) or go back (no)?
    Care { id: String, note: String },
    /// Edit a copy of this built-in scenario in the user's folder (yes)?
    CopyBuiltin {
        id: String,
        /// The built-in's file name in `exercises/`.
        file: String,
        title: String,
    },
}

/// Everything that can happen.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    /// The mouse, when the settings turn it on: the wheel, and a click.
    Mouse(ratatui::crossterm::event::MouseEvent),
    Resize(u16, u16),
    /// The time now: the loop sends it before each message it passes on, so
    /// `update` never reads a clock.
    Clock(Timestamp),
    /// The zone dates and times are shown in (looked up once, after the first frame).
    Zone(TimeZone),
    /// A note about the data folder to show once (loose permissions).
    Notice(String),
    /// What the frame just drawn had room for.
    Viewport(Viewport),
    /// The journal's entries, listed (at start and after every change to it).
    Journal(Vec<Listed>),
    /// Two seconds passed since the last edit.
    AutosaveDue,
    /// The time [`App::wake_at`](super::App::wake_at) asked for has come.
    Tick,
    /// A save finished: where the entry is now, or why it failed.
    Saved {
        id: String,
        revision: u64,
        result: Result<PathBuf, String>,
    },
    /// A draft asked for was read (and locked) or could not be.
    DraftLoaded {
        id: String,
        result: Result<(PathBuf, Entry), String>,
    },
    /// An entry asked for in the history was read.
    EntryRead(Result<Entry, String>),
    Exported(Result<PathBuf, String>),
    /// An entry was deleted (with the exports two-worlds wrote of it, still there),
    /// or why not.
    Deleted(Result<(PathBuf, Vec<PathBuf>), String>),
    /// Exports were deleted (how many), or why not.
    ExportsDeleted(Result<usize, String>),
    Discarded(Result<PathBuf, String>),
    /// The scenario file of a moment of one's own was written (the exercise as the
    /// file gives it), or why not.
    MomentWritten {
        serial: u64,
        result: Result<crate::exercise::Exercise, String>,
    },
    /// The user's editor returned from a scenario file (or could not run), and the
    /// file was read again: `parsed` is `None` when it could not be.
    ScenarioEdited {
        origin: crate::exercise::Origin,
        editor: Result<(), String>,
        parsed: Option<crate::exercise::Parsed>,
    },
    /// Every scenario file, read again.
    LibraryReloaded(crate::exercise::Library),
    /// Where each listed entry stands in sharing (sent after [`Msg::Journal`]'s list).
    Sharing(std::collections::HashMap<PathBuf, crate::exchange::Sharing>),
    /// An entry and the partner's side, for both worlds.
    BothWorldsRead(Result<Box<crate::exchange::BothRead>, String>),
    /// The user's answer on how close the partner came, kept (or not).
    FeedbackKept(Result<(), String>),
    /// What a share would carry, before it is written.
    ShareReady(Result<super::ShareReady, String>),
    /// The exchange file written.
    Shared(Result<PathBuf, String>),
    /// A partner's file brought in: what to say.
    Imported(Result<String, String>),
    /// The file at this path is locked with a phrase: ask for it.
    ImportNeedsPhrase(PathBuf),
    /// What came of trying a passphrase on the locked journal.
    Unlocked(super::UnlockResult),
    /// The user's editor returned with the text handed to it (`Ok`), or could not
    /// run or failed (`Err`, the reason). `view` is what was on screen then.
    TextEdited {
        view: View,
        result: Result<String, String>,
    },
    /// The word lists of the observations, read from the data folder, and the
    /// problems found in the user's file.
    Lexicon {
        lexicon: crate::observe::Lexicon,
        problems: Vec<crate::exercise::Problem>,
    },
    /// The program must stop (a signal, the terminal gone, a panic): save
    /// everything and leave, as any quit does.
    Terminate,
}

/// An entry to write.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveJob {
    pub id: String,
    /// Which attempt, unique in this run: two attempts at one exercise may start in
    /// the same second, and must never share a file.
    pub attempt: u64,
    /// The revision of the text saved, so a later edit is not marked saved.
    pub revision: u64,
    /// `None` for a first save: a new entry file is made.
    pub path: Option<PathBuf>,
    pub entry: Entry,
}

/// What `update` asks the outside world to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Quit,
    /// Try this passphrase on the locked journal.
    Unlock(crate::exchange::phrase::Phrase),
    /// Drop the locked journal's key from memory.
    ForgetKey,
    Save(Box<SaveJob>),
    LoadDraft {
        id: String,
        path: PathBuf,
    },
    ReadEntry(PathBuf),
    Export(PathBuf),
    Delete(PathBuf),
    /// Removes these exports from the exports folder.
    DeleteExports(Vec<PathBuf>),
    /// Removes the file of an attempt in which nothing was written.
    Discard(PathBuf),
    /// Reads every scenario file again, from these sources.
    ReloadLibrary(crate::exercise::Sources),
    /// Read the entry and the partner's side of its moment (only for a finished entry).
    ReadBothWorlds(PathBuf),
    /// Find what sharing the entry would carry, and the name remembered.
    PrepareShare(PathBuf),
    /// Write the entry's exchange file, under this name (remembered).
    Share {
        path: PathBuf,
        name: String,
    },
    /// Bring in the exchange file at this path (with the phrase it is locked with).
    Import {
        path: PathBuf,
        phrase: Option<crate::exchange::phrase::Phrase>,
    },
    /// Keep the user's answer on how close the partner's guess came.
    KeepFeedback {
        exchange: String,
        feedback: crate::exchange::Feedback,
    },
    /// Hands the text being written to the user's editor, and back.
    EditText {
        view: View,
        text: String,
    },
    ListJournal,
    /// The safety note was read: remember it in the program's state file.
    RememberNoteSeen,
    /// Read the word lists of the observations (answered by [`Msg::Lexicon`]).
    LoadLexicon,
    /// Remember these choices in the program's state file.
    RememberPrefs(super::Prefs),
    /// Write a moment of one's own as a scenario file in the user's exercises folder,
    /// with an id no exercise in `taken` has (answered by [`Msg::MomentWritten`]).
    /// Open a scenario file in the user's editor, then read it again.
    EditScenario {
        origin: crate::exercise::Origin,
        path: PathBuf,
    },
    /// Copy a built-in scenario into the user's folder under a new id no exercise in
    /// `taken` has, then edit the copy.
    CopyBuiltin {
        id: String,
        file: String,
        taken: Vec<String>,
    },
    WriteMoment {
        serial: u64,
        partner: String,
        title: String,
        happened: String,
        taken: Vec<String>,
    },
}

/// What is on screen, as far as scrolling is concerned: limits measured on one view
/// do not hold for another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct View {
    pub screen: Screen,
    /// Which kind of window is open over it, if any.
    pub overlay: Option<Discriminant<Overlay>>,
    /// The attempt on screen, by its serial: the exercise's, or the entry being read.
    pub attempt: Option<u64>,
}

/// What a frame had room for, measured by the drawing code and reported back through
/// [`Msg::Viewport`]: how far each text on screen can scroll, and how many rows the
/// writing box shows. A key pressed before the next frame (in a burst, or after the
/// screen changed) moves freely; the drawing shows it within bounds, and the next
/// report brings the position back within them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Viewport {
    /// The view measured; `None` when no text was drawn (too small, hidden).
    pub view: Option<View>,
    /// How far the screen's text can scroll: the scenario, or an entry's reflection.
    pub text: usize,
    /// How far each column of the side by side can scroll.
    pub columns: (usize, usize),
    /// How far the side by side's third column (the friend's view) can scroll.
    pub third: usize,
    /// How far the open overlay can scroll.
    pub overlay: usize,
    /// Rows of what the page keys move through: the open overlay, else the screen's
    /// list, text or writing box.
    pub page_rows: usize,
    /// Where the screen's list is (the library's, the journal's), for a click.
    pub list: Option<ratatui::layout::Rect>,
    /// Where the columns of the side by side or the reading view are (empty where
    /// there is none), for a click.
    pub column_areas: [ratatui::layout::Rect; 3],
}
