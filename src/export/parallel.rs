//! Large exports build their rows (or REFI-QDA document parts) on every core:
//! one scoped thread per chunk, results kept in input order.

/// Most threads an export uses.
const MAX_THREADS: usize = 8;

/// `build` applied to every item, in order; on up to [`MAX_THREADS`] threads when
/// `worth_it` (callers pass a size test), else on this one. A chunk whose
/// thread failed is built again here, so no result is lost.
pub(crate) fn map_in_order<'s, T, R, F>(items: &'s [T], worth_it: bool, build: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&'s T) -> R + Sync,
{
    let build_chunk = |chunk: &'s [T]| -> Vec<R> { chunk.iter().map(&build).collect() };
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, MAX_THREADS);
    if threads == 1 || !worth_it {
        return build_chunk(items);
    }
    let chunk_length = items.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let work: Vec<_> = items
            .chunks(chunk_length)
            .map(|chunk| (chunk, scope.spawn(|| build_chunk(chunk))))
            .collect();
        let mut results = Vec::with_capacity(items.len());
        for (chunk, handle) in work {
            results.extend(handle.join().unwrap_or_else(|_| build_chunk(chunk)));
        }
        results
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_order_in_parallel_and_alone() {
        let items: Vec<usize> = (0..10_001).collect();
        let doubled: Vec<usize> = items.iter().map(|n| n * 2).collect();
        assert_eq!(map_in_order(&items, true, |n| n * 2), doubled);
        assert_eq!(map_in_order(&items, false, |n| n * 2), doubled);
        assert!(map_in_order(&[] as &[usize], true, |n| *n).is_empty());
    }
}
