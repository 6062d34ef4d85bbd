//! Drawing: one module per screen.
