package io.fragscope.model;

/**
 * glibc ptmalloc on x86_64: a chunk of max(32, (n + 8 + 15) & ~15) bytes with n ≤ chunk − 8 usable; from
 * the mmap threshold (128 KiB by default) a page-rounded mapping with 16 bytes of header. Verified against
 * glibc 2.36's malloc_usable_size for n = 0…4096 (shared docs §2.3). A 17-byte request gets 24 usable bytes.
 *
 * @param prefix 0 for builds that ask malloc_usable_size (5.0+), 8 for those that prefix every allocation
 *               (≤ 4.0, musl): then used_memory counts request + 8 and never sees the rounding.
 */
record GlibcAllocator(String name, long prefix) implements Allocator {
    static final long MMAP_THRESHOLD = 128 * 1024;

    @Override public long prefixSize() { return prefix; }

    @Override public long usable(long n) {
        if (n + 8 >= MMAP_THRESHOLD) return ((n + 16 + 4095) & ~4095L) - 16;
        return Math.max(32, (n + 8 + 15) & ~15L) - 8;
    }
}
