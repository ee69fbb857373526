//! Every single-word list of [`super::words`] in one index: a word's classes are one hash
//! lookup instead of a scan of each list (this runs for every word on every keystroke).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::words::*;

pub(super) const FILLER: u32 = 1;
pub(super) const VAGUE: u32 = 1 << 1;
pub(super) const EMPTY: u32 = 1 << 2;
pub(super) const WHOLLY: u32 = 1 << 3;
pub(super) const ABSTRACT: u32 = 1 << 4;
pub(super) const BOUNDARY: u32 = 1 << 5;
pub(super) const CLAUSE_JOINER: u32 = 1 << 6;
pub(super) const GENERIC_ACRONYM: u32 = 1 << 7;
pub(super) const TRAILER: u32 = 1 << 8;
pub(super) const OPERATIONAL_PLAN: u32 = 1 << 9;
pub(super) const ADVERB: u32 = 1 << 10;
pub(super) const TELLING: u32 = 1 << 11;
pub(super) const TEAM: u32 = 1 << 12;
pub(super) const DEPARTMENT: u32 = 1 << 13;
pub(super) const NOT_A_PERSON: u32 = 1 << 14;
pub(super) const PLACEHOLDER: u32 = 1 << 15;
pub(super) const OWNER_FILLER_WORD: u32 = 1 << 16;
pub(super) const JOINER: u32 = 1 << 17;
pub(super) const ANNOTATION: u32 = 1 << 18;
pub(super) const GIVEN_NAME: u32 = 1 << 19;
pub(super) const MAILBOX: u32 = 1 << 20;
pub(super) const NOUN_GERUND: u32 = 1 << 21;
pub(super) const PROCESS_OBJECT: u32 = 1 << 22;

/// FNV-1a: short keys, no need for a DoS-resistant hash on our own word lists.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Index = HashMap<&'static str, u32, BuildHasherDefault<Fnv>>;

fn index() -> &'static Index {
    static CELL: OnceLock<Index> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut index = Index::default();
        let mut add = |list: Words, bit: u32| {
            for w in list.iter().filter(|w| !w.contains(' ')) {
                *index.entry(w).or_insert(0) |= bit;
            }
        };
        add(OBJECT_FILLER, FILLER);
        add(EMPTY_CLAUSE_WORDS, EMPTY);
        add(WHOLLY_VAGUE, WHOLLY);
        add(ABSTRACT_HEADS, ABSTRACT);
        add(PHRASE_BOUNDARIES, BOUNDARY);
        add(CLAUSE_JOINERS, CLAUSE_JOINER);
        add(GENERIC_ACRONYMS, GENERIC_ACRONYM);
        add(PROCESS_OBJECT_TRAILERS, TRAILER);
        add(OPERATIONAL_PLANS, OPERATIONAL_PLAN);
        add(LEADING_ADVERBS, ADVERB);
        add(TELLING_VERBS, TELLING);
        add(TEAM_OR_ROLE_WORDS, TEAM);
        add(DEPARTMENT_WORDS, DEPARTMENT);
        add(NEVER_A_PERSON, NOT_A_PERSON);
        add(PLACEHOLDER_WORDS, PLACEHOLDER);
        add(OWNER_FILLER, OWNER_FILLER_WORD);
        add(JOINERS, JOINER);
        add(ANNOTATION_STARTERS, ANNOTATION);
        add(GIVEN_NAMES, GIVEN_NAME);
        add(MAILBOX_WORDS, MAILBOX);
        add(NOUN_GERUNDS, NOUN_GERUND);
        add(PROCESS_OBJECTS, PROCESS_OBJECT);
        // Every word of the vague objects, filler aside ("the bug" → "bug").
        for phrase in VAGUE_OBJECTS {
            for w in phrase.split(' ').filter(|w| !OBJECT_FILLER.contains(w)) {
                *index.entry(w).or_insert(0) |= VAGUE;
            }
        }
        index
    })
}

/// The classes of a lowercase word (0 for none).
pub(super) fn of(word: &str) -> u32 {
    index().get(word).copied().unwrap_or(0)
}

/// Whether a lowercase word is in any of `bits`.
pub(super) fn is(word: &str, bits: u32) -> bool {
    of(word) & bits != 0
}
