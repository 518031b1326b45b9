package io.fragscope.model;

import java.util.List;
import java.util.Optional;

/** The allocator models by {@code --allocator} name. */
public final class Allocators {
    public static final Allocator JEMALLOC = new JemallocAllocator("jemalloc", 3);
    public static final Allocator JEMALLOC_Q16 = new JemallocAllocator("jemalloc-q16", 4);
    public static final Allocator JEMALLOC_36 = new Jemalloc36Allocator();
    public static final Allocator LIBC = new GlibcAllocator("libc", 0);
    public static final Allocator LIBC_PREFIX = new GlibcAllocator("libc-prefix", 8);
    public static final Allocator TCMALLOC = new TcmallocAllocator();

    private static final List<Allocator> ALL = List.of(JEMALLOC, JEMALLOC_Q16, JEMALLOC_36, LIBC, LIBC_PREFIX, TCMALLOC);

    private Allocators() {}

    public static List<Allocator> all() { return ALL; }

    public static Optional<Allocator> byName(String name) {
        return ALL.stream().filter(a -> a.name().equalsIgnoreCase(name.trim())).findFirst();
    }
}
