package io.fragscope.model;

/**
 * tcmalloc (gperftools) computes its classes at start-up; this is an approximation, not its table: 8 and
 * 16-byte steps up to 128 bytes, then classes about 12.5 % apart (eight per doubling), pages (8 KiB) above
 * 256 KiB. Figures under this model are estimates of the order of rounding, not exact.
 */
final class TcmallocAllocator implements Allocator {
    @Override public String name() { return "tcmalloc"; }

    @Override public long prefixSize() { return 0; }

    @Override public long usable(long n) {
        if (n <= 8) return 8;
        if (n <= 128) return (n + 15) / 16 * 16;
        if (n > 256 * 1024) return (n + 8191) / 8192 * 8192;
        return JemallocAllocator.groupRound(n, 3);
    }
}
