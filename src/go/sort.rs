//! Go's `sort.Sort` (pattern-defeating quicksort, Go ≥ 1.19) and `sort.Stable` /
//! `sort.SliceStable` (insertion-sorted blocks + SymMerge), reimplemented so that the
//! resulting permutation is identical to Go's for the *same* `Less` function.
//!
//! Why this matters: apimachinery sorts merge lists with
//! `Less(i, j) = sort.StringsAreSorted([]string{s[i], s[j]})`, i.e. `s[i] <= s[j]`, a
//! non-strict comparison. With duplicate merge keys (a user-chosen `-c` equal to an
//! existing container name) the relative order of equal elements is decided by the
//! exact sequence of comparisons and swaps of Go's algorithm, and that order decides
//! which elements `diffListsOfMaps` pairs up. An ordinary Rust sort would pair them
//! differently (see the `eph-container-name-existing-ephemeral` golden).
//!
//! The sort works on a permutation vector; the caller supplies `less(a, b)` over the
//! original positions. Every index access is checked (the algorithm keeps indices in
//! bounds; a violation would only make the result wrong, never trap).

/// A permutation being sorted with a caller-supplied `less` on original positions.
struct Perm<'a> {
    p: Vec<usize>,
    less: &'a dyn Fn(usize, usize) -> bool,
}

impl Perm<'_> {
    fn less(&self, i: usize, j: usize) -> bool {
        match (self.p.get(i), self.p.get(j)) {
            (Some(&a), Some(&b)) => (self.less)(a, b),
            _ => false,
        }
    }

    fn swap(&mut self, i: usize, j: usize) {
        if i < self.p.len() && j < self.p.len() {
            self.p.swap(i, j);
        }
    }
}

/// `sort.Sort` on `n` elements: returns the permutation (new position → old position).
pub(crate) fn go_sort(n: usize, less: &dyn Fn(usize, usize) -> bool) -> Vec<usize> {
    let mut d = Perm {
        p: (0..n).collect(),
        less,
    };
    if n > 1 {
        let limit = bit_len(n);
        pdqsort(&mut d, 0, n, limit);
    }
    d.p
}

/// A stable sort of `items` by a string key, through [`go_stable`]: the crate's sorts share
/// this one routine instead of each element type instantiating `slice::sort` (Wasm size).
/// Stable sorts agree, so this is `items.sort_by(|a, b| key(a).cmp(key(b)))`.
pub(crate) fn stable_sort_by_str<T>(items: Vec<T>, key: impl Fn(&T) -> &str) -> Vec<T> {
    let less = |i: usize, j: usize| match (items.get(i), items.get(j)) {
        (Some(a), Some(b)) => key(a) < key(b),
        _ => false,
    };
    let perm = go_stable(items.len(), &less);
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    perm.into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect()
}

/// `sort.SliceStable` / `sort.Stable` on `n` elements: the permutation.
pub(crate) fn go_stable(n: usize, less: &dyn Fn(usize, usize) -> bool) -> Vec<usize> {
    let mut d = Perm {
        p: (0..n).collect(),
        less,
    };
    stable(&mut d, n);
    d.p
}

/// `bits.Len(uint(n))`.
fn bit_len(n: usize) -> usize {
    (usize::BITS - n.leading_zeros()) as usize
}

fn insertion_sort(d: &mut Perm<'_>, a: usize, b: usize) {
    let mut i = a + 1;
    while i < b {
        let mut j = i;
        while j > a && d.less(j, j - 1) {
            d.swap(j, j - 1);
            j -= 1;
        }
        i += 1;
    }
}

fn sift_down(d: &mut Perm<'_>, lo: usize, hi: usize, first: usize) {
    let mut root = lo;
    loop {
        let mut child = 2 * root + 1;
        if child >= hi {
            return;
        }
        if child + 1 < hi && d.less(first + child, first + child + 1) {
            child += 1;
        }
        if !d.less(first + root, first + child) {
            return;
        }
        d.swap(first + root, first + child);
        root = child;
    }
}

fn heap_sort(d: &mut Perm<'_>, a: usize, b: usize) {
    let first = a;
    let hi = b - a;
    let mut i = (hi as isize - 1) / 2;
    while i >= 0 {
        sift_down(d, i as usize, hi, first);
        i -= 1;
    }
    let mut i = hi as isize - 1;
    while i >= 0 {
        d.swap(first, first + i as usize);
        sift_down(d, 0, i as usize, first);
        i -= 1;
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Hint {
    Unknown,
    Increasing,
    Decreasing,
}

fn pdqsort(d: &mut Perm<'_>, mut a: usize, mut b: usize, mut limit: usize) {
    const MAX_INSERTION: usize = 12;
    let mut was_balanced = true;
    let mut was_partitioned = true;
    loop {
        let length = b - a;
        if length <= MAX_INSERTION {
            insertion_sort(d, a, b);
            return;
        }
        if limit == 0 {
            heap_sort(d, a, b);
            return;
        }
        if !was_balanced {
            break_patterns(d, a, b);
            limit -= 1;
        }
        let (mut pivot, mut hint) = choose_pivot(d, a, b);
        if hint == Hint::Decreasing {
            reverse_range(d, a, b);
            pivot = (b - 1) - (pivot - a);
            hint = Hint::Increasing;
        }
        if was_balanced
            && was_partitioned
            && hint == Hint::Increasing
            && partial_insertion_sort(d, a, b)
        {
            return;
        }
        if a > 0 && !d.less(a - 1, pivot) {
            a = partition_equal(d, a, b, pivot);
            continue;
        }
        let (mid, already) = partition(d, a, b, pivot);
        was_partitioned = already;
        let (left_len, right_len) = (mid - a, b - mid);
        let balance_threshold = length / 8;
        if left_len < right_len {
            was_balanced = left_len >= balance_threshold;
            pdqsort(d, a, mid, limit);
            a = mid + 1;
        } else {
            was_balanced = right_len >= balance_threshold;
            pdqsort(d, mid + 1, b, limit);
            b = mid;
        }
    }
}

fn partition(d: &mut Perm<'_>, a: usize, b: usize, pivot: usize) -> (usize, bool) {
    d.swap(a, pivot);
    // i and j are inclusive bounds; j may go below a+1 (never below a).
    let (mut i, mut j) = (a as isize + 1, b as isize - 1);
    while i <= j && d.less(i as usize, a) {
        i += 1;
    }
    while i <= j && !d.less(j as usize, a) {
        j -= 1;
    }
    if i > j {
        d.swap(j as usize, a);
        return (j as usize, true);
    }
    d.swap(i as usize, j as usize);
    i += 1;
    j -= 1;
    loop {
        while i <= j && d.less(i as usize, a) {
            i += 1;
        }
        while i <= j && !d.less(j as usize, a) {
            j -= 1;
        }
        if i > j {
            break;
        }
        d.swap(i as usize, j as usize);
        i += 1;
        j -= 1;
    }
    d.swap(j as usize, a);
    (j as usize, false)
}

fn partition_equal(d: &mut Perm<'_>, a: usize, b: usize, pivot: usize) -> usize {
    d.swap(a, pivot);
    let (mut i, mut j) = (a as isize + 1, b as isize - 1);
    loop {
        while i <= j && !d.less(a, i as usize) {
            i += 1;
        }
        while i <= j && d.less(a, j as usize) {
            j -= 1;
        }
        if i > j {
            break;
        }
        d.swap(i as usize, j as usize);
        i += 1;
        j -= 1;
    }
    i as usize
}

fn partial_insertion_sort(d: &mut Perm<'_>, a: usize, b: usize) -> bool {
    const MAX_STEPS: usize = 5;
    const SHORTEST_SHIFTING: usize = 50;
    let mut i = a + 1;
    for _ in 0..MAX_STEPS {
        while i < b && !d.less(i, i - 1) {
            i += 1;
        }
        if i == b {
            return true;
        }
        if b - a < SHORTEST_SHIFTING {
            return false;
        }
        d.swap(i, i - 1);
        if i - a >= 2 {
            let mut j = i - 1;
            while j >= 1 {
                if !d.less(j, j - 1) {
                    break;
                }
                d.swap(j, j - 1);
                j -= 1;
            }
        }
        if b - i >= 2 {
            let mut j = i + 1;
            while j < b {
                if !d.less(j, j - 1) {
                    break;
                }
                d.swap(j, j - 1);
                j += 1;
            }
        }
    }
    false
}

fn break_patterns(d: &mut Perm<'_>, a: usize, b: usize) {
    let length = b - a;
    if length >= 8 {
        // DIVERGENCE(apimachinery): Go changed the xorshift constants between releases
        // (13/17/5 in early pdqsort versions, 13/7/17 later); we use the later ones. This
        // only matters for >12 elements with duplicate merge keys after an unbalanced
        // partition.
        let mut random = length as u64;
        let modulus = 1usize << bit_len(length);
        let start = a + (length / 4) * 2 - 1;
        for idx in start..=start + 2 {
            random ^= random << 13;
            random ^= random >> 7;
            random ^= random << 17;
            let mut other = (random as usize) & (modulus - 1);
            if other >= length {
                other -= length;
            }
            d.swap(idx, a + other);
        }
    }
}

fn choose_pivot(d: &mut Perm<'_>, a: usize, b: usize) -> (usize, Hint) {
    const SHORTEST_NINTHER: usize = 50;
    const MAX_SWAPS: usize = 4 * 3;
    let l = b - a;
    let mut swaps = 0usize;
    let mut i = a + l / 4;
    let mut j = a + l / 4 * 2;
    let mut k = a + l / 4 * 3;
    if l >= 8 {
        if l >= SHORTEST_NINTHER {
            i = median(d, i - 1, i, i + 1, &mut swaps);
            j = median(d, j - 1, j, j + 1, &mut swaps);
            k = median(d, k - 1, k, k + 1, &mut swaps);
        }
        j = median(d, i, j, k, &mut swaps);
    }
    match swaps {
        0 => (j, Hint::Increasing),
        MAX_SWAPS => (j, Hint::Decreasing),
        _ => (j, Hint::Unknown),
    }
}

fn order2(d: &Perm<'_>, a: usize, b: usize, swaps: &mut usize) -> (usize, usize) {
    if d.less(b, a) {
        *swaps += 1;
        (b, a)
    } else {
        (a, b)
    }
}

fn median(d: &Perm<'_>, a: usize, b: usize, c: usize, swaps: &mut usize) -> usize {
    let (a, b) = order2(d, a, b, swaps);
    let (b, c) = order2(d, b, c, swaps);
    let (_a, b) = order2(d, a, b, swaps);
    let _ = c;
    b
}

fn reverse_range(d: &mut Perm<'_>, a: usize, b: usize) {
    let (mut i, mut j) = (a, b - 1);
    while i < j {
        d.swap(i, j);
        i += 1;
        j -= 1;
    }
}

fn swap_range(d: &mut Perm<'_>, a: usize, b: usize, n: usize) {
    for i in 0..n {
        d.swap(a + i, b + i);
    }
}

fn stable(d: &mut Perm<'_>, n: usize) {
    let mut block = 20usize;
    let (mut a, mut b) = (0usize, block);
    while b <= n {
        insertion_sort(d, a, b);
        a = b;
        b += block;
    }
    insertion_sort(d, a, n);
    while block < n {
        a = 0;
        b = 2 * block;
        while b <= n {
            sym_merge(d, a, a + block, b);
            a = b;
            b += 2 * block;
        }
        let m = a + block;
        if m < n {
            sym_merge(d, a, m, n);
        }
        block *= 2;
    }
}

fn sym_merge(d: &mut Perm<'_>, a: usize, m: usize, b: usize) {
    if m - a == 1 {
        let (mut i, mut j) = (m, b);
        while i < j {
            let h = (i + j) / 2;
            if d.less(h, a) {
                i = h + 1;
            } else {
                j = h;
            }
        }
        let mut k = a;
        while k + 1 < i {
            d.swap(k, k + 1);
            k += 1;
        }
        return;
    }
    if b - m == 1 {
        let (mut i, mut j) = (a, m);
        while i < j {
            let h = (i + j) / 2;
            if !d.less(m, h) {
                i = h + 1;
            } else {
                j = h;
            }
        }
        let mut k = m;
        while k > i {
            d.swap(k, k - 1);
            k -= 1;
        }
        return;
    }
    let mid = (a + b) / 2;
    let n = mid + m;
    let (mut start, mut r) = if m > mid { (n - b, mid) } else { (a, m) };
    let p = n - 1;
    while start < r {
        let c = (start + r) / 2;
        if !d.less(p - c, c) {
            start = c + 1;
        } else {
            r = c;
        }
    }
    let end = n - start;
    if start < m && m < end {
        rotate(d, start, m, end);
    }
    if a < start && start < mid {
        sym_merge(d, a, start, mid);
    }
    if mid < end && end < b {
        sym_merge(d, mid, end, b);
    }
}

fn rotate(d: &mut Perm<'_>, a: usize, m: usize, b: usize) {
    let mut i = m - a;
    let mut j = b - m;
    while i != j {
        if i > j {
            swap_range(d, m - i, m, j);
            i -= j;
        } else {
            swap_range(d, m - i, m + j - i, i);
            j -= i;
        }
    }
    swap_range(d, m - i, m, i);
}
