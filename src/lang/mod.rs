//! What bantin knows of the languages it reads: each fact written once, used by every stage.

pub mod en;
