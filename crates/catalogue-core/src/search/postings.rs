//! A term's postings, held compact: on a large catalogue they are tens of millions, and
//! as pairs of 32-bit numbers they were most of the app's memory. Each posting is two
//! LEB128 numbers (the gap from the previous document, then the weighted frequency in
//! halves times two, plus one when the term is in the title), so most take two bytes
//! instead of eight; scoring decodes them as it goes. The stored form is the same
//! bytes, so reading a stored index copies them.
//!
//! Written here rather than taken from a crate: the encoding is a few lines, and the
//! crates for compressed integer lists (bit-packed blocks) would need the frequencies
//! and title marks kept apart, for lists mostly too short to fill a block.

use super::Posting;

#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Postings {
    bytes: Vec<u8>,
    len: u32,
    /// The document of the last posting: the next one's gap is counted from it.
    last: u32,
}

fn write(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The number at `bytes[*at..]`, moving `at` past it; `None` when the bytes end in the
/// middle of one or it does not fit 32 bits.
#[inline(always)]
fn read(bytes: &[u8], at: &mut usize) -> Option<u32> {
    // Most numbers take one byte.
    let b = *bytes.get(*at)?;
    if b < 0x80 {
        *at += 1;
        return Some(u32::from(b));
    }
    read_long(bytes, at)
}

#[cold]
fn read_long(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut n = 0u32;
    for shift in (0..35).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        n |= u32::from(b & 0x7f).checked_shl(shift)?;
        if b & 0x80 == 0 {
            return Some(n);
        }
    }
    None
}

fn frequency(p: Posting) -> u32 {
    ((p.tf * 2.0).round() as u32) << 1 | u32::from(p.in_title())
}

impl Postings {
    pub(super) fn len(&self) -> usize {
        self.len as usize
    }

    pub(super) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Adds a posting after every other: documents are indexed in slot order.
    pub(super) fn push(&mut self, p: Posting) {
        debug_assert!(self.len == 0 || p.doc() > self.last, "postings in document order");
        let gap = if self.len == 0 { p.doc() } else { p.doc() - self.last };
        write(&mut self.bytes, gap);
        write(&mut self.bytes, frequency(p));
        self.last = p.doc();
        self.len += 1;
    }

    pub(super) fn iter(&self) -> Iter<'_> {
        Iter { bytes: &self.bytes, at: 0, doc: 0 }
    }

    /// Keeps the postings `keep` says to; the bytes are written again only when one goes.
    pub(super) fn retain(&mut self, keep: impl Fn(Posting) -> bool) {
        if self.iter().all(&keep) {
            return;
        }
        let mut kept = Postings::default();
        self.iter().filter(|&p| keep(p)).for_each(|p| kept.push(p));
        *self = kept;
    }

    pub(super) fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Postings from their bytes, checked: every posting whole, in order and naming a
    /// document `is_doc` knows.
    pub(super) fn from_bytes(bytes: Vec<u8>, is_doc: impl Fn(u32) -> bool) -> Result<Postings, &'static str> {
        let (mut at, mut doc, mut len) = (0, 0u32, 0u32);
        while at < bytes.len() {
            let gap = read(&bytes, &mut at).ok_or("a stored posting cut short")?;
            read(&bytes, &mut at).ok_or("a stored posting without its frequency")?;
            doc = if len == 0 {
                gap
            } else {
                doc.checked_add(gap).filter(|_| gap > 0).ok_or("stored postings out of order")?
            };
            if doc & super::TITLE_BIT != 0 || !is_doc(doc) {
                return Err("a stored posting names no document");
            }
            len += 1;
        }
        Ok(Postings { bytes, len, last: doc })
    }
}

pub(super) struct Iter<'a> {
    bytes: &'a [u8],
    at: usize,
    doc: u32,
}

impl Iterator for Iter<'_> {
    type Item = Posting;

    #[inline]
    fn next(&mut self) -> Option<Posting> {
        let first = self.at == 0;
        let gap = read(self.bytes, &mut self.at)?;
        let f = read(self.bytes, &mut self.at)?;
        self.doc = if first { gap } else { self.doc + gap };
        Some(Posting::new(self.doc, (f >> 1) as f32 / 2.0, f & 1 == 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_read_back_as_written_and_damaged_bytes_are_refused() {
        let written = [Posting::new(0, 1.5, true), Posting::new(3, 2.0, false), Posting::new(300, 120.5, true)];
        let mut p = Postings::default();
        written.iter().for_each(|&x| p.push(x));
        let read: Vec<(u32, f32, bool)> = p.iter().map(|x| (x.doc(), x.tf, x.in_title())).collect();
        assert_eq!(read, [(0, 1.5, true), (3, 2.0, false), (300, 120.5, true)]);
        let below = |n: u32| move |doc: u32| doc < n;
        assert_eq!(Postings::from_bytes(p.bytes().to_vec(), below(301)), Ok(p.clone()));
        assert!(Postings::from_bytes(p.bytes().to_vec(), below(300)).is_err(), "a document beyond the slots");
        assert!(Postings::from_bytes(p.bytes()[..p.bytes().len() - 1].to_vec(), below(301)).is_err(), "cut short");
        p.retain(|x| x.doc() != 3);
        assert_eq!(p.iter().map(|x| x.doc()).collect::<Vec<_>>(), [0, 300]);
        assert_eq!(p.len(), 2);
    }
}
