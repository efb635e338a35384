//! Finding the end of a run of plain string bytes eight bytes at a time ("SIMD within a
//! register"): the Wasm is built without SIMD, and a byte-at-a-time loop over a pod's string
//! text was the largest single cost of a plan (`npm run bench`: 2–3 µs less per plan on the
//! 5.9 KB pod).

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = ONES * 0x80;

/// High bit set in each byte of `v` that is below `n` (`n` ≤ 128). Borrows only run upwards,
/// so the lowest flagged byte is always a true one (a higher flag may be false).
#[inline(always)]
fn below(v: u64, n: u8) -> u64 {
    v.wrapping_sub(ONES * u64::from(n)) & !v & HIGHS
}

/// High bit set in each byte of `v` equal to `b` (the lowest flag is exact, as in [`below`]).
#[inline(always)]
fn equal(v: u64, b: u8) -> u64 {
    below(v ^ (ONES * u64::from(b)), 1)
}

/// The offset of the first byte in `bytes` that is a quote or a backslash, or (when `CONTROL`)
/// a control character (below 0x20).
#[inline(always)]
pub(crate) fn special<const CONTROL: bool>(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let v = u64::from_le_bytes(word);
        let mut hits = equal(v, b'"') | equal(v, b'\\');
        if CONTROL {
            hits |= below(v, 0x20);
        }
        if hits != 0 {
            return Some(at + (hits.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let tail = chunks.remainder();
    tail.iter()
        .position(|&b| b == b'"' || b == b'\\' || (CONTROL && b < 0x20))
        .map(|i| at + i)
}

/// The offset of the first backslash in `bytes`.
pub(crate) fn backslash(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let hits = equal(u64::from_le_bytes(word), b'\\');
        if hits != 0 {
            return Some(at + (hits.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| b == b'\\')
        .map(|i| at + i)
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::special;

    /// The byte-at-a-time answer.
    fn naive(bytes: &[u8], control: bool) -> Option<usize> {
        bytes
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || (control && b < 0x20))
    }

    #[test]
    fn agrees_with_a_byte_at_a_time_search() {
        let specials = [b'"', b'\\', 0, 0x1f, b'\n'];
        let plain = [
            b'a', b' ', 0x21, 0x5b, 0x5d, 0x7f, 0x80, 0xff, 0xc3, 0x20, b'!',
        ];
        for len in 0..20 {
            for at in 0..=len {
                for &s in &specials {
                    for &p in &plain {
                        let mut bytes = vec![p; len];
                        if at < len {
                            bytes[at] = s;
                        }
                        // A second special later must not be reported first.
                        if at + 3 < len {
                            bytes[at + 3] = b'"';
                        }
                        assert_eq!(special::<true>(&bytes), naive(&bytes, true), "{bytes:?}");
                        assert_eq!(special::<false>(&bytes), naive(&bytes, false), "{bytes:?}");
                        let slash = bytes.iter().position(|&b| b == b'\\');
                        assert_eq!(super::backslash(&bytes), slash, "{bytes:?}");
                    }
                }
            }
        }
    }
}
