package io.fragscope.model;

/**
 * What an allocator does with a request, as Redis sees it through zmalloc.
 *
 * <p>Examples: a 17-byte request takes 24 bytes on Redis's bundled jemalloc (8-byte quantum) and 32 on a
 * distribution's jemalloc (16-byte quantum); glibc gives it 24 usable bytes in a 32-byte chunk; a libc
 * build without {@code malloc_usable_size} charges used_memory 17 + 8 (PREFIX_SIZE) and never sees the rounding.
 */
public interface Allocator {

    /** The name used by {@code --allocator} and in reports. */
    String name();

    /** Bytes the allocator hands out for {@code request} bytes: its size class (usable size). */
    long usable(long request);

    /** Hidden header zmalloc adds to every allocation when the allocator cannot tell sizes (src/zmalloc.h PREFIX_SIZE). */
    long prefixSize();

    /**
     * What {@code used_memory} grows by for one allocation: the usable size when Redis can ask for it
     * (HAVE_MALLOC_SIZE), else the request plus PREFIX_SIZE.
     */
    default long usedMemoryCharge(long request) {
        return prefixSize() == 0 ? usable(request) : request + prefixSize();
    }

    /** Bytes really taken from the heap for one allocation: size class, including any prefix. */
    default long footprint(long request) {
        return usable(request + prefixSize());
    }
}
