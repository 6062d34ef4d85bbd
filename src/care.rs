//! Who two-worlds is for, in one place: the first-run note, help, the README and the
//! scenario template all say the same thing. The numbers were checked against each
//! service's own published pages (December 2026).

/// The note's heading.
pub const SAFETY_TITLE: &str = "Before you begin";

/// The note, a paragraph an item. The quick-hide key is added where it is shown,
/// from the key table.
pub const SAFETY_NOTE: &[&str] = &[
    "two-worlds is for everyday conflicts between two people who feel safe with each \
     other: the dishes, the time, the money, the feeling of not being heard.",
    "If you are afraid of your partner, or they hurt you, threaten you, watch you or \
     control what you do, or you find yourself changing what you do to avoid their \
     anger, then understanding their side will not make you safe, and it is not your \
     job to fix it. Please talk to a domestic-abuse service instead. If you are in \
     danger now, call your emergency number.",
];

/// Helplines, one a line: where, who, how to reach them.
pub const HELPLINES: &[&str] = &[
    "United States: National Domestic Violence Hotline, 1-800-799-7233, or text START to 88788 (emergency: 911)",
    "United Kingdom: National Domestic Abuse Helpline, 0808 2000 247, free, day and night (emergency: 999)",
    "Australia: 1800RESPECT, 1800 737 732 (emergency: 000)",
    "Anywhere else: your local emergency number, or a domestic-abuse helpline in your country",
];

/// Said wherever the journal's privacy is described (`paths`, the README).
pub const WHO_CAN_READ: &str = "Anyone who can use this computer account can read the journal.";
/// The same line for a locked journal: what locking changes, and what it does not.
pub const WHO_CAN_READ_LOCKED: &str = "The journal is locked: its files cannot be read without \
     your passphrase, even by someone with your computer account or your disk. While two-worlds \
     has it open, and in exports you ask for, it is plain text.";
