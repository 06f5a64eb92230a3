//! Fixed-size little-endian rows: how a snapshot stores the records and side arrays of the
//! claim, source and actor stores, so that they are read back in bulk (the block cut into
//! arrays of `N` bytes, each field taken by `from_le_bytes`), without `unsafe` and whatever the
//! platform's byte order.
//!
//! A row type implements [`Row`]; [`write_rows`] and [`read_rows`] move whole arrays. A problem
//! found in a snapshot's block is a [`BlockProblem`], naming the block and the row (or byte) it
//! is about, which the snapshot reader turns into a place in the file.

/// A value stored as `N` bytes.
pub(crate) trait Row<const N: usize>: Sized {
    /// What one row is, for messages ("claim", "relay").
    const NOUN: &'static str;

    /// Appends the row's `N` bytes.
    fn write(&self, out: &mut Vec<u8>);

    /// The value of a row; `Err` says what is wrong with it (a code that names nothing).
    fn read(row: &[u8; N]) -> Result<Self, String>;
}

/// Appends every value's row.
pub(crate) fn write_rows<const N: usize, R: Row<N>>(values: &[R], out: &mut Vec<u8>) {
    out.reserve(values.len() * N);
    for value in values {
        let before = out.len();
        value.write(out);
        debug_assert_eq!(out.len() - before, N, "a row of {} is {N} bytes", R::NOUN);
    }
}

/// The values of a block of rows, in a vector of exactly their number.
pub(crate) fn read_rows<const N: usize, R: Row<N>>(block: &'static str, bytes: &[u8]) -> Result<Vec<R>, BlockProblem> {
    let (rows, rest) = bytes.as_chunks::<N>();
    if !rest.is_empty() {
        let message = format!("{} bytes, not a whole number of {N}-byte rows", bytes.len());
        return Err(BlockProblem { block, at: At::Whole, message });
    }
    let mut out = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        match R::read(row) {
            Ok(value) => out.push(value),
            Err(message) => return Err(BlockProblem { block, at: At::Row(R::NOUN, i, N), message }),
        }
    }
    Ok(out)
}

/// Reads the fields of one row in order.
pub(crate) struct Fields<'a, const N: usize> {
    row: &'a [u8; N],
    at: usize,
}

impl<'a, const N: usize> Fields<'a, N> {
    pub(crate) fn new(row: &'a [u8; N]) -> Self {
        Fields { row, at: 0 }
    }

    #[inline]
    fn take<const K: usize>(&mut self) -> [u8; K] {
        let bytes = self.row[self.at..self.at + K].try_into().expect("a field within its row");
        self.at += K;
        bytes
    }

    #[inline]
    pub(crate) fn u8(&mut self) -> u8 {
        u8::from_le_bytes(self.take())
    }

    #[inline]
    pub(crate) fn u16(&mut self) -> u16 {
        u16::from_le_bytes(self.take())
    }

    #[inline]
    pub(crate) fn u32(&mut self) -> u32 {
        u32::from_le_bytes(self.take())
    }

    #[inline]
    pub(crate) fn u64(&mut self) -> u64 {
        u64::from_le_bytes(self.take())
    }
}

/// Appends little-endian fields.
pub(crate) fn put_u8(out: &mut Vec<u8>, x: u8) {
    out.push(x);
}

pub(crate) fn put_u16(out: &mut Vec<u8>, x: u16) {
    out.extend_from_slice(&x.to_le_bytes());
}

pub(crate) fn put_u32(out: &mut Vec<u8>, x: u32) {
    out.extend_from_slice(&x.to_le_bytes());
}

pub(crate) fn put_u64(out: &mut Vec<u8>, x: u64) {
    out.extend_from_slice(&x.to_le_bytes());
}

/// What part of a block a problem is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum At {
    /// The block as a whole (its length).
    Whole,
    /// One row: what a row is, its index, and the size of a row in bytes (0 when rows have no
    /// fixed size, as in the snapshots of format version 4).
    Row(&'static str, usize, usize),
    /// A byte of the block.
    Byte(usize),
}

/// A problem with a snapshot's block: the block's name (`claims.records`), where in it, what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct BlockProblem {
    pub(crate) block: &'static str,
    pub(crate) at: At,
    pub(crate) message: String,
}

impl BlockProblem {
    /// A problem with row `i` of a store's records (whose rows are `size` bytes, or 0).
    pub(crate) fn row(block: &'static str, noun: &'static str, i: usize, size: usize, message: String) -> Self {
        BlockProblem { block, at: At::Row(noun, i, size), message }
    }

    /// A problem with the block as a whole.
    pub(crate) fn whole(block: &'static str, message: impl Into<String>) -> Self {
        BlockProblem { block, at: At::Whole, message: message.into() }
    }
}

impl BlockProblem {
    /// The problem with its place in the file, given where the block starts in it: the row and
    /// the byte it starts at, or the byte.
    pub(crate) fn located(&self, block_at: usize) -> String {
        let Self { block, at, message } = self;
        match *at {
            At::Row(noun, i, size) if size > 0 => {
                format!("{block}, {noun} {i} (byte {} of the file): {message}", block_at + i * size)
            }
            At::Byte(b) => format!("{block}, byte {} of the file: {message}", block_at + b),
            At::Whole => format!("{block} (from byte {block_at} of the file): {message}"),
            At::Row(..) => self.to_string(),
        }
    }
}

impl std::fmt::Display for BlockProblem {
    /// The problem with its place in its block only (for snapshots of format version 4, whose
    /// rows have no fixed size: the store, then the row).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Self { block, at, message } = self;
        match *at {
            At::Row(noun, i, _) => {
                let store = block.split('.').next().unwrap_or(block);
                write!(f, "{store}: {noun} {i}: {message}")
            }
            At::Byte(b) => write!(f, "{block}, byte {b}: {message}"),
            At::Whole => write!(f, "{block}: {message}"),
        }
    }
}

/// The text of a block as a `String`; `Err` names the first byte that is not UTF-8.
pub(crate) fn read_text(block: &'static str, bytes: &[u8]) -> Result<String, BlockProblem> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => Err(BlockProblem { block, at: At::Byte(e.valid_up_to()), message: "not UTF-8".to_owned() }),
    }
}

impl Row<4> for u32 {
    const NOUN: &'static str = "entry";

    fn write(&self, out: &mut Vec<u8>) {
        put_u32(out, *self);
    }

    fn read(row: &[u8; 4]) -> Result<u32, String> {
        Ok(u32::from_le_bytes(*row))
    }
}

impl Row<8> for [u32; 2] {
    const NOUN: &'static str = "pair";

    fn write(&self, out: &mut Vec<u8>) {
        put_u32(out, self[0]);
        put_u32(out, self[1]);
    }

    fn read(row: &[u8; 8]) -> Result<[u32; 2], String> {
        let mut f = Fields::new(row);
        Ok([f.u32(), f.u32()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Pair(u16, u64, u8);

    impl Row<11> for Pair {
        const NOUN: &'static str = "pair";

        fn write(&self, out: &mut Vec<u8>) {
            put_u16(out, self.0);
            put_u64(out, self.1);
            put_u8(out, self.2);
        }

        fn read(row: &[u8; 11]) -> Result<Pair, String> {
            let mut f = Fields::new(row);
            let pair = Pair(f.u16(), f.u64(), f.u8());
            if pair.2 > 1 { Err(format!("flag {}", pair.2)) } else { Ok(pair) }
        }
    }

    #[test]
    fn rows_read_back_and_bad_ones_are_placed() {
        let pairs = [Pair(1, u64::MAX, 0), Pair(0xBEEF, 7, 1)];
        let mut bytes = Vec::new();
        write_rows(&pairs, &mut bytes);
        assert_eq!(bytes.len(), 22);
        assert_eq!(&bytes[..3], &[1, 0, 0xFF], "little endian");
        assert_eq!(read_rows::<11, Pair>("pairs", &bytes).unwrap(), pairs);
        let cut = read_rows::<11, Pair>("pairs", &bytes[..21]).unwrap_err();
        assert_eq!(cut.at, At::Whole);
        assert!(cut.message.contains("21 bytes"), "{}", cut.message);
        bytes[21] = 5;
        let bad = read_rows::<11, Pair>("pairs", &bytes).unwrap_err();
        assert_eq!((bad.block, bad.at, bad.message.as_str()), ("pairs", At::Row("pair", 1, 11), "flag 5"));
        assert_eq!(bad.to_string(), "pairs: pair 1: flag 5");
        assert_eq!(bad.located(100), "pairs, pair 1 (byte 111 of the file): flag 5");
        assert_eq!(cut.located(100), "pairs (from byte 100 of the file): 21 bytes, not a whole number of 11-byte rows");
        assert_eq!(read_text("t", "aé".as_bytes()).unwrap(), "aé");
        let not_utf8 = read_text("t", &[b'a', 0xC3]).unwrap_err();
        assert_eq!(not_utf8.located(10), "t, byte 11 of the file: not UTF-8");
    }
}
